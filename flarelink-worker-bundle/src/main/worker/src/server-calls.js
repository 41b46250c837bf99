// Server mode of @flarelink/client: the app's server forwards the browser's Cookie and sends no Origin.
//
// better-auth refuses a state-changing request that carries a cookie but no Origin (403 MISSING_OR_NULL_ORIGIN),
// because that is also what a cross-site form post from an old browser could look like. We tell the two apart
// before better-auth sees the request (docs/worker.md, "CSRF"):
// - current browsers send Origin on every POST, fetch, XHR or form alike, and Sec-Fetch-Site on every request
//   (a server's fetch does not: Node's sends Sec-Fetch-Mode alone);
// - the only cross-site request a page can make without a CORS preflight is a form or a "simple" fetch, whose body
//   can be form-urlencoded, multipart or text/plain, never application/json.
// So a state-changing request with no Origin, no Referer, no Sec-Fetch-Site and a JSON body comes from a server.
// It is handed to better-auth as a same-origin call (Origin = the Worker's own origin), which keeps better-auth's
// callbackURL/redirectTo checks. Every other request without an Origin is left as it is, and better-auth refuses it.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** True when the request has the shape only a server (never a browser page) can give it. */
export function isServerCall(request) {
  const h = request.headers;
  if (SAFE_METHODS.has(request.method) || h.has("origin") || h.has("referer")) return false;
  // Browsers with Fetch Metadata send Sec-Fetch-Site on every request. (Node's fetch sends Sec-Fetch-Mode alone.)
  if (h.has("sec-fetch-site")) return false;
  const type = (h.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  return type === "application/json";
}

/** The request as better-auth should see it: a server call gets the Worker's own origin; others are unchanged. */
export function forAuth(request, baseURL) {
  if (!isServerCall(request)) return request;
  const headers = new Headers(request.headers);
  headers.set("origin", new URL(baseURL).origin);
  return new Request(request, { headers });
}
