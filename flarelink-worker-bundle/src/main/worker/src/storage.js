// /api/storage/*: the app's server hands the browser presigned R2 URLs and lists, deletes and enumerates objects with
// the project's R2 keypair (R2_ACCESS_KEY_ID / R2_SECRET_ACCESS_KEY in flarelink_config). Bytes never pass through
// the Worker: the browser talks to R2 directly with the URL. Signing is aws4fetch's SigV4, not ours.
import { AwsClient } from "aws4fetch";
import { XMLParser } from "fast-xml-parser";
import { json, problem } from "./http.js";

export const DEFAULT_EXPIRES = 300;
export const MIN_EXPIRES = 60;
export const MAX_EXPIRES = 3600;
export const MAX_LIST_KEYS = 1000;
const MAX_KEY_BYTES = 1024;
const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

const xml = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false, // keys such as "007" stay strings
  trimValues: false,
  isArray: (name) => name === "Contents" || name === "CommonPrefixes" || name === "Bucket",
});

/** The one method each storage route answers. */
const METHODS = {
  "/api/storage/presign": "POST",
  "/api/storage/list": "GET",
  "/api/storage/object": "DELETE",
  "/api/storage/buckets": "GET",
};

class BadRequest extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

function client(r2) {
  return new AwsClient({ accessKeyId: r2.accessKeyId, secretAccessKey: r2.secretAccessKey, service: "s3", region: "auto", retries: 0 });
}

/** R2's S3 endpoint: https://<account>.r2.cloudflarestorage.com unless R2_ENDPOINT overrides it (the local sandbox). */
const endpoint = (r2) => r2.endpoint ?? `https://${r2.accountId}.r2.cloudflarestorage.com`;

function bucketName(value) {
  if (typeof value !== "string" || value === "") throw new BadRequest("MISSING_BUCKET", "bucket is required");
  if (!BUCKET_NAME.test(value)) throw new BadRequest("INVALID_BUCKET", "bucket must be an R2 bucket name: 3-63 lower-case letters, digits and hyphens");
  return value;
}

function objectKey(value) {
  if (typeof value !== "string" || value === "") throw new BadRequest("MISSING_KEY", "key is required");
  if (new TextEncoder().encode(value).length > MAX_KEY_BYTES) throw new BadRequest("INVALID_KEY", `key is longer than ${MAX_KEY_BYTES} bytes`);
  // URLs resolve "." and ".." path segments (also when percent-encoded), so such a key would address another object.
  if (value.split("/").some((segment) => segment === "." || segment === "..")) {
    throw new BadRequest("INVALID_KEY", 'key must not contain "." or ".." path segments');
  }
  if (/[\u0000-\u001f\u007f]/.test(value)) throw new BadRequest("INVALID_KEY", "key must not contain control characters");
  return value;
}

/** Path-style URL of an object; each key segment percent-encoded so "?", "#" and "%" stay part of the key. */
function objectUrl(r2, bucket, key) {
  return new URL(`${endpoint(r2)}/${bucket}/${key.split("/").map(encodeURIComponent).join("/")}`);
}

/** Expiry in seconds: default 300, clamped to [60, 3600]; anything that is not a number is refused. */
export function expiry(value) {
  if (value === undefined || value === null) return DEFAULT_EXPIRES;
  const n = Number(value);
  if (typeof value === "boolean" || !Number.isFinite(n)) throw new BadRequest("INVALID_EXPIRES_IN", "expiresIn must be a number of seconds");
  return Math.min(MAX_EXPIRES, Math.max(MIN_EXPIRES, Math.round(n)));
}

async function presign(r2, body) {
  const bucket = bucketName(body?.bucket);
  const key = objectKey(body?.key);
  const op = body?.op;
  if (op !== "put" && op !== "get") throw new BadRequest("INVALID_OP", 'op must be "put" or "get"');
  const expiresIn = expiry(body?.expiresIn);
  const contentType = body?.contentType;
  if (contentType !== undefined && contentType !== null && (typeof contentType !== "string" || contentType.trim() === "")) {
    throw new BadRequest("INVALID_CONTENT_TYPE", "contentType must be a non-empty string such as image/png");
  }
  const url = objectUrl(r2, bucket, key);
  url.searchParams.set("X-Amz-Expires", String(expiresIn));
  const headers = op === "put" && contentType ? { "content-type": contentType } : {};
  // allHeaders: content-type is signed, so the browser must send exactly the type the server allowed.
  const signed = await client(r2).sign(url.toString(), {
    method: op === "put" ? "PUT" : "GET",
    headers,
    aws: { signQuery: true, allHeaders: true },
  });
  return op === "put" ? { url: signed.url, signedHeaders: headers, expiresIn } : { url: signed.url, expiresIn };
}

/** Sends a header-signed S3 request; answers { response } or { failed } with the 502 to send. */
async function s3(r2, method, url) {
  let response;
  try {
    const request = await client(r2).sign(url.toString(), { method });
    response = await fetch(request);
  } catch {
    return { failed: problem(502, "R2_UNREACHABLE", "R2 did not answer; try again") };
  }
  return { response };
}

/** R2's error code and message from an S3 error body, or status-based ones when it is not S3's XML. */
async function r2Error(response) {
  const text = await response.text();
  let code = `R2_HTTP_${response.status}`;
  let message = `R2 answered HTTP ${response.status}`;
  try {
    const error = xml.parse(text)?.Error;
    if (error?.Code) code = String(error.Code);
    if (error?.Message) message = `R2: ${String(error.Message)}`;
  } catch {
    // Not XML: keep the status-based code.
  }
  return { code, message };
}

async function r2Failure(response) {
  const { code, message } = await r2Error(response);
  return problem(502, code, message);
}

async function list(r2, params) {
  const bucket = bucketName(params.get("bucket") ?? "");
  const url = new URL(`${endpoint(r2)}/${bucket}`);
  url.searchParams.set("list-type", "2");
  url.searchParams.set("delimiter", "/");
  url.searchParams.set("max-keys", String(MAX_LIST_KEYS));
  const prefix = params.get("prefix");
  if (prefix) url.searchParams.set("prefix", prefix);
  const cursor = params.get("cursor");
  if (cursor) url.searchParams.set("continuation-token", cursor);
  const { response, failed } = await s3(r2, "GET", url);
  if (failed) return failed;
  if (!response.ok) return r2Failure(response);
  const result = xml.parse(await response.text())?.ListBucketResult ?? {};
  const answer = {
    objects: (result.Contents ?? []).map((o) => ({
      key: String(o.Key ?? ""),
      size: Number(o.Size ?? 0),
      lastModified: String(o.LastModified ?? ""),
      etag: String(o.ETag ?? "").replaceAll('"', ""),
    })),
    prefixes: (result.CommonPrefixes ?? []).map((p) => String(p.Prefix ?? "")),
  };
  if (String(result.IsTruncated) === "true" && result.NextContinuationToken) {
    answer.nextCursor = String(result.NextContinuationToken);
  }
  return json(answer);
}

async function remove(r2, body) {
  const bucket = bucketName(body?.bucket);
  const key = objectKey(body?.key);
  const { response, failed } = await s3(r2, "DELETE", objectUrl(r2, bucket, key));
  if (failed) return failed;
  // R2 answers 204 for a deleted or missing key; a 404 (NoSuchKey) means the same thing to the app.
  if (response.ok || response.status === 404) {
    await response.body?.cancel();
    return json({ ok: true });
  }
  return r2Failure(response);
}

/**
 * The buckets an R2 key reaches, from R2_BUCKETS: a JSON array of names or {name, createdAt} (what Flarelink writes), or
 * a comma-separated list of names (handy by hand). Entries that are not bucket names are dropped; null when none is
 * left, so the route falls back to ListBuckets.
 */
export function parseBuckets(value) {
  const text = (value ?? "").trim();
  if (!text) return null;
  let entries;
  if (text.startsWith("[")) {
    try {
      entries = JSON.parse(text);
    } catch {
      return null;
    }
    if (!Array.isArray(entries)) return null;
  } else {
    entries = text.split(",");
  }
  const found = new Map();
  for (const entry of entries) {
    const name = String((typeof entry === "string" ? entry : entry?.name) ?? "").trim();
    if (!BUCKET_NAME.test(name) || found.has(name)) continue;
    found.set(name, { name, createdAt: typeof entry?.createdAt === "string" ? entry.createdAt : "" });
  }
  return found.size > 0 ? [...found.values()] : null;
}

async function buckets(r2) {
  // A bucket-scoped key (what Flarelink mints) may not call ListBuckets: R2 refuses it with 403 AccessDenied. Flarelink
  // writes the buckets such a key reaches into R2_BUCKETS, and those are the answer, with no call to R2.
  if (r2.buckets) return json({ buckets: r2.buckets });
  const { response, failed } = await s3(r2, "GET", new URL(`${endpoint(r2)}/`));
  if (failed) return failed;
  if (!response.ok) {
    const { code, message } = await r2Error(response);
    // Not the app's fault and not an outage: say what to change instead of passing R2's 403 on as a 502.
    if (response.status === 403 && code === "AccessDenied") {
      return problem(403, "R2_KEY_CANNOT_LIST_BUCKETS", "R2 refused to list buckets with this Worker's R2 key: a key scoped "
        + "to buckets may not list the account's buckets. Create or regenerate the project's key on the Files page of "
        + "Flarelink, which also writes the buckets it reaches (R2_BUCKETS), or set R2_BUCKETS in flarelink_config yourself");
    }
    return problem(502, code, message);
  }
  const result = xml.parse(await response.text())?.ListAllMyBucketsResult ?? {};
  const list = result.Buckets?.Bucket ?? [];
  return json({ buckets: list.map((b) => ({ name: String(b.Name ?? ""), createdAt: String(b.CreationDate ?? "") })) });
}

/**
 * Routes /api/storage/*; the caller has already checked the service key. `readBody` parses the JSON body (or returns
 * the error response to send).
 */
export async function storage(request, path, r2, readBody) {
  const method = METHODS[path];
  if (!method) return problem(404, "NOT_FOUND", "not found");
  if (request.method !== method) return problem(405, "METHOD_NOT_ALLOWED", `use ${method} for ${path}`);
  const route = `${method} ${path}`;
  if (!r2) {
    return problem(412, "R2_NOT_CONFIGURED", "this Worker has no R2 keypair; create an R2 key on the Files page of the project in Flarelink");
  }
  try {
    if (route === "GET /api/storage/list") return await list(r2, new URL(request.url).searchParams);
    if (route === "GET /api/storage/buckets") return await buckets(r2);
    const body = await readBody(request);
    if (body instanceof Response) return body;
    if (route === "POST /api/storage/presign") return json(await presign(r2, body));
    return await remove(r2, body);
  } catch (e) {
    if (e instanceof BadRequest) return problem(400, e.code, e.message);
    throw e;
  }
}
