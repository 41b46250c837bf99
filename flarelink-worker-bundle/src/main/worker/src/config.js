// Worker configuration, read from the flarelink_config table in the Worker's own D1 and cached per isolate.
import { parseAuthSettings } from "./auth-settings.js";
import { clampIterations } from "./password.js";
import { parseBuckets } from "./storage.js";

/** How long a loaded configuration is trusted before the next request reads D1 again. */
export const CACHE_TTL_MS = 60_000;
/** Shortest secret accepted: 32 characters (e.g. 32 hex = 128 bits; Flarelink writes 64 hex). */
export const MIN_SECRET_LENGTH = 32;

/** Raised when the table is missing: the D1 migrations have not been applied. */
export class NotProvisionedError extends Error {}

let cached = null;
let generation = 0;
let lastRaw = null;

function flag(value, fallback) {
  if (value == null || value === "") return fallback;
  return value.trim().toLowerCase() === "true";
}

function origins(value) {
  const out = [];
  for (const entry of (value ?? "").split(",")) {
    const text = entry.trim();
    if (!text) continue;
    try {
      const url = new URL(text);
      if (url.protocol === "https:" || url.protocol === "http:") out.push(url.origin);
    } catch {
      // An unparsable entry is ignored rather than allowing anything.
    }
  }
  return [...new Set(out)];
}

function email(raw) {
  const provider = (raw.EMAIL_PROVIDER ?? "").trim().toLowerCase();
  const from = (raw.EMAIL_FROM ?? "").trim();
  if (!from) return null;
  if (provider === "resend" && raw.RESEND_API_KEY) return { provider, from, resendApiKey: raw.RESEND_API_KEY };
  if (provider === "cloudflare") return { provider, from };
  return null;
}

/** A one-time reload ticket Flarelink writes with a config change: its hash and expiry (epoch ms), or null. */
function reloadTicket(raw) {
  const hash = (raw.RELOAD_TICKET_HASH ?? "").trim().toLowerCase();
  const expiresAt = Number.parseInt(raw.RELOAD_TICKET_EXPIRES_AT ?? "", 10);
  if (!/^[0-9a-f]{64}$/.test(hash) || !Number.isFinite(expiresAt)) return null;
  return { hash, expiresAt };
}

/**
 * The R2 keypair for the storage routes, or null. The account id becomes a host name, so it must be one DNS label.
 * R2_ENDPOINT (an http(s) origin) replaces https://<account>.r2.cloudflarestorage.com; the local sandbox uses it.
 * R2_BUCKETS lists the buckets a bucket-scoped key reaches (see parseBuckets), or is unset for an account-wide key.
 */
function r2(raw) {
  const accountId = (raw.R2_ACCOUNT_ID ?? "").trim();
  const accessKeyId = (raw.R2_ACCESS_KEY_ID ?? "").trim();
  const secretAccessKey = (raw.R2_SECRET_ACCESS_KEY ?? "").trim();
  if (!/^[A-Za-z0-9-]{1,63}$/.test(accountId) || !accessKeyId || !secretAccessKey) return null;
  const endpoint = raw.R2_ENDPOINT ? origins(raw.R2_ENDPOINT)[0] ?? null : null;
  return { accountId, accessKeyId, secretAccessKey, endpoint, buckets: parseBuckets(raw.R2_BUCKETS) };
}

/** Days auth events are kept: 1 to 365, 30 when unset or unreadable. */
function retentionDays(value) {
  const n = Number.parseInt(value ?? "", 10);
  return Number.isFinite(n) ? Math.min(365, Math.max(1, n)) : 30;
}

/** Turns the raw key/value rows into the settings the Worker uses; pure, so it is easy to test. */
export function parseConfig(raw) {
  const mail = email(raw);
  const secret = raw.BETTER_AUTH_SECRET ?? "";
  return {
    secret: secret.length >= MIN_SECRET_LENGTH ? secret : null,
    trustedOrigins: origins(raw.TRUSTED_ORIGINS),
    projectId: raw.FLARELINK_PROJECT_ID ?? null,
    serviceKeyHash: (raw.SERVICE_KEY_HASH ?? "").trim().toLowerCase() || null,
    reloadTicket: reloadTicket(raw),
    baseUrl: raw.BASE_URL ? origins(raw.BASE_URL)[0] ?? null : null,
    email: mail,
    // Email-dependent switches are forced off when no sender is configured.
    requireEmailVerification: mail !== null && flag(raw.REQUIRE_EMAIL_VERIFICATION, false),
    sendVerificationOnSignUp: mail !== null && flag(raw.SEND_VERIFICATION_ON_SIGNUP, false),
    pbkdf2Iterations: clampIterations(raw.PBKDF2_ITERATIONS),
    authEventRetentionDays: retentionDays(raw.AUTH_EVENT_RETENTION_DAYS),
    rateLimit: {
      enabled: flag(raw.RATE_LIMIT_ENABLED, true),
      storage: (raw.RATE_LIMIT_STORAGE ?? "").trim().toLowerCase() === "d1" ? "d1" : "kv",
    },
    r2: r2(raw),
    ...parseAuthSettings(raw, mail, origins(raw.TRUSTED_ORIGINS)),
  };
}

/** Reads every row of flarelink_config in one query. */
export async function readConfig(db) {
  let rows;
  try {
    ({ results: rows } = await db.prepare("SELECT key, value FROM flarelink_config").all());
  } catch (e) {
    if (String(e?.message ?? e).includes("no such table")) throw new NotProvisionedError("flarelink_config is missing");
    throw e;
  }
  const raw = {};
  for (const row of rows) raw[row.key] = row.value;
  // Same rows as last time: keep the generation so the cached better-auth instance is reused.
  const fingerprint = JSON.stringify(Object.entries(raw).sort());
  if (fingerprint !== lastRaw) {
    lastRaw = fingerprint;
    generation++;
  }
  return { ...parseConfig(raw), generation };
}

/** Returns the cached configuration, reading D1 when it is older than the TTL. */
export async function getConfig(db, now = Date.now()) {
  if (cached && now - cached.loadedAt < CACHE_TTL_MS) return cached.config;
  const config = await readConfig(db);
  cached = { config, loadedAt: now };
  return config;
}

/** Replaces the cache with a configuration that was just read (used by reload-config). */
export function installConfig(config, now = Date.now()) {
  cached = { config, loadedAt: now };
}
