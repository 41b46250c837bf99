import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { cookiesOf, linkIn, outbound } from "./outbound.mjs";
import { APP, BASE, call, defaultConfig, expectError, sessionCookie, startWorker } from "./support.mjs";

const RESEND = { EMAIL_PROVIDER: "resend", EMAIL_FROM: "Auth <auth@app.example.com>", RESEND_API_KEY: "re_test_key" };
const resend = outbound({ "https://api.resend.com/": () => Response.json({ id: "email_1" }) });

let mf;
let db;
before(async () => {
  ({ mf, db } = await startWorker({ config: { ...(await defaultConfig()), ...RESEND }, options: { outboundService: resend.service } }));
});
after(async () => { await mf?.dispose(); });

async function requestLink(email, body = {}, ip = "198.51.100.10") {
  const from = resend.requests.length;
  const response = await call(mf, "/api/auth/sign-in/magic-link", { method: "POST", ip, body: { email, ...body } });
  const answer = await response.json();
  assert.equal(response.status, 200, JSON.stringify(answer));
  assert.deepEqual(answer, { status: true });
  const mail = await resend.next("https://api.resend.com/emails", from);
  assert.deepEqual(mail.body.to, [email]);
  return { mail, link: linkIn(mail.body.text) };
}

// A link is opened by the browser as a top-level navigation: a GET with no Origin.
const open = (link, ip = "198.51.100.11") => mf.dispatchFetch(link, { redirect: "manual", headers: { "cf-connecting-ip": ip } });

test("the magic link is sent from the default template and signs a new user in once", async () => {
  const { mail, link } = await requestLink("magic@example.com", { callbackURL: "/welcome" });
  assert.equal(mail.body.subject, "Your sign-in link for app.example.com");
  assert.match(mail.body.html, /Sign in<\/a>/);
  assert.ok(link.startsWith(`${BASE}/api/auth/magic-link/verify?token=`), link);
  assert.equal(new URL(link).searchParams.get("callbackURL"), `${APP}/welcome`, "a relative callback lands on the app");

  const first = await open(link);
  assert.equal(first.status, 302);
  assert.equal(first.headers.get("location"), `${APP}/welcome`);
  const cookie = sessionCookie(first);
  assert.ok(cookie, "a session cookie is set");
  const me = await (await call(mf, "/api/me", { cookie })).json();
  assert.equal(me.user.email, "magic@example.com");
  assert.equal(me.user.emailVerified, true, "following the link proves the address");

  const again = await open(link);
  assert.equal(again.status, 302);
  const location = new URL(again.headers.get("location"));
  assert.equal(location.origin, APP);
  assert.equal(location.searchParams.get("error"), "INVALID_TOKEN", "a link works once");
  assert.equal(sessionCookie(again), null);
});

test("only a hash of the token is stored, and an expired link is refused", async () => {
  const { link } = await requestLink("late@example.com", { callbackURL: `${APP}/in` }, "198.51.100.12");
  const token = new URL(link).searchParams.get("token");
  const rows = await db.prepare("SELECT identifier, expiresAt FROM verification WHERE identifier LIKE 'magic-link:%'").all();
  assert.ok(rows.results.length >= 1);
  assert.ok(rows.results.every((r) => !r.identifier.includes(token)), "the raw token is not in D1");
  const lifetime = Date.parse(rows.results.at(-1).expiresAt) - Date.now();
  assert.ok(lifetime > 240_000 && lifetime <= 300_000, `a link lives 5 minutes, not ${lifetime} ms`);

  await db.prepare("UPDATE verification SET expiresAt = ?1 WHERE identifier LIKE 'magic-link:%'").bind(new Date(Date.now() - 1000).toISOString()).run();
  const response = await open(link, "198.51.100.13");
  assert.equal(response.status, 302);
  assert.ok(new URL(response.headers.get("location")).searchParams.get("error"), "an expired link answers with an error");
  assert.equal(sessionCookie(response), null);
});

test("a callback outside the trusted origins is refused and nothing is sent", async () => {
  const from = resend.requests.length;
  const response = await call(mf, "/api/auth/sign-in/magic-link", {
    method: "POST", ip: "198.51.100.14", body: { email: "magic@example.com", callbackURL: "https://evil.example/x" },
  });
  assert.equal(response.status, 403);
  const protocolRelative = await call(mf, "/api/auth/sign-in/magic-link", {
    method: "POST", ip: "198.51.100.15", body: { email: "pr@example.com", callbackURL: "//evil.example/x" },
  });
  assert.equal(protocolRelative.status, 200, "a protocol-relative callback is made the app's root");
  const mail = await resend.next("https://api.resend.com/emails", from);
  assert.equal(new URL(linkIn(mail.body.text)).searchParams.get("callbackURL"), `${APP}/`);
});

async function withWorker(config, body) {
  const worker = await startWorker({ config: { ...(await defaultConfig()), ...config }, options: { outboundService: resend.service } });
  try {
    await body(worker);
  } finally {
    await worker.mf.dispose();
  }
}

test("without an email provider the magic link answers 412, even when switched on", () =>
  withWorker({ MAGIC_LINK_ENABLED: "true" }, async ({ mf: worker }) => {
    await expectError(call(worker, "/api/auth/sign-in/magic-link", { method: "POST", body: { email: "a@example.com" } }), 412, "EMAIL_NOT_CONFIGURED");
  }));

test("MAGIC_LINK_ENABLED=false turns the route off", () =>
  withWorker({ ...RESEND, MAGIC_LINK_ENABLED: "false" }, async ({ mf: worker }) => {
    await expectError(call(worker, "/api/auth/sign-in/magic-link", { method: "POST", body: { email: "a@example.com" } }), 404, "MAGIC_LINK_DISABLED");
  }));

test("MAGIC_LINK_DISABLE_SIGNUP lets existing accounts in and refuses new addresses", () =>
  withWorker({ ...RESEND, MAGIC_LINK_DISABLE_SIGNUP: "true" }, async ({ mf: worker }) => {
    const from = resend.requests.length;
    const sent = await call(worker, "/api/auth/sign-in/magic-link", { method: "POST", body: { email: "stranger@example.com", callbackURL: "/in" } });
    assert.equal(sent.status, 200, "the answer does not reveal whether the address has an account");
    const mail = await resend.next("https://api.resend.com/emails", from);
    const response = await worker.dispatchFetch(linkIn(mail.body.text), { redirect: "manual" });
    assert.equal(response.status, 302);
    assert.equal(new URL(response.headers.get("location")).searchParams.get("error"), "new_user_signup_disabled");
    assert.equal(sessionCookie(response), null);
    assert.equal(cookiesOf(response).includes("session_token"), false);
  }));

test("template overrides and APP_NAME are used, with the app name escaped in HTML", () =>
  withWorker({
    ...RESEND,
    APP_NAME: "Acme <script>alert(1)</script>",
    EMAIL_TEMPLATE_MAGIC_LINK_SUBJECT: "Sign in to {{appName}} now",
    EMAIL_TEMPLATE_MAGIC_LINK_HTML: "<h1>{{appName}}</h1><a href=\"{{url}}\">go</a>",
  }, async ({ mf: worker }) => {
    const from = resend.requests.length;
    assert.equal((await call(worker, "/api/auth/sign-in/magic-link", { method: "POST", body: { email: "t@example.com" } })).status, 200);
    const mail = await resend.next("https://api.resend.com/emails", from);
    assert.equal(mail.body.subject, "Sign in to Acme <script>alert(1)</script> now", "the subject is plain text");
    assert.match(mail.body.html, /^<h1>Acme &#60;script&#62;alert\(1\)&#60;\/script&#62;<\/h1><a href="https:\/\/auth\.example\.com\/api\/auth\/magic-link\/verify\?token=/);
    assert.match(mail.body.text, /sign in to Acme <script>/, "the default text part is still used");
  }));
