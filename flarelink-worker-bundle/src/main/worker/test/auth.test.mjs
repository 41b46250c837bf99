import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { call, defaultConfig, sessionCookie, signIn, signUp, startWorker } from "./support.mjs";

let mf;
let db;
let kv;
before(async () => { ({ mf, db, kv } = await startWorker({ config: await defaultConfig() })); });
after(async () => { await mf?.dispose(); });

/** KV keys that are session tokens (not the per-user index, not rate-limit counters). */
async function sessionKeys() {
  const { keys } = await kv.list();
  return keys.filter((k) => !k.name.startsWith("active-sessions-") && !k.name.startsWith("ratelimit:"));
}

test("sign-up sets a 7-day session cookie and /api/me returns the user", async () => {
  const response = await signUp(mf, "ada@example.com", "correct horse battery", "198.51.100.1");
  assert.equal(response.status, 200);
  const setCookie = response.headers.getSetCookie().find((c) => c.includes("session_token="));
  assert.match(setCookie, /^__Secure-better-auth\.session_token=/);
  assert.match(setCookie, /Max-Age=604800/);
  assert.match(setCookie, /HttpOnly/);
  assert.match(setCookie, /SameSite=None/);
  const me = await call(mf, "/api/me", { cookie: sessionCookie(response) });
  assert.equal(me.status, 200);
  const body = await me.json();
  assert.equal(body.user.email, "ada@example.com");
  assert.ok(new Date(body.session.expiresAt) - Date.now() > 6.9 * 24 * 3600 * 1000);
});

test("the session lives in KV with an expiry and the password is a PBKDF2 hash in D1", async () => {
  const keys = await sessionKeys();
  assert.equal(keys.length, 1);
  const days = (keys[0].expiration * 1000 - Date.now()) / 86_400_000;
  assert.ok(days > 6.9 && days <= 7, `KV expiry ${days} days`);
  const stored = JSON.parse(await kv.get(keys[0].name));
  assert.equal(stored.user.email, "ada@example.com");
  const account = await db.prepare(`SELECT password FROM "account" WHERE "providerId" = 'credential'`).first();
  assert.match(account.password, /^pbkdf2-sha256\$100000\$/);
  const { results } = await db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
  assert.ok(!results.some((r) => r.name.toLowerCase().includes("session")));
});

test("a wrong password is refused without a cookie; the right one signs in", async () => {
  const wrong = await signIn(mf, "ada@example.com", "wrong horse battery", "198.51.100.2");
  assert.equal(wrong.status, 401);
  assert.equal(sessionCookie(wrong), null);
  assert.equal((await wrong.json()).code, "INVALID_EMAIL_OR_PASSWORD");
  const right = await signIn(mf, "ada@example.com", "correct horse battery", "198.51.100.2");
  assert.equal(right.status, 200);
  assert.notEqual(sessionCookie(right), null);
});

test("sign-out ends the session and deletes it from KV", async () => {
  const cookie = sessionCookie(await signUp(mf, "bob@example.com", "correct horse battery", "198.51.100.3"));
  const before = (await sessionKeys()).length;
  const out = await call(mf, "/api/auth/sign-out", { method: "POST", cookie, body: {} });
  assert.equal(out.status, 200);
  assert.equal((await sessionKeys()).length, before - 1);
  const me = await call(mf, "/api/me", { cookie });
  assert.equal(me.status, 401);
  assert.deepEqual(await me.json(), { user: null });
});

test("an expired session is refused", async () => {
  const cookie = sessionCookie(await signUp(mf, "eve@example.com", "correct horse battery", "198.51.100.4"));
  const token = decodeURIComponent(cookie.split("=")[1]).split(".")[0];
  const stored = JSON.parse(await kv.get(token));
  stored.session.expiresAt = new Date(Date.now() - 1000).toISOString();
  await kv.put(token, JSON.stringify(stored), { expirationTtl: 3600 });
  const me = await call(mf, "/api/me", { cookie });
  assert.equal(me.status, 401);
});

test("change-password replaces the password", async () => {
  const cookie = sessionCookie(await signUp(mf, "carol@example.com", "first password 1", "198.51.100.5"));
  const change = await call(mf, "/api/auth/change-password", {
    method: "POST", cookie, ip: "198.51.100.5",
    body: { currentPassword: "first password 1", newPassword: "second password 2" },
  });
  assert.equal(change.status, 200);
  assert.equal((await signIn(mf, "carol@example.com", "first password 1", "198.51.100.6")).status, 401);
  assert.equal((await signIn(mf, "carol@example.com", "second password 2", "198.51.100.6")).status, 200);
});

test("a callback URL outside the trusted origins is refused", async () => {
  const response = await call(mf, "/api/auth/sign-up/email", {
    method: "POST", ip: "198.51.100.7",
    body: { email: "mallory@example.com", password: "correct horse battery", name: "M", callbackURL: "https://evil.example/steal" },
  });
  assert.equal(response.status, 403);
  const { n } = await db.prepare(`SELECT count(*) AS n FROM "user" WHERE email = 'mallory@example.com'`).first();
  assert.equal(n, 0);
});

test("without an email sender, reset and verification are cleanly disabled", async () => {
  for (const path of ["/api/auth/request-password-reset", "/api/auth/send-verification-email"]) {
    const response = await call(mf, path, { method: "POST", body: { email: "ada@example.com" }, ip: "198.51.100.8" });
    assert.equal(response.status, 412, path);
    assert.equal((await response.json()).code, "EMAIL_NOT_CONFIGURED");
  }
  const info = await (await call(mf, "/__flarelink")).json();
  assert.deepEqual(info, { version: info.version, projectId: "proj_test", email: null, ready: true });
  assert.match(info.version, /^\d+\.\d+\.\d+$/);
});

test("a session older than a day is refreshed to a full 7 days on use", async () => {
  const cookie = sessionCookie(await signUp(mf, "fresh@example.com", "correct horse battery", "198.51.100.9"));
  const token = decodeURIComponent(cookie.split("=")[1]).split(".")[0];
  const stored = JSON.parse(await kv.get(token));
  const twoDaysOld = Date.now() + 5 * 86_400_000;
  stored.session.expiresAt = new Date(twoDaysOld).toISOString();
  await kv.put(token, JSON.stringify(stored), { expirationTtl: 5 * 86_400 });
  const response = await call(mf, "/api/auth/get-session", { cookie });
  assert.equal(response.status, 200);
  const refreshed = JSON.parse(await kv.get(token));
  const days = (new Date(refreshed.session.expiresAt) - Date.now()) / 86_400_000;
  assert.ok(days > 6.9 && days <= 7, `refreshed to ${days} days`);
});
