// better-auth secondary storage on Workers KV: this is where sessions live (no session table in D1).

/** KV rejects an expirationTtl below 60 s, the same locally and in production. */
export const KV_MIN_TTL = 60;

/** Puts a value with a TTL clamped to what KV accepts; a TTL of zero or less deletes. */
export async function putWithTtl(kv, key, value, ttl, metadata) {
  if (ttl == null) return kv.put(key, value, metadata ? { metadata } : undefined);
  if (ttl <= 0) return kv.delete(key);
  return kv.put(key, value, { expirationTtl: Math.max(KV_MIN_TTL, Math.ceil(ttl)), metadata });
}

/** Adapts a KV namespace to better-auth's five-method SecondaryStorage interface. */
export function kvSecondaryStorage(kv) {
  return {
    get: (key) => kv.get(key),
    set: (key, value, ttl) => putWithTtl(kv, key, value, ttl),
    delete: (key) => kv.delete(key),
    // KV has no atomic get-and-delete; verification tokens are kept in D1 for that reason.
    async getAndDelete(key) {
      const value = await kv.get(key);
      if (value !== null) await kv.delete(key);
      return value;
    },
    increment: (key, ttl) => incrementWindow(kv, key, ttl),
  };
}

/**
 * Counts hits in a fixed window of `ttl` seconds. The window end is kept in metadata because the KV
 * expiry may be longer (60 s minimum). Not atomic: concurrent hits can undercount slightly.
 */
export async function incrementWindow(kv, key, ttl, now = Date.now()) {
  const { value, metadata } = await kv.getWithMetadata(key);
  const resetAt = metadata?.resetAt;
  const live = value !== null && typeof resetAt === "number" && now < resetAt;
  const count = live ? Number(value) + 1 : 1;
  const windowEnd = live ? resetAt : now + ttl * 1000;
  await putWithTtl(kv, key, String(count), (windowEnd - now) / 1000, { resetAt: windowEnd });
  return count;
}
