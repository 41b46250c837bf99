import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { applyMigrations, bundledMigrations } from "../tools/d1-migrations.mjs";
import {
  APP, call, defaultConfig, expectError, SERVICE_KEY, service, sessionCookie, setConfig, sha256Hex, signIn, signUp, startWorker,
} from "./support.mjs";

// Worker 0.4.0: what the Users page of Flarelink relies on (bans, auth events, one-time tickets, the KV layout).
const PASSWORD = "correct horse battery";
const mails = [];
let worker;
before(async () => {
  const config = { ...(await defaultConfig()), EMAIL_PROVIDER: "resend", EMAIL_FROM: "Auth <auth@app.example.com>", RESEND_API_KEY: "re_test" };
  worker = await startWorker({
    config,
    options: { outboundService: async (request) => { mails.push(await request.json()); return Response.json({ id: "m" }); } },
  });
});
after(() => worker.mf.dispose());

let ipCounter = 0;
const ip = () => `10.44.${Math.floor(++ipCounter / 200)}.${ipCounter % 200 + 1}`;

async function newUser(email) {
  const response = await signUp(worker.mf, email, PASSWORD, ip());
  assert.equal(response.status, 200);
  return { id: (await response.json()).user.id, cookie: sessionCookie(response) };
}

/** Events are written after the response (waitUntil): wait until `count` rows of the user exist. */
async function eventsOf(where, count) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const { results } = await worker.db.prepare(`SELECT * FROM flarelink_auth_event WHERE ${where.sql} ORDER BY id`).bind(...where.params).all();
    if (results.length >= count || Date.now() > deadline) return results;
    await new Promise((r) => setTimeout(r, 25));
  }
}
const byUser = (id) => ({ sql: '"userId" = ?1', params: [id] });
const settle = () => new Promise((r) => setTimeout(r, 200));

test("a banned user cannot sign in (403 USER_BANNED) until unbanned or the ban ends", async () => {
  const user = await newUser("banned@example.com");
  await worker.db.prepare('UPDATE "user" SET banned = 1, banReason = ?2 WHERE id = ?1').bind(user.id, "spam").run();
  const refused = await signIn(worker.mf, "banned@example.com", PASSWORD, ip());
  assert.equal(refused.status, 403);
  assert.equal((await refused.json()).code, "USER_BANNED");
  assert.equal(sessionCookie(refused), null, "no session cookie for a banned user");

  await worker.db.prepare('UPDATE "user" SET banExpires = ?2 WHERE id = ?1').bind(user.id, new Date(Date.now() + 3_600_000).toISOString()).run();
  assert.equal((await signIn(worker.mf, "banned@example.com", PASSWORD, ip())).status, 403, "a ban with a future end still holds");
  await worker.db.prepare('UPDATE "user" SET banExpires = ?2 WHERE id = ?1').bind(user.id, new Date(Date.now() - 1000).toISOString()).run();
  assert.equal((await signIn(worker.mf, "banned@example.com", PASSWORD, ip())).status, 200, "an ended ban no longer holds");

  await worker.db.prepare('UPDATE "user" SET banned = 0, banReason = NULL, banExpires = NULL WHERE id = ?1').bind(user.id).run();
  assert.equal((await signIn(worker.mf, "banned@example.com", PASSWORD, ip())).status, 200);
  const kinds = (await eventsOf(byUser(user.id), 6)).map((e) => e.type);
  assert.deepEqual(kinds, ["sign_up", "ban_refused", "ban_refused", "sign_in", "sign_in"]);
});

test("sign out everywhere as Flarelink does it: the KV session index lists every session, deleting them ends them", async () => {
  const user = await newUser("everywhere@example.com");
  const second = sessionCookie(await signIn(worker.mf, "everywhere@example.com", PASSWORD, ip()));
  const list = JSON.parse(await worker.kv.get(`active-sessions-${user.id}`));
  assert.equal(list.length, 2);
  for (const entry of list) {
    assert.equal(typeof entry.expiresAt, "number");
    const stored = JSON.parse(await worker.kv.get(entry.token));
    assert.equal(stored.session.userId, user.id);
    assert.deepEqual(Object.keys(stored).sort(), ["session", "user"]);
    assert.ok("ipAddress" in stored.session && "userAgent" in stored.session && "createdAt" in stored.session);
  }
  for (const entry of list) await worker.kv.delete(entry.token);
  await worker.kv.delete(`active-sessions-${user.id}`);
  for (const cookie of [user.cookie, second]) {
    assert.equal((await call(worker.mf, "/api/me", { cookie })).status, 401);
  }
});

test("revoked-sessions-before-<userId> in KV also ends every older session", async () => {
  const user = await newUser("revoked-before@example.com");
  assert.equal((await call(worker.mf, "/api/me", { cookie: user.cookie })).status, 200);
  await worker.kv.put(`revoked-sessions-before-${user.id}`, String(Date.now() + 1000), { expirationTtl: 86400 });
  assert.equal((await call(worker.mf, "/api/me", { cookie: user.cookie })).status, 401);
});

test("each auth event is written once, with address and user agent, and nothing secret", async () => {
  const user = await newUser("events@example.com");
  await expectEventTypes(user.id, ["sign_up"]);
  const signedIn = await signIn(worker.mf, "events@example.com", PASSWORD, ip());
  const cookie = sessionCookie(signedIn);
  const wrong = await signIn(worker.mf, "Events@Example.com", "wrong password here", ip());
  assert.equal(wrong.status, 401);
  const failed = await eventsOf({ sql: "type = 'sign_in_failed' AND email = ?1", params: ["events@example.com"] }, 1);
  assert.equal(failed.length, 1);
  assert.equal(failed[0].userId, null);
  const changed = await call(worker.mf, "/api/auth/change-password", {
    method: "POST", cookie, ip: ip(), body: { currentPassword: PASSWORD, newPassword: "another horse battery" },
  });
  assert.equal(changed.status, 200, await changed.clone().text());
  const out = await call(worker.mf, "/api/auth/sign-out", { method: "POST", cookie: sessionCookie(changed) ?? cookie, body: {} });
  assert.equal(out.status, 200);
  await expectEventTypes(user.id, ["sign_up", "sign_in", "password_changed", "sign_out"]);
  const rows = await eventsOf({ sql: '"userId" = ?1 OR email = ?2', params: [user.id, "events@example.com"] }, 5);
  for (const row of rows) {
    assert.match(row.at, /^\d{4}-\d\d-\d\dT/);
    assert.ok(row.ip, "the client address is kept");
    assert.ok(row.userAgent, "the user agent is kept");
    const text = JSON.stringify(row);
    for (const secret of [PASSWORD, "another horse battery", "wrong password here", cookie.split("=")[1].split(".")[0]]) {
      assert.ok(!text.includes(secret), "no password or token in an event");
    }
  }
});

async function expectEventTypes(userId, types) {
  const rows = await eventsOf(byUser(userId), types.length);
  await settle();
  const again = await eventsOf(byUser(userId), types.length);
  assert.deepEqual(again.map((e) => e.type), types, "each event exactly once");
  assert.equal(rows.length, types.length);
}

test("events older than AUTH_EVENT_RETENTION_DAYS are removed on the next write", async () => {
  const old = new Date(Date.now() - 10 * 86_400_000).toISOString();
  await worker.db.prepare("INSERT INTO flarelink_auth_event (at, type, userId) VALUES (?1, 'sign_in', 'old-user')").bind(old).run();
  await newUser("retention-30@example.com");
  await settle();
  assert.equal(await worker.db.prepare("SELECT count(*) AS n FROM flarelink_auth_event WHERE userId = 'old-user'").first("n"), 1, "kept at 30 days");
  await setConfig(worker.db, { AUTH_EVENT_RETENTION_DAYS: "7" });
  // The config is cached for 60 s per isolate: reload it with the service key, as a rotation would.
  const reloaded = await call(worker.mf, "/__flarelink/reload-config", { method: "POST", origin: null, headers: { authorization: `Bearer ${SERVICE_KEY}` } });
  assert.equal(reloaded.status, 200);
  await newUser("retention-7@example.com");
  const deadline = Date.now() + 5000;
  let left;
  do {
    left = await worker.db.prepare("SELECT count(*) AS n FROM flarelink_auth_event WHERE userId = 'old-user'").first("n");
  } while (left !== 0 && Date.now() < deadline && (await settle(), true));
  assert.equal(left, 0);
  await setConfig(worker.db, { AUTH_EVENT_RETENTION_DAYS: null });
});

async function ticket(purpose, subject, expiresAt = Date.now() + 600_000) {
  const value = `flarelink_tk_${[...crypto.getRandomValues(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
  await worker.db.prepare('INSERT INTO flarelink_ticket (hash, purpose, subject, "expiresAt") VALUES (?1, ?2, ?3, ?4)')
    .bind(await sha256Hex(value), purpose, subject, expiresAt).run();
  return value;
}
const admin = (mf, action, value) => call(mf, `/__flarelink/admin/${action}`, {
  method: "POST", origin: null, headers: value ? { authorization: `Bearer ${value}` } : {},
});
async function nextMail() {
  const deadline = Date.now() + 5000;
  while (mails.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  return mails.shift();
}

test("a send-verification ticket sends the link once; replays, other purposes and expired tickets are refused", async () => {
  const user = await newUser("verify-me@example.com");
  mails.length = 0;
  const value = await ticket("send-verification", user.id);
  await expectError(admin(worker.mf, "send-reset", value), 401, "INVALID_TICKET");
  const ok = await admin(worker.mf, "send-verification", value);
  assert.equal(ok.status, 200, await ok.clone().text());
  assert.deepEqual(await ok.json(), { ok: true });
  const mail = await nextMail();
  assert.deepEqual(mail.to, ["verify-me@example.com"]);
  const link = /https:\/\/auth\.example\.com\/api\/auth\/verify-email\?\S+/.exec(mail.text)[0];
  assert.ok(link.includes(encodeURIComponent(APP)), "the link returns to the app's first trusted origin");
  await expectError(admin(worker.mf, "send-verification", value), 401, "INVALID_TICKET");
  assert.equal(await worker.db.prepare("SELECT count(*) AS n FROM flarelink_ticket").first("n"), 0);

  const verified = await worker.mf.dispatchFetch(link, { redirect: "manual" });
  assert.ok([200, 302].includes(verified.status), `verify-email answered ${verified.status}`);
  assert.equal(await worker.db.prepare('SELECT "emailVerified" AS v FROM "user" WHERE id = ?1').bind(user.id).first("v"), 1);
  assert.ok((await eventsOf(byUser(user.id), 2)).some((e) => e.type === "email_verified"));
  await expectError(admin(worker.mf, "send-verification", await ticket("send-verification", user.id)), 409, "ALREADY_VERIFIED");

  await expectError(admin(worker.mf, "send-verification", await ticket("send-verification", user.id, Date.now() - 1)), 401, "INVALID_TICKET");
  await expectError(admin(worker.mf, "send-verification", `flarelink_tk_${"0".repeat(64)}`), 401, "INVALID_TICKET");
  await expectError(admin(worker.mf, "send-verification", null), 401, "INVALID_TICKET");
  await expectError(admin(worker.mf, "send-verification", await ticket("send-verification", "no-such-user")), 404, "USER_NOT_FOUND");
  await expectError(call(worker.mf, "/__flarelink/admin/send-verification", { method: "GET", origin: null }), 405, "METHOD_NOT_ALLOWED");
});

test("a send-reset ticket mails a reset link that completes the reset", async () => {
  const user = await newUser("reset-me@example.com");
  mails.length = 0;
  assert.equal((await admin(worker.mf, "send-reset", await ticket("send-reset", user.id))).status, 200);
  const mail = await nextMail();
  const link = /https:\/\/auth\.example\.com\/api\/auth\/reset-password\/\S+/.exec(mail.text)[0];
  const redirect = await worker.mf.dispatchFetch(link, { redirect: "manual" });
  const location = new URL(redirect.headers.get("location"));
  assert.equal(location.origin + location.pathname, `${APP}/reset-password`);
  const token = location.searchParams.get("token");
  const reset = await call(worker.mf, "/api/auth/reset-password", { method: "POST", ip: ip(), body: { token, newPassword: "a brand new passphrase" } });
  assert.equal(reset.status, 200);
  assert.equal((await signIn(worker.mf, "reset-me@example.com", "a brand new passphrase", ip())).status, 200);
  assert.ok((await eventsOf(byUser(user.id), 3)).some((e) => e.type === "password_reset"));
});

test("tickets are protected from the service key like flarelink_config", async () => {
  await expectError(service(worker.mf, "/api/db/query", { body: { sql: 'SELECT * FROM "Flarelink_Ticket"' } }), 403, "CONFIG_TABLE_PROTECTED");
});

test("without email, ticket actions answer 412 and leave the ticket unspent", async () => {
  const bare = await startWorker({ config: await defaultConfig() });
  try {
    const value = `flarelink_tk_${"ab".repeat(32)}`;
    await bare.db.prepare('INSERT INTO flarelink_ticket (hash, purpose, subject, "expiresAt") VALUES (?1, ?2, ?3, ?4)')
      .bind(await sha256Hex(value), "send-reset", "someone", Date.now() + 600_000).run();
    await expectError(admin(bare.mf, "send-reset", value), 412, "EMAIL_NOT_CONFIGURED");
    assert.equal(await bare.db.prepare("SELECT count(*) AS n FROM flarelink_ticket").first("n"), 1);
  } finally {
    await bare.mf.dispose();
  }
});

test("a Worker whose D1 lacks migration 0002 still signs users in (Redeploy adds the ban columns)", async () => {
  const old = await startWorker({ migrate: false });
  try {
    await applyMigrations(old.db, bundledMigrations().slice(0, 1));
    await setConfig(old.db, await defaultConfig());
    assert.equal((await signUp(old.mf, "old-schema@example.com", PASSWORD, "10.45.0.1")).status, 200);
    assert.equal((await signIn(old.mf, "old-schema@example.com", PASSWORD, "10.45.0.2")).status, 200);
  } finally {
    await old.mf.dispose();
  }
});
