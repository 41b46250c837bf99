// Runs one Worker uploaded to the Flarelink sandbox in real workerd through Miniflare.
// Protocol: the sandbox writes one JSON line (the configuration) on stdin and keeps stdin open; this process
// answers one line starting with FLARELINK_RUNNER on stdout, then serves until stdin closes, and disposes
// Miniflare (so workerd ends with it) before it exits. Worker output goes to stderr.
import { createRequire } from "node:module";
import { join } from "node:path";
import { createInterface } from "node:readline";

// D1 binding backed by the sandbox's own D1 REST API, so the Worker and the API see the same SQLite file.
const D1_SHIM = `
function value(v) {
  if (v === undefined) throw new Error("D1_TYPE_ERROR: Type 'undefined' not supported for value 'undefined'");
  if (v === null || typeof v === "number" || typeof v === "string") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "bigint") return Number(v);
  throw new Error("D1_TYPE_ERROR: Type '" + typeof v + "' not supported for value '" + v + "'");
}
async function call(env, kind, body) {
  const res = await fetch(env.api + "/accounts/" + env.accountId + "/d1/database/" + env.databaseId + "/" + kind, {
    method: "POST",
    headers: { authorization: "Bearer " + env.token, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (!json.success) throw new Error("D1_ERROR: " + (json.errors?.[0]?.message ?? "HTTP " + res.status));
  return json.result;
}
class Statement {
  constructor(db, sql, params) { this.db = db; this.sql = sql; this.params = params; }
  bind(...values) { return new Statement(this.db, this.sql, values.map(value)); }
  async first(column) {
    const row = (await this.all()).results[0];
    if (row === undefined) return null;
    if (column === undefined) return row;
    if (!(column in row)) throw new Error("D1_COLUMN_NOTFOUND: Column not found (" + column + ")");
    return row[column];
  }
  async all() { return (await this.db.run([this], false))[0]; }
  async run() { return this.all(); }
  async raw(options) {
    const r = (await this.db.run([this], true))[0];
    return options?.columnNames ? [r.results.columns, ...r.results.rows] : r.results.rows;
  }
}
class Database {
  constructor(env) { this.env = env; }
  prepare(sql) { return new Statement(this, sql, []); }
  batch(statements) { return this.run(statements, false); }
  async exec(sql) {
    const started = Date.now();
    const results = await call(this.env, "query", { sql });
    return { count: results.length, duration: Date.now() - started };
  }
  withSession() {
    return { prepare: (sql) => this.prepare(sql), batch: (s) => this.batch(s), getBookmark: () => null };
  }
  async dump() { throw new Error("D1_DUMP_ERROR: the sandbox does not emulate dump"); }
  async run(statements, raw) {
    const batch = statements.map((s) => ({ sql: s.sql, params: s.params }));
    // One statement per call, as D1 runs it: a multi-statement string in prepare() answers its first result.
    const result = await call(this.env, raw ? "raw" : "query", { batch });
    return result.map((r) => ({ success: true, results: r.results, meta: r.meta }));
  }
}
export default function (env) { return new Database(env); }
`;

// KV binding backed by the sandbox's KV REST API (the same entries the API lists).
const KV_SHIM = `
function url(env, path) {
  return env.api + "/accounts/" + env.accountId + "/storage/kv/namespaces/" + env.namespaceId + path;
}
function req(env, path, init = {}) {
  return fetch(url(env, path), { ...init, headers: { authorization: "Bearer " + env.token, ...(init.headers ?? {}) } });
}
async function fail(op, res) {
  let message = "HTTP " + res.status;
  try { message = (await res.json()).errors?.[0]?.message ?? message; } catch {}
  throw new Error("KV " + op + " failed: " + res.status + " " + message);
}
async function convert(res, type) {
  if (type === "json") return JSON.parse(await res.text());
  if (type === "arrayBuffer") return res.arrayBuffer();
  if (type === "stream") return res.body;
  return res.text();
}
class Namespace {
  constructor(env) { this.env = env; }
  async get(key, options) {
    if (Array.isArray(key)) {
      const values = new Map();
      for (const k of key) values.set(k, await this.get(k, options));
      return values;
    }
    const type = typeof options === "string" ? options : options?.type ?? "text";
    const res = await req(this.env, "/values/" + encodeURIComponent(key));
    if (res.status === 404) { await res.arrayBuffer(); return null; }
    if (!res.ok) return fail("GET", res);
    return convert(res, type);
  }
  async getWithMetadata(key, options) {
    const value = await this.get(key, options);
    if (value === null) return { value: null, metadata: null, cacheStatus: null };
    const res = await req(this.env, "/metadata/" + encodeURIComponent(key));
    const metadata = res.ok ? (await res.json()).result ?? null : (await res.arrayBuffer(), null);
    return { value, metadata, cacheStatus: null };
  }
  async put(key, value, options = {}) {
    const query = new URLSearchParams();
    if (options.expiration != null) query.set("expiration", String(options.expiration));
    if (options.expirationTtl != null) query.set("expiration_ttl", String(options.expirationTtl));
    let body = value;
    if (options.metadata != null) {
      body = new FormData();
      body.set("value", new Blob([value]));
      body.set("metadata", JSON.stringify(options.metadata));
    }
    const q = query.toString();
    const res = await req(this.env, "/values/" + encodeURIComponent(key) + (q ? "?" + q : ""), { method: "PUT", body });
    if (!res.ok) return fail("PUT", res);
    await res.arrayBuffer();
  }
  async delete(key) {
    const res = await req(this.env, "/values/" + encodeURIComponent(key), { method: "DELETE" });
    if (!res.ok) return fail("DELETE", res);
    await res.arrayBuffer();
  }
  async list(options = {}) {
    const query = new URLSearchParams();
    if (options.prefix) query.set("prefix", options.prefix);
    if (options.cursor) query.set("cursor", options.cursor);
    if (options.limit != null) query.set("limit", String(Math.max(10, Math.min(1000, options.limit))));
    const res = await req(this.env, "/keys?" + query);
    if (!res.ok) return fail("LIST", res);
    const json = await res.json();
    const cursor = json.result_info?.cursor ?? "";
    return cursor ? { keys: json.result, list_complete: false, cursor, cacheStatus: null }
                  : { keys: json.result, list_complete: true, cacheStatus: null };
  }
}
export default function (env) { return new Namespace(env); }
`;

// send_email binding: the message goes to the sandbox's Outbox, never to a mail server.
const EMAIL_SHIM = `
function decodeWord(value) {
  return value.replace(/=\\?([^?]+)\\?([BbQq])\\?([^?]*)\\?=/g, (_, charset, enc, data) => {
    if (enc.toUpperCase() === "B") return new TextDecoder(charset).decode(Uint8Array.from(atob(data), (c) => c.charCodeAt(0)));
    return data.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (m, h) => String.fromCharCode(parseInt(h, 16)));
  });
}
function split(raw) {
  const at = raw.search(/\\r?\\n\\r?\\n/);
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? "" : raw.slice(at).replace(/^\\r?\\n\\r?\\n/, "");
  const headers = {};
  for (const line of head.replace(/\\r?\\n[ \\t]+/g, " ").split(/\\r?\\n/)) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { headers, body };
}
function decodeBody(part) {
  const enc = (part.headers["content-transfer-encoding"] ?? "").toLowerCase();
  if (enc === "base64") return new TextDecoder().decode(Uint8Array.from(atob(part.body.replace(/\\s+/g, "")), (c) => c.charCodeAt(0)));
  return part.body;
}
function parse(raw) {
  const top = split(raw);
  const out = { subject: decodeWord(top.headers.subject ?? ""), text: "", html: "" };
  const type = top.headers["content-type"] ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  const parts = boundary ? top.body.split("--" + boundary).slice(1).filter((p) => !p.startsWith("--")).map((p) => split(p.replace(/^\\r?\\n/, ""))) : [top];
  for (const part of parts) {
    const t = (part.headers["content-type"] ?? "text/plain").toLowerCase();
    if (t.startsWith("text/html")) out.html = decodeBody(part);
    else if (t.startsWith("text/plain")) out.text = decodeBody(part);
  }
  return out;
}
export default function (env) {
  return {
    async send(message) {
      // workerd's EmailMessage keeps the MIME text under "EmailMessage::raw", not "raw".
      const body = message.raw ?? message["EmailMessage::raw"];
      const raw = typeof body === "string" ? body : await new Response(body).text();
      const res = await fetch(env.api + "/accounts/" + env.accountId + "/__sandbox/outbox", {
        method: "POST",
        headers: { authorization: "Bearer " + env.token, "content-type": "application/json" },
        body: JSON.stringify({ via: "send_email", from: message.from, to: [message.to], ...parse(raw) }),
      });
      if (!res.ok) throw new Error("send_email failed: the sandbox did not take the message (HTTP " + res.status + ")");
    },
  };
}
`;

const MODULE_TYPES = {
  "application/javascript+module": "ESModule",
  "text/javascript+module": "ESModule",
  "application/javascript": "CommonJS",
  "text/javascript": "CommonJS",
  "application/wasm": "CompiledWasm",
  "text/plain": "Text",
  "application/octet-stream": "Data",
};

let mf;
let closing = false;
async function shutdown(code) {
  if (closing) return;
  closing = true;
  try { await mf?.dispose(); } catch {}
  process.exit(code);
}

function announce(message) {
  process.stdout.write("FLARELINK_RUNNER " + JSON.stringify(message) + "\n");
}

async function start(config) {
  const require = createRequire(join(config.nodeModules, "noop.js"));
  const { Miniflare, fetch: mfFetch, Response: MfResponse } = require("miniflare");
  const outbox = config.api + "/accounts/" + config.accountId + "/__sandbox/outbox";
  // Every fetch the Worker makes passes here: calls to Resend's API are captured in the Outbox, never sent.
  async function outbound(request) {
    if (new URL(request.url).hostname === "api.resend.com") {
      let mail = {};
      try { mail = await request.json(); } catch {}
      const res = await mfFetch(outbox, {
        method: "POST",
        headers: { authorization: "Bearer " + config.token, "content-type": "application/json" },
        body: JSON.stringify({ via: "resend", from: mail.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html }),
      });
      const json = await res.json();
      return MfResponse.json(res.ok ? { id: json.result.id } : { message: "not captured" }, { status: res.ok ? 200 : 500 });
    }
    return mfFetch(request);
  }
  const shim = { api: config.api, accountId: config.accountId, token: config.token };
  const wrappedBindings = {};
  for (const [name, databaseId] of Object.entries(config.d1)) {
    wrappedBindings[name] = { scriptName: "flarelink-d1", bindings: { ...shim, databaseId } };
  }
  for (const [name, namespaceId] of Object.entries(config.kv)) {
    wrappedBindings[name] = { scriptName: "flarelink-kv", bindings: { ...shim, namespaceId } };
  }
  for (const name of config.email) {
    wrappedBindings[name] = { scriptName: "flarelink-email", bindings: shim };
  }
  mf = new Miniflare({
    host: "127.0.0.1",
    port: config.port,
    cf: false, // never download Request.cf from the internet
    handleRuntimeStdio(stdout, stderr) {
      stdout.pipe(process.stderr);
      stderr.pipe(process.stderr);
    },
    workers: [
      {
        name: "main",
        // Listed modules skip Miniflare's import scan (Node 20 has no node:sqlite; see better-auth-worker.md).
        modules: config.modules.map((m) => ({ type: MODULE_TYPES[m.contentType.split(";")[0].trim()] ?? "Data", path: m.path })),
        modulesRoot: config.modulesRoot,
        compatibilityDate: config.compatibilityDate,
        compatibilityFlags: config.compatibilityFlags,
        bindings: config.vars,
        wrappedBindings,
        outboundService: outbound,
      },
      // Wrapped-binding modules run inside the main Worker, with its compatibility date and flags.
      { name: "flarelink-d1", modules: true, script: D1_SHIM },
      { name: "flarelink-kv", modules: true, script: KV_SHIM },
      { name: "flarelink-email", modules: true, script: EMAIL_SHIM },
    ],
  });
  const url = await mf.ready;
  announce({ ready: true, url: url.href, pid: process.pid });
}

const lines = createInterface({ input: process.stdin });
lines.once("line", (line) => {
  start(JSON.parse(line)).catch((e) => {
    announce({ ready: false, error: String(e?.message ?? e).slice(0, 2000) });
    shutdown(1);
  });
});
lines.on("close", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));
process.on("SIGINT", () => shutdown(0));
