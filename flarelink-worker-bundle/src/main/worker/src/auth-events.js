// The auth event log the Users page of Flarelink reads: one row per sign-up, sign-in, failed sign-in, sign-out,
// password change or reset, verification and refused banned sign-in. Never a password, token or secret; the e-mail
// only for a failed sign-in, which has no user to point at.
//
// Events of one request are collected in a request-scoped buffer (better-auth's hooks run deep inside the handler,
// on an instance shared by the isolate) and written after the response in ONE D1 batch, together with the removal
// of rows older than the retention: at most one extra D1 call per auth request.
import { AsyncLocalStorage } from "node:async_hooks";

export const EVENT_TYPES = ["sign_up", "sign_in", "sign_in_failed", "sign_out", "password_changed", "password_reset",
  "email_verified", "ban_refused"];
export const DEFAULT_RETENTION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_USER_AGENT = 512;

const requestEvents = new AsyncLocalStorage();

/** Runs `body` with a fresh event buffer; returns its result and the events it recorded. */
export async function collectEvents(request, body) {
  const buffer = { request, events: [] };
  const result = await requestEvents.run(buffer, body);
  return { result, events: buffer.events };
}

/** Records an event of the current request (a no-op outside collectEvents, e.g. in Flarelink's admin calls). */
export function recordEvent(type, { userId = null, email = null } = {}) {
  const buffer = requestEvents.getStore();
  if (!buffer) return;
  // A sign-up signs the user in as well; one sign_up row says both.
  if (type === "sign_in" && buffer.events.some((e) => e.type === "sign_up" && e.userId === userId)) return;
  buffer.events.push({ type, userId, email });
}

/** Writes the events and prunes old rows in one batch; failures are logged by class only and never break auth. */
export async function writeEvents(db, request, events, retentionDays = DEFAULT_RETENTION_DAYS, now = Date.now()) {
  if (events.length === 0) return;
  const at = new Date(now).toISOString();
  const ip = request.headers.get("cf-connecting-ip");
  const userAgent = request.headers.get("user-agent")?.slice(0, MAX_USER_AGENT) ?? null;
  const cutoff = new Date(now - retentionDays * DAY_MS).toISOString();
  try {
    await db.batch([
      ...events.map((e) => db.prepare('INSERT INTO "flarelink_auth_event" ("at", "type", "userId", "email", "ip", "userAgent") '
        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6)").bind(at, e.type, e.userId, e.email, ip, userAgent)),
      db.prepare('DELETE FROM "flarelink_auth_event" WHERE "at" < ?1').bind(cutoff),
    ]);
  } catch (e) {
    // A Worker whose D1 lacks migration 0002 (not redeployed) must keep signing users in.
    console.error("flarelink auth events not written", e?.name ?? "Error");
  }
}
