// Email for verification and password reset: Resend's HTTP API or the Cloudflare send_email binding.

function appName(config) {
  const first = config.trustedOrigins[0];
  return first ? new URL(first).hostname.replace(/^www\./, "") : "your app";
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Renders the two messages the Worker sends; plain on purpose, one link each. */
export function renderMessage(kind, url, config) {
  const app = appName(config);
  const action = kind === "reset" ? "reset your password" : "verify your email address";
  const subject = kind === "reset" ? `Reset your ${app} password` : `Verify your email for ${app}`;
  const text = `Use this link to ${action} for ${app}:\n\n${url}\n\nIf you did not ask for this, ignore this email.\n`;
  const link = escapeHtml(url);
  const html = `<p>Use this link to ${action} for ${escapeHtml(app)}:</p><p><a href="${link}">${link}</a></p>`
    + "<p>If you did not ask for this, ignore this email.</p>";
  return { subject, text, html };
}

async function sendWithResend(mail, message) {
  const response = await fetch("https://api.resend.com/emails", {
    method: "POST",
    headers: { authorization: `Bearer ${mail.resendApiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ from: mail.from, to: [message.to], subject: message.subject, html: message.html, text: message.text }),
  });
  // The provider's body may echo addresses; only the status is reported.
  if (!response.ok) throw new Error(`Resend refused the email (HTTP ${response.status})`);
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
  if (!env.EMAIL) throw new Error("EMAIL_PROVIDER is cloudflare but the Worker has no EMAIL (send_email) binding; redeploy");
  const { EmailMessage } = await import("cloudflare:email");
  await env.EMAIL.send(new EmailMessage(mail.from.replace(/^.*<|>.*$/g, ""), message.to, mime(mail.from, message)));
}

/** Returns a sender for the configured provider, or null when email is not configured. */
export function emailSender(config, env) {
  const mail = config.email;
  if (!mail) return null;
  return async (kind, to, url) => {
    const message = { to, ...renderMessage(kind, url, config) };
    if (mail.provider === "resend") await sendWithResend(mail, message);
    else await sendWithBinding(env, mail, message);
  };
}
