// POST /__flarelink/test-email: sends one email so the project's owner sees what the provider answers.
//
// Flarelink never holds the service key, so the dashboard writes a one-time ticket (EMAIL_TICKET_HASH,
// EMAIL_TICKET_EXPIRES_AT) into flarelink_config and presents it here once, as Authorization: Bearer
// flarelink_et_<hex>. A valid request consumes the ticket before anything is sent, whether or not the provider accepts the email.
import { installConfig, readConfig } from "./config.js";
import { deliver, EmailError, renderMessage } from "./email.js";
import { json, problem, readJson } from "./http.js";
import { constantTimeEqual } from "./password.js";
import { KINDS, renderTemplate } from "./templates.js";

const PREFIX = "flarelink_et_";
const ADDRESS = /^[^\s@<>"',;]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63}$/;

const GENERIC = {
  subject: "Test email from {{appName}}",
  html: "<p>This is a test email from the auth Worker of {{appName}}. Email sending works.</p>",
  text: "This is a test email from the auth Worker of {{appName}}. Email sending works.\n",
};

async function sha256Hex(text) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function checkTicket(request, config, now) {
  const match = /^bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "");
  if (!match || !match[1].startsWith(PREFIX)) {
    return problem(401, "MISSING_EMAIL_TICKET", "send the one-time email ticket as Authorization: Bearer flarelink_et_…");
  }
  const ticket = config.emailTicket;
  if (!ticket) return problem(401, "INVALID_EMAIL_TICKET", "no email ticket is pending: it was used or replaced");
  const enc = new TextEncoder();
  if (!constantTimeEqual(enc.encode(await sha256Hex(match[1])), enc.encode(ticket.hash))) {
    return problem(401, "INVALID_EMAIL_TICKET", "the email ticket is not the one in flarelink_config");
  }
  if (now > ticket.expiresAt) return problem(401, "EMAIL_TICKET_EXPIRED", "the email ticket has expired");
  return null;
}

/** Handles the endpoint; `baseURL` is the Worker's public origin, used for the example link. */
export async function handleTestEmail(request, env, baseURL, now = Date.now()) {
  if (request.method !== "POST") return problem(405, "METHOD_NOT_ALLOWED", "use POST");
  // The ticket was written just now, with the settings it tests: read both fresh, not from the cache.
  const config = await readConfig(env.DB);
  const refused = await checkTicket(request, config, now);
  if (refused) return refused;
  const body = await readJson(request);
  if (body instanceof Response) return body;
  const to = typeof body?.to === "string" ? body.to.trim() : "";
  if (!ADDRESS.test(to) || to.length > 254) {
    return problem(400, "INVALID_ADDRESS", "`to` must be one email address, like someone@example.com");
  }
  const template = body?.template ?? null;
  if (template !== null && !KINDS.includes(template)) {
    return problem(400, "UNKNOWN_TEMPLATE", `\`template\` must be one of ${KINDS.join(", ")}, or left out`);
  }
  const consumed = await env.DB.prepare("DELETE FROM flarelink_config WHERE key IN ('EMAIL_TICKET_HASH', "
    + "'EMAIL_TICKET_EXPIRES_AT') AND (SELECT value FROM flarelink_config WHERE key = 'EMAIL_TICKET_HASH') = ?1")
    .bind(config.emailTicket.hash).run();
  if (!consumed.meta?.changes) return problem(401, "INVALID_EMAIL_TICKET", "the email ticket was used by another request");
  installConfig(config, now);
  if (!config.email) return problem(412, "EMAIL_NOT_CONFIGURED", "email sending is not configured for this Worker");
  const example = `${baseURL}/api/auth/example-link-from-a-test-email`;
  const message = template
    ? renderMessage(template, example, config)
    : renderTemplate("verify", { url: example, appName: config.appName }, { verify: GENERIC });
  try {
    const answer = await deliver(config, env, { to, ...message });
    return json({ ok: true, provider: config.email.provider, answer });
  } catch (e) {
    if (!(e instanceof EmailError)) throw e;
    return json({ ok: false, code: "EMAIL_REFUSED", error: e.message, provider: config.email.provider, answer: e.answer }, 502);
  }
}
