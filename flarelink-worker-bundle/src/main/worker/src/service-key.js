// The service key check: Authorization: Bearer <key>, compared by SHA-256 with SERVICE_KEY_HASH.
import { problem } from "./http.js";
import { constantTimeEqual } from "./password.js";

async function sha256Hex(text) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Returns null when the request carries the service key, otherwise the error response to send. */
export async function requireServiceKey(request, config) {
  if (!config.serviceKeyHash) {
    return problem(412, "SERVICE_KEY_NOT_PROVISIONED", "this Worker has no service key yet; redeploy it from Flarelink");
  }
  const match = /^bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "");
  if (!match) return problem(401, "MISSING_SERVICE_KEY", "send the service key as Authorization: Bearer <key>");
  const enc = new TextEncoder();
  const ok = constantTimeEqual(enc.encode(await sha256Hex(match[1])), enc.encode(config.serviceKeyHash));
  return ok ? null : problem(401, "INVALID_SERVICE_KEY", "the service key is not valid");
}
