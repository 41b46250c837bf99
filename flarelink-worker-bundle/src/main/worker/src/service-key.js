// Who may call the /__flarelink endpoints: the service key (Authorization: Bearer <key>, compared by SHA-256 with
// SERVICE_KEY_HASH), or, for reload-config only, a one-time reload ticket Flarelink wrote into flarelink_config
// together with the change it wants applied (RELOAD_TICKET_HASH, RELOAD_TICKET_EXPIRES_AT). The ticket lets
// Flarelink ask for a reload without ever keeping the service key.
import { problem } from "./http.js";
import { constantTimeEqual } from "./password.js";

export async function sha256Hex(text) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The credential of `Authorization: Bearer <credential>` (scheme case-insensitive), or null. */
export function bearer(request) {
  const match = /^bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "");
  return match ? match[1] : null;
}

function sameHash(a, b) {
  const enc = new TextEncoder();
  return constantTimeEqual(enc.encode(a), enc.encode(b));
}

/** Returns null when the request carries the service key, otherwise the error response to send. */
export async function requireServiceKey(request, config) {
  if (!config.serviceKeyHash) {
    return problem(412, "SERVICE_KEY_NOT_PROVISIONED", "this Worker has no service key yet; redeploy it from Flarelink");
  }
  const presented = bearer(request);
  if (!presented) return problem(401, "MISSING_SERVICE_KEY", "send the service key as Authorization: Bearer <key>");
  return sameHash(await sha256Hex(presented), config.serviceKeyHash)
    ? null
    : problem(401, "INVALID_SERVICE_KEY", "the service key is not valid");
}

/**
 * Like requireServiceKey, but also accepts an unexpired reload ticket. Returns { refused } with the error response,
 * or { ticket: true|false } telling whether a ticket was used (the caller then consumes it).
 */
export async function requireReloadCredential(request, config, now = Date.now()) {
  const presented = bearer(request);
  const ticket = config.reloadTicket;
  if (presented && presented.startsWith("flarelink_rt_")) {
    if (!ticket) {
      return { refused: problem(401, "INVALID_RELOAD_TICKET", "no reload ticket is pending: it was used or replaced") };
    }
    if (!sameHash(await sha256Hex(presented), ticket.hash)) {
      return { refused: problem(401, "INVALID_RELOAD_TICKET", "the reload ticket is not the one in flarelink_config") };
    }
    if (now > ticket.expiresAt) {
      return { refused: problem(401, "RELOAD_TICKET_EXPIRED", "the reload ticket has expired") };
    }
    return { ticket: true };
  }
  const refused = await requireServiceKey(request, config);
  return refused ? { refused } : { ticket: false };
}
