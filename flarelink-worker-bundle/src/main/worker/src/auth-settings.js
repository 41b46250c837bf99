// The Authentication → Settings rows of flarelink_config: app name, templates, magic links, Google and GitHub
// sign-in, and the one-time ticket for a test email. Kept apart from config.js, which spreads this in.
import { templateOverrides } from "./templates.js";

export const SOCIAL_PROVIDERS = ["google", "github"];

function flag(value, fallback) {
  if (value == null || value === "") return fallback;
  return value.trim().toLowerCase() === "true";
}

/** The app's name in emails: APP_NAME, else the first trusted origin's host without www., else "your app". */
export function appName(raw, trustedOrigins) {
  const own = (raw.APP_NAME ?? "").trim();
  if (own) return own.slice(0, 100);
  const first = trustedOrigins[0];
  return first ? new URL(first).hostname.replace(/^www\./, "") : "your app";
}

/** A provider is on only when both its client id and secret are set. */
function social(raw) {
  const out = {};
  for (const provider of SOCIAL_PROVIDERS) {
    const upper = provider.toUpperCase();
    const clientId = (raw[`${upper}_CLIENT_ID`] ?? "").trim();
    const clientSecret = (raw[`${upper}_CLIENT_SECRET`] ?? "").trim();
    if (clientId && clientSecret) out[provider] = { clientId, clientSecret };
  }
  return out;
}

/** A one-time ticket for POST /__flarelink/test-email: its hash and expiry (epoch ms), or null. */
function emailTicket(raw) {
  const hash = (raw.EMAIL_TICKET_HASH ?? "").trim().toLowerCase();
  const expiresAt = Number.parseInt(raw.EMAIL_TICKET_EXPIRES_AT ?? "", 10);
  if (!/^[0-9a-f]{64}$/.test(hash) || !Number.isFinite(expiresAt)) return null;
  return { hash, expiresAt };
}

/** Parses the settings; `mail` is the parsed email sender (null when none), which the magic link needs. */
export function parseAuthSettings(raw, mail, trustedOrigins) {
  return {
    appName: appName(raw, trustedOrigins),
    templates: templateOverrides(raw),
    // On by default when the row is missing, but never without a way to send the link.
    magicLink: {
      enabled: mail !== null && flag(raw.MAGIC_LINK_ENABLED, true),
      disableSignUp: flag(raw.MAGIC_LINK_DISABLE_SIGNUP, false),
    },
    social: social(raw),
    emailTicket: emailTicket(raw),
  };
}
