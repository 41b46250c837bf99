// Small response helpers shared by every route, so all answers carry the same headers.

/** Builds a JSON response that is never cached by browsers or edges. */
export function json(body, status = 200, headers = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
  });
}

/** Builds the `{error, code}` body every Flarelink-owned failure uses. */
export function problem(status, code, message, headers = {}) {
  return json({ error: message, code }, status, headers);
}

/** Returns a copy of the response with extra headers (better-auth responses may be immutable). */
export function withHeaders(response, headers) {
  const copy = new Response(response.body, response);
  for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
  if (!copy.headers.has("cache-control")) copy.headers.set("cache-control", "no-store");
  return copy;
}

/** Largest JSON body the Worker reads: a batch of statements near D1's 100 KB limit each still fits. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Parses a JSON request body; returns the value, or the 400/413 response to send. */
export async function readJson(request) {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) return problem(413, "BODY_TOO_LARGE", `the body is larger than ${MAX_BODY_BYTES} bytes`);
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) return problem(413, "BODY_TOO_LARGE", `the body is larger than ${MAX_BODY_BYTES} bytes`);
  try {
    return JSON.parse(text);
  } catch {
    return problem(400, "INVALID_JSON", "the body must be JSON, sent with Content-Type: application/json");
  }
}
