// /__flarelink/admin/*: what Flarelink's Users page asks the Worker to do for one user (send a verification or a
// password-reset link) without holding the service key. Flarelink writes a one-time ticket into flarelink_ticket
// (SHA-256 of "flarelink_tk_<64 hex>", purpose, the user's id, expiry) and presents it once. Consuming it is one
// DELETE … RETURNING, so a ticket works once even when two requests race, and only for its purpose and user.
import { json, problem } from "./http.js";
import { bearer, sha256Hex } from "./service-key.js";

export const TICKET_PREFIX = "flarelink_tk_";
const PURPOSES = { "/__flarelink/admin/send-verification": "send-verification", "/__flarelink/admin/send-reset": "send-reset" };

export const isAdminPath = (path) => path in PURPOSES;

/** Consumes the ticket for this purpose; answers the user id it was minted for, or null. */
async function consume(db, ticket, purpose, now) {
  const hash = await sha256Hex(ticket);
  const [taken] = await db.batch([
    db.prepare('DELETE FROM "flarelink_ticket" WHERE "hash" = ?1 AND "purpose" = ?2 AND "expiresAt" > ?3 RETURNING "subject"')
      .bind(hash, purpose, now),
    db.prepare('DELETE FROM "flarelink_ticket" WHERE "expiresAt" <= ?1').bind(now),
  ]);
  return taken.results[0]?.subject ?? null;
}

/** Where the link in the mail sends the user back to: the app's first trusted origin. */
const appOrigin = (config) => config.trustedOrigins[0] ?? null;

export async function handleAdmin(request, path, env, config, auth, now = Date.now()) {
  if (request.method !== "POST") return problem(405, "METHOD_NOT_ALLOWED", `use POST for ${path}`);
  const ticket = bearer(request);
  if (!ticket || !ticket.startsWith(TICKET_PREFIX)) {
    return problem(401, "INVALID_TICKET", "send the one-time ticket Flarelink wrote as Authorization: Bearer flarelink_tk_…");
  }
  // Checked before the ticket is spent, so a project without email keeps its ticket useless but unconsumed.
  if (!config.email) return problem(412, "EMAIL_NOT_CONFIGURED", "email sending is not configured for this Worker");
  const purpose = PURPOSES[path];
  const userId = await consume(env.DB, ticket, purpose, now);
  if (!userId) return problem(401, "INVALID_TICKET", "the ticket is unknown, was used already, has expired or is for another action");
  const user = await env.DB.prepare('SELECT "email", "emailVerified" FROM "user" WHERE "id" = ?1').bind(userId).first();
  if (!user) return problem(404, "USER_NOT_FOUND", "the user no longer exists");
  const origin = appOrigin(config);
  try {
    if (purpose === "send-verification") {
      if (user.emailVerified) return problem(409, "ALREADY_VERIFIED", "the user's e-mail address is already verified");
      await auth.api.sendVerificationEmail({ body: { email: user.email, ...(origin && { callbackURL: origin }) } });
    } else {
      await auth.api.requestPasswordReset({ body: { email: user.email, ...(origin && { redirectTo: `${origin}/reset-password` }) } });
    }
  } catch (e) {
    console.error("flarelink admin email failed", e?.name ?? "Error");
    return problem(502, "EMAIL_SEND_FAILED", "the email provider refused or did not answer; check the email settings");
  }
  return json({ ok: true });
}
