// Per-IP rate limits for the credential and email endpoints, stored in KV (default) or D1.
import { incrementWindow } from "./kv-storage.js";

/** Paths (below /api/auth) that are limited; everything else passes without a storage write. */
const LIMITED_PREFIXES = [
  "/sign-in",
  "/sign-up",
  "/change-password",
  "/change-email",
  "/request-password-reset",
  "/forget-password",
  "/reset-password",
  "/send-verification-email",
  "/verify-email",
];

export const KV_KEY_PREFIX = "ratelimit:";

/** True when better-auth's rate-limit key `<ip>|<path>` names a limited path. */
export function isLimitedKey(key) {
  const path = key.slice(key.lastIndexOf("|") + 1);
  return LIMITED_PREFIXES.some((prefix) => path.startsWith(prefix));
}

function kvConsume(kv) {
  return async (key, rule) => {
    let count;
    try {
      count = await incrementWindow(kv, KV_KEY_PREFIX + key, rule.window);
    } catch {
      // KV allows one write per second per key; a burst that trips it is exactly what we limit.
      return { allowed: false, retryAfter: rule.window };
    }
    return count <= rule.max ? { allowed: true, retryAfter: null } : { allowed: false, retryAfter: rule.window };
  };
}

// One atomic statement: insert, or bump the counter, resetting it when the window has passed.
const D1_UPSERT = `INSERT INTO "rateLimit" ("id", "key", "count", "lastRequest") VALUES (?1, ?1, 1, ?2)
ON CONFLICT ("key") DO UPDATE SET
  "count" = CASE WHEN ?2 - "lastRequest" >= ?3 THEN 1 ELSE "count" + 1 END,
  "lastRequest" = CASE WHEN ?2 - "lastRequest" >= ?3 THEN ?2 ELSE "lastRequest" END
RETURNING "count", "lastRequest"`;

function d1Consume(db) {
  return async (key, rule) => {
    const now = Date.now();
    const windowMs = rule.window * 1000;
    const row = await db.prepare(D1_UPSERT).bind(key, now, windowMs).first();
    if (row.count <= rule.max) return { allowed: true, retryAfter: null };
    return { allowed: false, retryAfter: Math.max(1, Math.ceil((row.lastRequest + windowMs - now) / 1000)) };
  };
}

/** Builds better-auth's customStorage for the configured backend ("kv" or "d1"). */
export function rateLimitStorage(kind, env) {
  const consume = kind === "d1" ? d1Consume(env.DB) : kvConsume(env.SESSIONS);
  return {
    consume: (key, rule) => (isLimitedKey(key) ? consume(key, rule) : { allowed: true, retryAfter: null }),
  };
}
