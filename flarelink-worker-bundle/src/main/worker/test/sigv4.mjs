// An independent SigV4 verifier for the storage tests, written from AWS's specification with node:crypto so that it
// shares no code with aws4fetch, which signs in the Worker. It recomputes the signature of a presigned URL or of a
// header-signed request and says whether it matches.
import { createHash, createHmac } from "node:crypto";

const hmac = (key, text) => createHmac("sha256", key).update(text, "utf8").digest();
const sha256 = (text) => createHash("sha256").update(text, "utf8").digest("hex");

/** RFC 3986 encoding: everything but unreserved characters, as SigV4 requires. */
const rfc3986 = (text) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** S3's canonical URI: each path segment decoded once, then encoded once (no double encoding). */
function canonicalPath(pathname) {
  return pathname.split("/").map((segment) => rfc3986(decodeURIComponent(segment))).join("/");
}

function canonicalQuery(params, skip) {
  return [...params]
    .filter(([k]) => k !== skip)
    .map(([k, v]) => [rfc3986(k), rfc3986(v)])
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
}

function signature({ method, url, headers, signedHeaders, amzDate, scope, payloadHash, secret, skipParam }) {
  const canonicalHeaders = signedHeaders
    .map((name) => `${name}:${(name === "host" ? url.host : headers.get(name) ?? "").trim().replace(/\s+/g, " ")}\n`)
    .join("");
  const canonicalRequest = [method, canonicalPath(url.pathname), canonicalQuery(url.searchParams, skipParam),
    canonicalHeaders, signedHeaders.join(";"), payloadHash].join("\n");
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonicalRequest)].join("\n");
  const [date, region, service] = scope.split("/");
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), "aws4_request");
  return hmac(key, stringToSign).toString("hex");
}

/** Verifies a query-presigned URL (X-Amz-Signature) for the given method and the headers the client will send. */
export function verifyPresigned(urlText, { method, headers = {}, secret }) {
  const url = new URL(urlText);
  const p = url.searchParams;
  const scope = p.get("X-Amz-Credential").split("/").slice(1).join("/");
  const expected = signature({
    method, url, headers: new Headers(headers), signedHeaders: p.get("X-Amz-SignedHeaders").split(";"),
    amzDate: p.get("X-Amz-Date"), scope, payloadHash: "UNSIGNED-PAYLOAD", secret, skipParam: "X-Amz-Signature",
  });
  return expected === p.get("X-Amz-Signature");
}

/** Verifies a header-signed request (Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…). */
export function verifyHeaderSigned(request, { secret, accessKeyId }) {
  const auth = request.headers.get("authorization") ?? "";
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(auth);
  if (!match || match[1] !== accessKeyId) return false;
  const url = new URL(request.url);
  const expected = signature({
    method: request.method, url, headers: request.headers, signedHeaders: match[3].split(";"),
    amzDate: request.headers.get("x-amz-date"), scope: match[2],
    payloadHash: request.headers.get("x-amz-content-sha256"), secret,
  });
  return expected === match[4];
}
