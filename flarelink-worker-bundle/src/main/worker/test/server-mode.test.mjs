import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { APP, call, defaultConfig, sessionCookie, signUp, startWorker } from "./support.mjs";

// @flarelink/client in server mode: the app's server forwards the browser's Cookie and sends no Origin.
let worker;
before(async () => {
  worker = await startWorker({ config: await defaultConfig() });
});
after(() => worker.mf.dispose());

let n = 0;
async function signedIn() {
  n++;
  const cookie = sessionCookie(await signUp(worker.mf, `server-${n}@example.com`, "correct horse battery", `10.8.0.${n}`));
  assert.ok(cookie, "sign-up set a session cookie");
  return cookie;
}

/** What a Node server's fetch sends: no Origin, no Referer, no Sec-Fetch-*; JSON body on POST. */
const fromServer = (path, cookie, { method = "GET", body } = {}) =>
  call(worker.mf, path, { method, origin: null, cookie, body: method === "GET" ? undefined : body ?? {} });

const stillSignedIn = async (cookie) => (await fromServer("/api/me", cookie)).status === 200;

test("a server forwarding the cookie reads the session and /api/me without an Origin", async () => {
  const cookie = await signedIn();
  const session = await fromServer("/api/auth/get-session", cookie);
  assert.equal(session.status, 200);
  assert.equal((await session.json()).user.email, `server-${n}@example.com`);
  const me = await fromServer("/api/me", cookie);
  assert.equal(me.status, 200);
  assert.deepEqual(Object.keys(await me.json()).sort(), ["session", "user"]);
});

test("a server signs the user out without an Origin (was 403 MISSING_OR_NULL_ORIGIN)", async () => {
  const cookie = await signedIn();
  const out = await fromServer("/api/auth/sign-out", cookie, { method: "POST" });
  assert.equal(out.status, 200, await out.clone().text());
  assert.deepEqual(await out.json(), { success: true });
  assert.equal(await stillSignedIn(cookie), false, "the session is gone");
});

test("a server call keeps better-auth's callbackURL check", async () => {
  const response = await call(worker.mf, "/api/auth/sign-up/email", {
    method: "POST", origin: null, ip: "10.8.1.1",
    body: { email: "callback@example.com", password: "correct horse battery", name: "C", callbackURL: "https://evil.example/steal" },
  });
  assert.equal(response.status, 403);
  assert.equal((await response.json()).code, "INVALID_CALLBACK_URL");
  const fine = await call(worker.mf, "/api/auth/sign-up/email", {
    method: "POST", origin: null, ip: "10.8.1.2",
    body: { email: "callback2@example.com", password: "correct horse battery", name: "C", callbackURL: `${APP}/welcome` },
  });
  assert.equal(fine.status, 200);
});

test("cross-site browser requests are still refused and leave the session alone", async () => {
  const cookie = await signedIn();
  const attempts = [
    ["an untrusted Origin", { origin: "https://evil.example", body: {} }, 403, "UNTRUSTED_ORIGIN"],
    ['Origin "null" (sandboxed frame)', { origin: "null", body: {} }, 403, "UNTRUSTED_ORIGIN"],
    ["no Origin but Fetch Metadata (a browser)", { origin: null, body: {}, headers: { "sec-fetch-site": "cross-site", "sec-fetch-mode": "cors" } }, 403, "MISSING_OR_NULL_ORIGIN"],
    ["no Origin and a foreign Referer", { origin: null, body: {}, headers: { referer: "https://evil.example/page" } }, 403, "INVALID_ORIGIN"],
  ];
  for (const [what, options, status, code] of attempts) {
    const response = await call(worker.mf, "/api/auth/sign-out", { method: "POST", cookie, ...options });
    assert.equal(response.status, status, what);
    assert.equal((await response.json()).code, code, what);
    assert.equal(await stillSignedIn(cookie), true, `${what}: still signed in`);
  }
  // A form post (the one cross-site request without a preflight) cannot send JSON: it is not a server call, and
  // better-auth refuses it (415 for the form body, 403 without an Origin).
  const form = await worker.mf.dispatchFetch("https://auth.example.com/api/auth/sign-out", {
    method: "POST", headers: { cookie, "content-type": "application/x-www-form-urlencoded" }, body: "a=1",
  });
  assert.ok(form.status === 403 || form.status === 415, `refused (${form.status})`);
  assert.equal(await stillSignedIn(cookie), true);
});

test("the trusted browser origin still signs out as before", async () => {
  const cookie = await signedIn();
  const out = await call(worker.mf, "/api/auth/sign-out", { method: "POST", cookie, body: {} });
  assert.equal(out.status, 200);
  assert.equal(await stillSignedIn(cookie), false);
});
