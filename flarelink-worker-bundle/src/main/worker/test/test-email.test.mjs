import assert from "node:assert/strict";
import { test } from "node:test";
import { outbound } from "./outbound.mjs";
import { call, defaultConfig, expectError, setConfig, sha256Hex, startWorker } from "./support.mjs";

const TICKET = `flarelink_et_${"ef".repeat(32)}`;
const RESEND = { EMAIL_PROVIDER: "resend", EMAIL_FROM: "Auth <auth@app.example.com>", RESEND_API_KEY: "re_test_key" };

const testEmail = (mf, body, credential = TICKET) => call(mf, "/__flarelink/test-email", {
  method: "POST", origin: null, body, headers: credential ? { authorization: `Bearer ${credential}` } : {},
});

async function withWorker(config, answer, body) {
  const resend = outbound({ "https://api.resend.com/emails": answer });
  const worker = await startWorker({ config: { ...(await defaultConfig()), ...config }, options: { outboundService: resend.service } });
  try {
    await body({ ...worker, resend });
  } finally {
    await worker.mf.dispose();
  }
}

const ticketRows = async (expiresAt = Date.now() + 600_000) => ({
  EMAIL_TICKET_HASH: await sha256Hex(TICKET), EMAIL_TICKET_EXPIRES_AT: String(expiresAt),
});

const pending = (db) => db.prepare("SELECT value FROM flarelink_config WHERE key = 'EMAIL_TICKET_HASH'").first("value");

test("a ticketed test email is sent once and the provider's answer comes back", () =>
  withWorker(RESEND, () => Response.json({ id: "re_msg_123" }), async ({ mf, db, resend }) => {
    // The ticket is written after the Worker cached its config: the endpoint must read it fresh.
    await setConfig(db, await ticketRows());
    const response = await testEmail(mf, { to: "owner@example.com", template: "magic-link" });
    const body = await response.json();
    assert.equal(response.status, 200, JSON.stringify(body));
    assert.deepEqual(body, { ok: true, provider: "resend", answer: { status: 200, id: "re_msg_123" } });
    const mail = await resend.next("https://api.resend.com/emails");
    assert.deepEqual(mail.body.to, ["owner@example.com"]);
    assert.equal(mail.body.subject, "Your sign-in link for app.example.com");
    assert.equal(await pending(db), null, "the ticket is consumed");
    await expectError(testEmail(mf, { to: "owner@example.com" }), 401, "INVALID_EMAIL_TICKET");
    assert.equal(resend.requests.length, 1, "a used ticket sends nothing");
  }));

test("the provider's refusal is shown, without the API key", () =>
  withWorker(RESEND, () => Response.json({ name: "validation_error", message: "The app.example.com domain is not verified." }, { status: 403 }),
    async ({ mf, db }) => {
      await setConfig(db, await ticketRows());
      const response = await testEmail(mf, { to: "owner@example.com" });
      const body = await response.json();
      assert.equal(response.status, 502);
      assert.equal(body.code, "EMAIL_REFUSED");
      assert.deepEqual(body.answer, { status: 403, message: "validation_error: The app.example.com domain is not verified." });
      assert.equal(JSON.stringify(body).includes("re_test_key"), false);
    }));

test("no ticket, a wrong ticket, an expired ticket or the service key are refused and send nothing", () =>
  withWorker(RESEND, () => Response.json({ id: "x" }), async ({ mf, db, resend }) => {
    await expectError(testEmail(mf, { to: "owner@example.com" }, null), 401, "MISSING_EMAIL_TICKET");
    await expectError(testEmail(mf, { to: "owner@example.com" }), 401, "INVALID_EMAIL_TICKET");
    await setConfig(db, await ticketRows());
    await expectError(testEmail(mf, { to: "owner@example.com" }, `flarelink_et_${"00".repeat(32)}`), 401, "INVALID_EMAIL_TICKET");
    const { SERVICE_KEY } = await import("./support.mjs");
    await expectError(testEmail(mf, { to: "owner@example.com" }, SERVICE_KEY), 401, "MISSING_EMAIL_TICKET");
    assert.notEqual(await pending(db), null, "refusals leave the real ticket");
    await setConfig(db, await ticketRows(Date.now() - 1));
    await expectError(testEmail(mf, { to: "owner@example.com" }), 401, "EMAIL_TICKET_EXPIRED");
    assert.equal(resend.requests.length, 0);
  }));

test("bad input is refused without using the ticket", () =>
  withWorker(RESEND, () => Response.json({ id: "x" }), async ({ mf, db, resend }) => {
    await setConfig(db, await ticketRows());
    await expectError(testEmail(mf, { to: "not an address" }), 400, "INVALID_ADDRESS");
    await expectError(testEmail(mf, { to: "a@example.com\r\nBcc: b@example.com" }), 400, "INVALID_ADDRESS");
    await expectError(testEmail(mf, { to: "a@example.com", template: "welcome" }), 400, "UNKNOWN_TEMPLATE");
    assert.notEqual(await pending(db), null);
    assert.equal(resend.requests.length, 0);
  }));

test("without a provider the test email answers 412", () =>
  withWorker({}, () => Response.json({ id: "x" }), async ({ mf, db }) => {
    await setConfig(db, await ticketRows());
    await expectError(testEmail(mf, { to: "owner@example.com" }), 412, "EMAIL_NOT_CONFIGURED");
  }));
