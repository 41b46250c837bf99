import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { cookiesOf, outbound } from "./outbound.mjs";
import { APP, BASE, call, defaultConfig, sessionCookie, startWorker } from "./support.mjs";

// GitHub stands in through Miniflare's outboundService: the token exchange and the two profile calls.
const github = outbound({
  "https://github.com/login/oauth/access_token": (req) => (new URLSearchParams(req.text).get("code") === "good-code"
    ? Response.json({ access_token: "gho_stand_in", token_type: "bearer", scope: "read:user,user:email" })
    : Response.json({ error: "bad_verification_code", error_description: "The code passed is incorrect or expired." })),
  "https://api.github.com/user/emails": () => Response.json([{ email: "octo@example.com", primary: true, verified: true }]),
  "https://api.github.com/user": () => Response.json({ id: 4242, login: "octo", name: "Octo Cat", email: "octo@example.com", avatar_url: "https://avatars.example/octo" }),
});

let mf;
let db;
before(async () => {
  const config = {
    ...(await defaultConfig()),
    GITHUB_CLIENT_ID: "gh-client-id", GITHUB_CLIENT_SECRET: "gh-client-secret",
    GOOGLE_CLIENT_ID: "google-client-id.apps.googleusercontent.com", GOOGLE_CLIENT_SECRET: "google-secret",
  };
  ({ mf, db } = await startWorker({ config, options: { outboundService: github.service } }));
});
after(async () => { await mf?.dispose(); });

async function startSignIn(provider, body = {}, ip = "198.51.100.40") {
  const response = await call(mf, "/api/auth/sign-in/social", { method: "POST", ip, body: { provider, ...body } });
  const answer = await response.json();
  assert.equal(response.status, 200, JSON.stringify(answer));
  assert.equal(answer.redirect, true);
  return { url: new URL(answer.url), cookie: cookiesOf(response) };
}

// The provider sends the browser back as a top-level navigation: a GET with the Worker's own cookies, no Origin.
const callback = (provider, params, cookie) => mf.dispatchFetch(`${BASE}/api/auth/callback/${provider}?${new URLSearchParams(params)}`, {
  redirect: "manual", headers: { cookie, "cf-connecting-ip": "198.51.100.41" },
});

test("Google sign-in redirects to Google with state, PKCE and the exact redirect URI", async () => {
  const { url } = await startSignIn("google", { callbackURL: "/home" });
  assert.equal(url.origin + url.pathname, "https://accounts.google.com/o/oauth2/v2/auth");
  assert.equal(url.searchParams.get("client_id"), "google-client-id.apps.googleusercontent.com");
  assert.equal(url.searchParams.get("redirect_uri"), `${BASE}/api/auth/callback/google`);
  assert.match(url.searchParams.get("state"), /^\S{32,}$/);
  assert.equal(url.searchParams.get("code_challenge_method"), "S256");
  assert.match(url.searchParams.get("code_challenge"), /^[A-Za-z0-9_-]{43}$/);
  assert.equal(url.toString().includes("google-secret"), false, "the client secret never leaves the Worker");
});

test("GitHub sign-in: the callback creates the user and the account and lands on the app with a session", async () => {
  const { url, cookie } = await startSignIn("github", { callbackURL: "/home" });
  assert.equal(url.origin + url.pathname, "https://github.com/login/oauth/authorize");
  assert.equal(url.searchParams.get("redirect_uri"), `${BASE}/api/auth/callback/github`);
  const state = url.searchParams.get("state");

  const response = await callback("github", { code: "good-code", state }, cookie);
  assert.equal(response.status, 302, await response.clone().text());
  assert.equal(response.headers.get("location"), `${APP}/home`);
  const session = sessionCookie(response);
  assert.ok(session);
  const me = await (await call(mf, "/api/me", { cookie: session })).json();
  assert.equal(me.user.email, "octo@example.com");
  assert.equal(me.user.name, "Octo Cat");
  const account = await db.prepare("SELECT a.providerId, a.accountId FROM account a JOIN \"user\" u ON u.id = a.userId WHERE u.email = ?1")
    .bind("octo@example.com").first();
  assert.deepEqual(account, { providerId: "github", accountId: "4242" });
  const exchange = github.requests.find((r) => r.url.startsWith("https://github.com/login/oauth/access_token"));
  assert.equal(new URLSearchParams(exchange.text).get("redirect_uri"), `${BASE}/api/auth/callback/github`);

  const replay = await callback("github", { code: "good-code", state }, cookie);
  assert.equal(replay.status, 302);
  assert.ok(new URL(replay.headers.get("location")).searchParams.get("error"), "a state works once");
  assert.equal(sessionCookie(replay), null);
});

test("a tampered state is refused and the error lands on the app's origin", async () => {
  const { url, cookie } = await startSignIn("github", { callbackURL: "/home" }, "198.51.100.42");
  const tampered = `${url.searchParams.get("state").slice(0, -1)}x`;
  const response = await callback("github", { code: "good-code", state: tampered }, cookie);
  assert.equal(response.status, 302);
  const location = new URL(response.headers.get("location"));
  assert.equal(location.origin, APP);
  assert.equal(location.searchParams.get("error"), "state_mismatch");
  assert.equal(sessionCookie(response), null);
});

test("a state without the browser's state cookie is refused (login CSRF)", async () => {
  const { url } = await startSignIn("github", { callbackURL: "/home" }, "198.51.100.43");
  const response = await callback("github", { code: "good-code", state: url.searchParams.get("state") }, "");
  assert.equal(response.status, 302);
  assert.equal(new URL(response.headers.get("location")).searchParams.get("error"), "state_mismatch");
  assert.equal(sessionCookie(response), null);
});

test("the provider's error comes back to the app's callback page as a readable error", async () => {
  const { url, cookie } = await startSignIn("github", { callbackURL: "/signed-in" }, "198.51.100.44");
  const denied = await callback("github", {
    error: "access_denied", error_description: "The user has denied your application access.", state: url.searchParams.get("state"),
  }, cookie);
  assert.equal(denied.status, 302);
  const location = new URL(denied.headers.get("location"));
  assert.equal(location.origin + location.pathname, `${APP}/signed-in`);
  assert.equal(location.searchParams.get("error"), "access_denied");
  assert.equal(location.searchParams.get("error_description"), "The user has denied your application access.");

  const again = await startSignIn("github", { callbackURL: "/signed-in", errorCallbackURL: "/oops" }, "198.51.100.45");
  const badCode = await callback("github", { code: "expired-code", state: again.url.searchParams.get("state") }, again.cookie);
  const badLocation = new URL(badCode.headers.get("location"));
  assert.equal(badLocation.origin + badLocation.pathname, `${APP}/oops`, "an explicit errorCallbackURL is kept");
  assert.ok(badLocation.searchParams.get("error"));
});

test("a provider without both a client id and a secret is not offered", async () => {
  const worker = await startWorker({ config: { ...(await defaultConfig()), GITHUB_CLIENT_ID: "only-an-id" } });
  try {
    const response = await call(worker.mf, "/api/auth/sign-in/social", { method: "POST", body: { provider: "github", callbackURL: "/" } });
    assert.equal(response.status, 404);
    assert.equal((await response.json()).code, "PROVIDER_NOT_FOUND");
  } finally {
    await worker.mf.dispose();
  }
});
