// A stand-in for the internet behind Miniflare's outboundService: each request the Worker makes is recorded and
// answered by the first handler whose URL prefix matches; anything else gets 599 so a test sees the stray call.
export function outbound(handlers) {
  const requests = [];
  let waiters = [];
  const service = async (request) => {
    const text = request.method === "GET" ? "" : await request.text();
    const seen = { url: request.url, method: request.method, headers: Object.fromEntries(request.headers), text };
    try {
      seen.body = text ? JSON.parse(text) : null;
    } catch {
      seen.body = null;
    }
    requests.push(seen);
    for (const w of waiters) w();
    waiters = [];
    for (const [prefix, handler] of Object.entries(handlers)) {
      if (request.url.startsWith(prefix)) return handler(seen);
    }
    return new Response("no stand-in for this URL", { status: 599 });
  };
  /** Resolves with the first recorded request to this URL prefix, waiting for it if needed. */
  async function next(prefix, from = 0) {
    for (;;) {
      const found = requests.slice(from).find((r) => r.url.startsWith(prefix));
      if (found) return found;
      await new Promise((resolve) => waiters.push(resolve));
    }
  }
  return { service, requests, next };
}

/** The first URL in an email's text part. */
export function linkIn(text) {
  return /https?:\/\/\S+/.exec(text)?.[0] ?? null;
}

/** Every Set-Cookie name=value of a response, joined as a Cookie header. */
export function cookiesOf(response, existing = "") {
  const jar = new Map(existing ? existing.split("; ").map((c) => [c.split("=")[0], c]) : []);
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(";")[0];
    const name = pair.split("=")[0];
    if (/max-age=0/i.test(line)) jar.delete(name);
    else jar.set(name, pair);
  }
  return [...jar.values()].join("; ");
}
