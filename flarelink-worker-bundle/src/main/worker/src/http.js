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
