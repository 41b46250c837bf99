import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Log, LogLevel } from "miniflare";
import { after, before, test } from "node:test";
import { APP, call, defaultConfig, signUp, startWorker } from "./support.mjs";

// Outbound fetches from the Worker land here instead of the internet; each one resolves the next waiter.
const sent = [];
let waiters = [];
function nextEmail() {
  return sent.length ? Promise.resolve(sent.shift()) : new Promise((resolve) => waiters.push(resolve));
}

let mf;
before(async () => {
  const config = { ...(await defaultConfig()), EMAIL_PROVIDER: "resend", EMAIL_FROM: "Auth <auth@app.example.com>", RESEND_API_KEY: "re_test_key" };
  ({ mf } = await startWorker({
    config,
    options: {
      outboundService: async (request) => {
        const email = { url: request.url, authorization: request.headers.get("authorization"), body: await request.json() };
        const waiter = waiters.shift();
        if (waiter) waiter(email);
        else sent.push(email);
        return Response.json({ id: "email_1" });
      },
    },
  }));
});
after(async () => { await mf?.dispose(); });

test("with Resend configured, a password reset sends one email with a reset link", async () => {
  assert.equal((await signUp(mf, "reset@example.com", "correct horse battery", "192.0.2.90")).status, 200);
  const response = await call(mf, "/api/auth/request-password-reset", {
    method: "POST", ip: "192.0.2.90", body: { email: "reset@example.com", redirectTo: `${APP}/reset` },
  });
  assert.equal(response.status, 200);
  const email = await nextEmail();
  assert.equal(email.url, "https://api.resend.com/emails");
  assert.equal(email.authorization, "Bearer re_test_key");
  assert.deepEqual(email.body.to, ["reset@example.com"]);
  assert.equal(email.body.from, "Auth <auth@app.example.com>");
  assert.match(email.body.text, /https:\/\/auth\.example\.com\/api\/auth\/reset-password\/\S+callbackURL=/);
  const info = await (await call(mf, "/__flarelink")).json();
  assert.equal(info.email, "resend");
});

test("a reset redirect outside the trusted origins is refused and sends nothing", async () => {
  const response = await call(mf, "/api/auth/request-password-reset", {
    method: "POST", ip: "192.0.2.91", body: { email: "reset@example.com", redirectTo: "https://evil.example/reset" },
  });
  assert.equal(response.status, 403);
  assert.equal(sent.length, 0);
});

test("password-reset requests are limited to 3 per minute per IP", async () => {
  const statuses = [];
  for (let i = 0; i < 4; i++) {
    const response = await call(mf, "/api/auth/request-password-reset", {
      method: "POST", ip: "192.0.2.92", body: { email: "nobody@example.com", redirectTo: `${APP}/reset` },
    });
    statuses.push(response.status);
  }
  assert.deepEqual(statuses, [200, 200, 200, 429]);
  assert.equal(sent.length, 0, "unknown addresses get no email, but the same answer");
});

test("with the Cloudflare send_email binding, the reset email is a MIME message with the link", async () => {
  // Miniflare writes each sent message to a .eml file and logs its path; catch that log line.
  let announce;
  const written = new Promise((resolve) => { announce = resolve; });
  class CaptureLog extends Log {
    log(message) {
      const path = /(\/\S+\.eml)/.exec(message)?.[1];
      if (path) announce(path);
    }
  }
  const config = { ...(await defaultConfig()), EMAIL_PROVIDER: "cloudflare", EMAIL_FROM: "Auth <auth@app.example.com>" };
  const worker = await startWorker({ config, options: { log: new CaptureLog(LogLevel.INFO), email: { send_email: [{ name: "EMAIL" }] } } });
  try {
    assert.equal((await signUp(worker.mf, "cf-mail@example.com", "correct horse battery", "192.0.2.95")).status, 200);
    const response = await call(worker.mf, "/api/auth/request-password-reset", {
      method: "POST", ip: "192.0.2.95", body: { email: "cf-mail@example.com", redirectTo: `${APP}/reset` },
    });
    assert.equal(response.status, 200);
    const eml = readFileSync(await written, "utf8");
    assert.match(eml, /^From: Auth <auth@app\.example\.com>\r\n/m);
    assert.match(eml, /^To: cf-mail@example\.com\r\n/m);
    assert.match(eml, /^Content-Type: multipart\/alternative; boundary=/m);
    const textPart = /Content-Type: text\/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n([A-Za-z0-9+/=\r\n]+?)\r\n--/.exec(eml)[1];
    const text = Buffer.from(textPart.replace(/\r\n/g, ""), "base64").toString("utf8");
    assert.match(text, /https:\/\/auth\.example\.com\/api\/auth\/reset-password\/\S+/);
  } finally {
    await worker.mf.dispose();
  }
});
