// Google and GitHub sign-in (better-auth's socialProviders), and the callback URLs that sign-in requests carry.
//
// better-auth resolves a relative callbackURL against the Worker's own origin and sends errors to the Worker's own
// /api/auth/error page. The app lives on another origin, so before better-auth sees a sign-in request the Worker
// makes every callback absolute on the app's origin (the request's Origin when trusted, else the first trusted
// origin) and, when the app gave no errorCallbackURL, sends errors to the callbackURL: the app then reads
// ?error=<code>&error_description=<text> on its own page.
import { problem, readJson } from "./http.js";

/** The socialProviders option: only providers with both a client id and a secret. */
export function socialProviders(config) {
  const out = {};
  for (const [provider, { clientId, clientSecret }] of Object.entries(config.social ?? {})) {
    out[provider] = { clientId, clientSecret };
  }
  return out;
}

/** Paths whose JSON body carries callback URLs the Worker makes absolute. */
const SIGN_IN_PATHS = new Set(["/api/auth/sign-in/social", "/api/auth/sign-in/magic-link"]);

/** The origin a relative callback resolves against: the caller's, when trusted, else the first trusted one. */
function appOrigin(request, config) {
  const origin = request.headers.get("origin");
  if (origin && config.trustedOrigins.includes(origin)) return origin;
  return config.trustedOrigins[0] ?? null;
}

function absolute(value, base) {
  if (typeof value !== "string" || value === "") return base ? `${base}/` : value;
  // Protocol-relative (//evil.example) would leave the app's origin: treat it as the app's root.
  if (value.startsWith("//") || value.startsWith("/\\")) return base ? `${base}/` : "/";
  if (value.startsWith("/")) return base ? `${base}${value}` : value;
  return value; // absolute: better-auth's trusted-origin check decides
}

/**
 * Prepares a sign-in request for better-auth; returns the (possibly rewritten) request, or a Response to send
 * instead. Other requests pass through untouched.
 */
export async function prepareSignIn(request, config, path) {
  if (!SIGN_IN_PATHS.has(path) || request.method !== "POST") return request;
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json") return request; // better-auth answers other bodies itself
  const body = await readJson(request.clone());
  if (body instanceof Response) return body;
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    return problem(400, "INVALID_BODY", "the body must be a JSON object");
  }
  const base = appOrigin(request, config);
  const fixed = { ...body };
  fixed.callbackURL = absolute(body.callbackURL, base);
  for (const field of ["newUserCallbackURL", "errorCallbackURL"]) {
    if (body[field] !== undefined) fixed[field] = absolute(body[field], base);
  }
  if (fixed.errorCallbackURL === undefined) fixed.errorCallbackURL = fixed.callbackURL;
  const headers = new Headers(request.headers);
  headers.delete("content-length");
  return new Request(request.url, { method: "POST", headers, body: JSON.stringify(fixed) });
}
