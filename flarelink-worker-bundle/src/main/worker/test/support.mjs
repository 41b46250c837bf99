// Shared test setup: a real workerd (Miniflare) running dist/worker.mjs with in-memory D1 and KV.
import assert from "node:assert/strict";
import { Miniflare } from "miniflare";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleProperties } from "../tools/bundle-properties.mjs";
import { applyMigrations } from "../tools/d1-migrations.mjs";

export const BASE = "https://auth.example.com";
export const APP = "https://app.example.com";
export const SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
export const SERVICE_KEY = `flarelink_sk_${"ab".repeat(32)}`;
const DIST = fileURLToPath(new URL("../../../../dist/worker.mjs", import.meta.url));

export async function sha256Hex(text) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export async function defaultConfig() {
  return {
    BETTER_AUTH_SECRET: SECRET,
    TRUSTED_ORIGINS: `${APP}, http://localhost:3000`,
    FLARELINK_PROJECT_ID: "proj_test",
    SERVICE_KEY_HASH: await sha256Hex(SERVICE_KEY),
  };
}

/** Starts the bundled Worker the way Flarelink deploys it (same compatibility date and flags). */
export async function startWorker({ config, migrate = true, options = {} } = {}) {
  const props = bundleProperties();
  const mf = new Miniflare({
    // modules: [...] rather than scriptPath: Node 20 has no node:sqlite, which Miniflare's import scan rejects.
    modules: [{ type: "ESModule", path: DIST }],
    modulesRoot: dirname(DIST),
    compatibilityDate: props.compatibilityDate,
    compatibilityFlags: props.compatibilityFlags,
    d1Databases: ["DB"],
    kvNamespaces: ["SESSIONS"],
    // No Request.cf download from workers.cloudflare.com: tests never reach the internet.
    cf: false,
    ...options,
  });
  await mf.ready;
  const db = await mf.getD1Database("DB");
  const kv = await mf.getKVNamespace("SESSIONS");
  if (migrate) await applyMigrations(db);
  if (config) await setConfig(db, config);
  return { mf, db, kv };
}

export async function setConfig(db, config) {
  const statements = Object.entries(config).map(([key, value]) =>
    value === null
      ? db.prepare("DELETE FROM flarelink_config WHERE key = ?1").bind(key)
      : db.prepare("INSERT INTO flarelink_config (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2").bind(key, value));
  await db.batch(statements);
}

/** Sends a request from the trusted app origin and a fixed client IP unless told otherwise. */
export function call(mf, path, { method = "GET", body, origin = APP, ip = "203.0.113.7", cookie, headers = {} } = {}) {
  const h = { "cf-connecting-ip": ip, ...headers };
  if (origin) h.origin = origin;
  if (cookie) h.cookie = cookie;
  if (body !== undefined) h["content-type"] = "application/json";
  return mf.dispatchFetch(`${BASE}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** The name=value part of the session cookie in a response, or null. */
export function sessionCookie(response) {
  const header = response.headers.getSetCookie?.() ?? [response.headers.get("set-cookie") ?? ""];
  const line = header.find((c) => c.includes("session_token="));
  return line ? line.split(";")[0] : null;
}

export function signUp(mf, email, password = "correct horse battery", ip) {
  return call(mf, "/api/auth/sign-up/email", { method: "POST", body: { email, password, name: "Test User" }, ip });
}

export function signIn(mf, email, password, ip) {
  return call(mf, "/api/auth/sign-in/email", { method: "POST", body: { email, password }, ip });
}

/** A server-side call: service key, JSON body, no Origin (as @flarelink/client sends it). */
export function service(mf, path, { method = "POST", body, key = SERVICE_KEY, headers = {} } = {}) {
  const h = { ...headers };
  if (key !== null) h.authorization = `Bearer ${key}`;
  return call(mf, path, { method, body, origin: null, headers: h });
}

/** Asserts a Flarelink error answer {error, code} with this status and code; returns the body. */
export async function expectError(responsePromise, status, code) {
  const response = await responsePromise;
  const body = await response.json();
  assert.equal(response.status, status, JSON.stringify(body));
  assert.equal(body.code, code);
  assert.equal(typeof body.error, "string");
  return body;
}
