// Email for verification and password reset: Resend's HTTP API or the Cloudflare send_email binding.

import { renderTemplate } from "./templates.js";

/** A refusal from the email provider; `answer` is what the provider said, safe to show to the project's owner. */
export class EmailError extends Error {
  constructor(message, answer) {
    super(message);
    this.answer = answer;
  }
}

/** Renders one of the three messages (verify, reset, magic-link) from the configured or default template. */
export function renderMessage(kind, url, config) {
  return renderTemplate(kind, { url, appName: config.appName ?? "your app" }, config.templates ?? {});
}

async function sendWithResend(mail, message) {
  const response = await fetch("https://api.resend.com/emails", {
    method: "POST",
    headers: { authorization: `Bearer ${mail.resendApiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ from: mail.from, to: [message.to], subject: message.subject, html: message.html, text: message.text }),
  });
  let body = {};
  try {
    body = await response.json();
  } catch {
    // Not JSON: the status alone is the answer.
  }
  if (!response.ok) {
    // Resend's {name, message} explains the refusal (unverified domain, bad key); it never holds the key.
    const said = [body?.name, body?.message].filter((v) => typeof v === "string").join(": ").slice(0, 300);
    throw new EmailError(`Resend refused the email (HTTP ${response.status})`, { status: response.status, message: said || null });
  }
  return { status: response.status, id: typeof body?.id === "string" ? body.id : null };
}

function mime(from, message) {
  const boundary = `flarelink-${crypto.randomUUID()}`;
  const b64 = (s) => btoa(String.fromCharCode(...new TextEncoder().encode(s))).replace(/.{76}/g, "$&\r\n");
  return [
    `From: ${from}`,
    `To: ${message.to}`,
    `Subject: =?UTF-8?B?${b64(message.subject).replace(/\r\n/g, "")}?=`,
    `Message-ID: <${crypto.randomUUID()}@${from.split("@").pop().replace(/[>\s]/g, "")}>`,
    `Date: ${new Date().toUTCString()}`,
    "MIME-Version: 1.0",
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: base64",
    "",
    b64(message.text),
    `--${boundary}`,
    "Content-Type: text/html; charset=UTF-8",
    "Content-Transfer-Encoding: base64",
    "",
    b64(message.html),
    `--${boundary}--`,
    "",
  ].join("\r\n");
}

async function sendWithBinding(env, mail, message) {
  if (!env.EMAIL) {
    throw new EmailError("EMAIL_PROVIDER is cloudflare but the Worker has no EMAIL (send_email) binding; redeploy",
      { status: null, message: "the Worker has no EMAIL (send_email) binding; save the email settings again to redeploy with it" });
  }
  const { EmailMessage } = await import("cloudflare:email");
  try {
    await env.EMAIL.send(new EmailMessage(mail.from.replace(/^.*<|>.*$/g, ""), message.to, mime(mail.from, message)));
  } catch (e) {
    // Cloudflare's reason (unverified sender, SPF/DKIM) is in the message; it holds no secret.
    throw new EmailError("Cloudflare Email Sending refused the email", { status: null, message: String(e?.message ?? e).slice(0, 300) });
  }
  return { status: 200, id: null };
}

/** Sends one rendered message with the configured provider; returns the provider's answer or throws EmailError. */
export async function deliver(config, env, message) {
  const mail = config.email;
  if (!mail) throw new EmailError("email sending is not configured", { status: null, message: "no email provider is configured" });
  return mail.provider === "resend" ? sendWithResend(mail, message) : sendWithBinding(env, mail, message);
}

/** Returns a sender for the configured provider, or null when email is not configured. */
export function emailSender(config, env) {
  const mail = config.email;
  if (!mail) return null;
  return async (kind, to, url) => {
    await deliver(config, env, { to, ...renderMessage(kind, url, config) });
  };
}
