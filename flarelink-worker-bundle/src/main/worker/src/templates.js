// Email templates: verification, password reset and magic link. Each of subject, html and text can be overridden by a
// flarelink_config row EMAIL_TEMPLATE_<KIND>_<PART>; the placeholders are {{url}} and {{appName}} only.

export const KINDS = ["verify", "reset", "magic-link"];
export const PARTS = ["subject", "html", "text"];
export const PLACEHOLDERS = ["url", "appName"];

/** The flarelink_config key of one template part, e.g. EMAIL_TEMPLATE_MAGIC_LINK_HTML. */
export function templateKey(kind, part) {
  return `EMAIL_TEMPLATE_${kind.replace("-", "_").toUpperCase()}_${part.toUpperCase()}`;
}

// One button and the link written out below it, for mail clients that drop buttons; styles inline, no images.
function html(lead, action) {
  return '<div style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:480px;margin:0 auto;'
    + 'padding:24px;color:#1f2933;line-height:1.5">'
    + `<p style="margin:0 0 16px">${lead}</p>`
    + '<p style="margin:0 0 24px"><a href="{{url}}" style="display:inline-block;background:#1f2933;color:#ffffff;'
    + `padding:10px 18px;border-radius:6px;text-decoration:none">${action}</a></p>`
    + '<p style="margin:0 0 8px;font-size:13px;color:#52606d">If the button does not work, open this link:</p>'
    + '<p style="margin:0 0 24px;font-size:13px;word-break:break-all"><a href="{{url}}">{{url}}</a></p>'
    + '<p style="margin:0;font-size:13px;color:#52606d">If you did not ask for this, you can ignore this email.</p>'
    + "</div>";
}

export const DEFAULT_TEMPLATES = {
  verify: {
    subject: "Verify your email for {{appName}}",
    html: html("Confirm your email address for {{appName}}.", "Verify email"),
    text: "Confirm your email address for {{appName}} by opening this link:\n\n{{url}}\n\n"
      + "If you did not ask for this, you can ignore this email.\n",
  },
  reset: {
    subject: "Reset your {{appName}} password",
    html: html("Someone asked to reset the password of your {{appName}} account. The link works for one hour.",
      "Reset password"),
    text: "Someone asked to reset the password of your {{appName}} account. Open this link to choose a new one "
      + "(it works for one hour):\n\n{{url}}\n\nIf you did not ask for this, you can ignore this email.\n",
  },
  "magic-link": {
    subject: "Your sign-in link for {{appName}}",
    html: html("Use this link to sign in to {{appName}}. It works once, within 5 minutes.", "Sign in"),
    text: "Use this link to sign in to {{appName}}. It works once, within 5 minutes:\n\n{{url}}\n\n"
      + "If you did not ask for this, you can ignore this email.\n",
  },
};

/** Reads the overrides from the raw config rows: {kind: {part: text}} with only the parts that are set. */
export function templateOverrides(raw) {
  const out = {};
  for (const kind of KINDS) {
    out[kind] = {};
    for (const part of PARTS) {
      const value = raw[templateKey(kind, part)];
      if (typeof value === "string" && value.trim() !== "") out[kind][part] = value;
    }
  }
  return out;
}

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function fill(template, values, escape) {
  return template.replace(/\{\{\s*(url|appName)\s*\}\}/g, (_, name) => (escape ? escapeHtml(values[name]) : values[name]));
}

/** Renders one message; values are escaped in the HTML part, and subject lines lose any line break. */
export function renderTemplate(kind, values, overrides = {}) {
  const base = DEFAULT_TEMPLATES[kind];
  if (!base) throw new Error(`unknown template ${kind}`);
  const own = overrides[kind] ?? {};
  return {
    subject: fill(own.subject ?? base.subject, values, false).replace(/[\r\n]+/g, " ").trim(),
    html: fill(own.html ?? base.html, values, true),
    text: fill(own.text ?? base.text, values, false),
  };
}
