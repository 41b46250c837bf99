import assert from "node:assert/strict";
import { test } from "node:test";
import { call, defaultConfig, SERVICE_KEY, setConfig, sha256Hex, startWorker } from "./support.mjs";

// Each scenario gets its own Worker: reloads are throttled to one per second per isolate.
const TICKET = `flarelink_rt_${"cd".repeat(32)}`;
const NEW_APP = "https://new-app.example.com";

const reload = (mf, credential) => call(mf, "/__flarelink/reload-config", {
  method: "POST", origin: null, headers: credential ? { authorization: `Bearer ${credential}` } : {},
});

async function withWorker(body) {
  const worker = await startWorker({ config: await defaultConfig() });
  try {
    await body(worker);
  } finally {
    await worker.mf.dispose();
  }
}

async function ticketRows(db, ticket, expiresAt) {
  await setConfig(db, { RELOAD_TICKET_HASH: await sha256Hex(ticket), RELOAD_TICKET_EXPIRES_AT: String(expiresAt) });
}

async function pendingTicket(db) {
  return db.prepare("SELECT value FROM flarelink_config WHERE key = 'RELOAD_TICKET_HASH'").first("value");
}

test("a reload ticket written with a change applies it at once and is consumed", () => withWorker(async ({ mf, db }) => {
  assert.equal((await call(mf, "/api/me", { origin: NEW_APP })).status, 403);
  await setConfig(db, { TRUSTED_ORIGINS: NEW_APP });
  await ticketRows(db, TICKET, Date.now() + 600_000);
  const ok = await reload(mf, TICKET);
  assert.equal(ok.status, 200);
  const body = await ok.json();
  assert.equal(body.ok, true);
  assert.match(body.version, /^\d+\.\d+\.\d+$/);
  assert.equal((await call(mf, "/api/me", { origin: NEW_APP })).status, 401, "new origin passes the origin check");
  assert.equal(await pendingTicket(db), null, "the ticket rows are deleted after use");
}));

test("a used ticket cannot reload again", () => withWorker(async ({ mf, db }) => {
  await ticketRows(db, TICKET, Date.now() + 600_000);
  assert.equal((await reload(mf, TICKET)).status, 200);
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const replay = await reload(mf, TICKET);
  assert.equal(replay.status, 401);
  assert.equal((await replay.json()).code, "INVALID_RELOAD_TICKET");
}));

test("a wrong or expired ticket is refused and changes nothing", () => withWorker(async ({ mf, db }) => {
  assert.equal((await call(mf, "/api/me", { origin: NEW_APP })).status, 403, "configuration now cached");
  await setConfig(db, { TRUSTED_ORIGINS: NEW_APP });
  await ticketRows(db, TICKET, Date.now() + 600_000);
  const wrong = await reload(mf, `flarelink_rt_${"00".repeat(32)}`);
  assert.equal(wrong.status, 401);
  assert.equal((await wrong.json()).code, "INVALID_RELOAD_TICKET");
  assert.equal((await call(mf, "/api/me", { origin: NEW_APP })).status, 403, "still the cached origins");
  assert.notEqual(await pendingTicket(db), null, "a wrong ticket does not consume the real one");

  await new Promise((resolve) => setTimeout(resolve, 1100));
  await ticketRows(db, TICKET, Date.now() - 1);
  const expired = await reload(mf, TICKET);
  assert.equal(expired.status, 401);
  assert.equal((await expired.json()).code, "RELOAD_TICKET_EXPIRED");
}));

test("a ticket is not a service key, and the service key still reloads", () => withWorker(async ({ mf, db }) => {
  await ticketRows(db, TICKET, Date.now() + 600_000);
  // The ticket's hash must not pass as SERVICE_KEY_HASH nor the other way round.
  const asKey = await reload(mf, SERVICE_KEY.replace("flarelink_sk_", "flarelink_rt_"));
  assert.equal(asKey.status, 401);
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const ok = await reload(mf, SERVICE_KEY);
  assert.equal(ok.status, 200);
  assert.notEqual(await pendingTicket(db), null, "a service-key reload leaves the ticket alone");
}));
