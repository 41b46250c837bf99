// Flarelink auth Worker: the app's backend. Routes requests to better-auth, to the service-key database and storage
// routes, and to the few /__flarelink endpoints.
import { waitUntil } from "cloudflare:workers";
import { collectEvents, writeEvents } from "./auth-events.js";
import { authFor } from "./auth.js";
import { corsHeaders, originAllowed, preflight, refuseOrigin } from "./cors.js";
import { getConfig, installConfig, NotProvisionedError, readConfig } from "./config.js";
import { batch, query } from "./db.js";
import { json, problem, readJson, withHeaders } from "./http.js";
import { forAuth } from "./server-calls.js";
import { requireReloadCredential, requireServiceKey } from "./service-key.js";
import { storage } from "./storage.js";
import { handleAdmin, isAdminPath } from "./tickets.js";

/** Replaced at build time from bundle.properties (see build.mjs). */
const VERSION = typeof __FLARELINK_VERSION__ === "string" ? __FLARELINK_VERSION__ : "dev";

/** At most one reload per second per isolate: each one costs a D1 read. */
const RELOAD_INTERVAL_MS = 1000;
let lastReload = 0;

// Without an email sender these would only log an error inside better-auth; answer clearly instead.
const EMAIL_PATHS = ["/api/auth/request-password-reset", "/api/auth/forget-password", "/api/auth/send-verification-email"];

async function handleReload(request, env) {
  const now = Date.now();
  if (now - lastReload < RELOAD_INTERVAL_MS) {
    return problem(429, "RELOAD_THROTTLED", "configuration was reloaded less than a second ago", { "retry-after": "1" });
  }
  lastReload = now;
  // Check the credential against what was just read, so a rotated key works at once and the old one stops.
  const fresh = await readConfig(env.DB);
  const { refused, ticket } = await requireReloadCredential(request, fresh, now);
  if (refused) return refused;
  installConfig(fresh, now);
  // A ticket works once: delete it, unless a newer change has already replaced it.
  if (ticket) {
    await env.DB.prepare("DELETE FROM flarelink_config WHERE key IN ('RELOAD_TICKET_HASH', 'RELOAD_TICKET_EXPIRES_AT') "
      + "AND (SELECT value FROM flarelink_config WHERE key = 'RELOAD_TICKET_HASH') = ?1").bind(fresh.reloadTicket.hash).run();
  }
  return json({ ok: true, version: VERSION });
}

/** /api/db/* and /api/storage/*: server-to-server, authorised by the service key alone (never a session cookie). */
async function serviceRoute(request, env, config, path) {
  const refused = await requireServiceKey(request, config);
  if (refused) return refused;
  if (path.startsWith("/api/storage/")) return storage(request, path, config.r2, readJson);
  const run = path === "/api/db/query" ? query : path === "/api/db/batch" ? batch : null;
  if (!run) return problem(404, "NOT_FOUND", "not found");
  if (request.method !== "POST") return problem(405, "METHOD_NOT_ALLOWED", `use POST for ${path}`);
  const body = await readJson(request);
  return body instanceof Response ? body : run(env.DB, body);
}

/** Events known only from the outcome of a request that needs a session: the session is read before it ends. */
const SESSION_EVENTS = { "/api/auth/sign-out": "sign_out", "/api/auth/change-password": "password_changed" };

async function attemptedEmail(request) {
  try {
    const body = await request.clone().json();
    return typeof body?.email === "string" ? body.email.trim().toLowerCase().slice(0, 320) : null;
  } catch {
    return null;
  }
}

/** Hands the request to better-auth and records its auth events (one D1 batch, after the response). */
async function authRequest(auth, request, baseURL, env, config) {
  const path = new URL(request.url).pathname;
  const post = request.method === "POST";
  const sessionEvent = post ? SESSION_EVENTS[path] : undefined;
  const before = sessionEvent ? await auth.api.getSession({ headers: request.headers }).catch(() => null) : null;
  const email = post && path === "/api/auth/sign-in/email" ? await attemptedEmail(request) : null;
  const { result: response, events } = await collectEvents(request, () => auth.handler(forAuth(request, baseURL)));
  if (email && response.status === 401) events.push({ type: "sign_in_failed", userId: null, email });
  if (sessionEvent && response.ok && before?.user) events.push({ type: sessionEvent, userId: before.user.id, email: null });
  if (events.length) waitUntil(writeEvents(env.DB, request, events, config.authEventRetentionDays));
  return response;
}

async function me(auth, request) {
  const session = await auth.api.getSession({ headers: request.headers });
  return session ? json(session) : json({ user: null }, 401);
}

async function route(request, env, config) {
  const url = new URL(request.url);
  const path = url.pathname;
  if (path === "/__flarelink" && request.method === "GET") {
    return json({ version: VERSION, projectId: config.projectId, email: config.email?.provider ?? null, ready: config.secret !== null });
  }
  if (path === "/__flarelink/reload-config" && request.method === "POST") return handleReload(request, env);
  if (path.startsWith("/api/db/") || path.startsWith("/api/storage/")) return serviceRoute(request, env, config, path);
  const admin = isAdminPath(path);
  if (!admin && path !== "/api/me" && !path.startsWith("/api/auth/")) return problem(404, "NOT_FOUND", "not found");
  if (config.secret === null) {
    return problem(503, "AUTH_SECRET_MISSING", "BETTER_AUTH_SECRET is missing from flarelink_config (32+ characters); the Worker will not serve auth without it");
  }
  if (!config.email && EMAIL_PATHS.includes(path)) {
    return problem(412, "EMAIL_NOT_CONFIGURED", "email sending is not configured for this Worker");
  }
  const baseURL = config.baseUrl ?? url.origin;
  const auth = authFor(config, env, baseURL);
  if (admin) return handleAdmin(request, path, env, config, auth);
  if (path === "/api/me") return request.method === "GET" ? me(auth, request) : problem(405, "METHOD_NOT_ALLOWED", "use GET");
  return authRequest(auth, request, baseURL, env, config);
}

async function serve(request, env) {
  let config;
  try {
    config = await getConfig(env.DB);
  } catch (e) {
    if (e instanceof NotProvisionedError) return problem(503, "NOT_PROVISIONED", "the D1 migrations have not been applied");
    throw e;
  }
  const origin = request.headers.get("origin");
  const publicInfo = request.method === "GET" && new URL(request.url).pathname === "/__flarelink";
  if (!publicInfo && !originAllowed(origin, config)) return refuseOrigin();
  if (request.method === "OPTIONS") return origin ? preflight(origin) : problem(400, "NOT_A_PREFLIGHT", "OPTIONS needs an Origin");
  const response = await route(request, env, config);
  return withHeaders(response, origin && config.trustedOrigins.includes(origin) ? corsHeaders(origin) : {});
}

export default {
  async fetch(request, env) {
    try {
      return await serve(request, env);
    } catch (e) {
      // Only the error class is logged: messages from dependencies might contain request data.
      console.error("flarelink worker error", e?.name ?? "Error");
      return problem(500, "INTERNAL_ERROR", "the auth Worker failed to handle this request");
    }
  },
};
