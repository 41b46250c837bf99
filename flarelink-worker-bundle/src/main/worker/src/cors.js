// CORS against the trusted origins: exactly those origins, with credentials; everything else is refused.
import { problem } from "./http.js";

const ALLOW_METHODS = "GET, POST, DELETE, OPTIONS";
const ALLOW_HEADERS = "Content-Type, Authorization";

/** Headers that let a trusted origin read the response with cookies. */
export function corsHeaders(origin) {
  return { "access-control-allow-origin": origin, "access-control-allow-credentials": "true", vary: "Origin" };
}

/** True when the request either has no Origin (server-to-server) or comes from a trusted origin. */
export function originAllowed(origin, config) {
  return origin === null || config.trustedOrigins.includes(origin);
}

export function refuseOrigin() {
  return problem(403, "UNTRUSTED_ORIGIN", "this origin is not in the Worker's trusted origins");
}

/** Answers a CORS preflight for a trusted origin. */
export function preflight(origin) {
  return new Response(null, {
    status: 204,
    headers: {
      ...corsHeaders(origin),
      "access-control-allow-methods": ALLOW_METHODS,
      "access-control-allow-headers": ALLOW_HEADERS,
      "access-control-max-age": "600",
      "cache-control": "no-store",
    },
  });
}
