import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import { defaultConfig, expectError, service, setConfig, startWorker } from "./support.mjs";
import { verifyHeaderSigned, verifyPresigned } from "./sigv4.mjs";

const ACCOUNT = "0123456789abcdef0123456789abcdef";
const R2_HOST = `${ACCOUNT}.r2.cloudflarestorage.com`;
const ACCESS_KEY_ID = "b7a1c0ffee0000000000000000000001";
const SECRET = "4f1d6a9e2b8c7d0e5f3a1b2c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e";
const R2_CONFIG = { R2_ACCOUNT_ID: ACCOUNT, R2_ACCESS_KEY_ID: ACCESS_KEY_ID, R2_SECRET_ACCESS_KEY: SECRET };

// R2 answered offline: Miniflare hands every outbound fetch of the Worker to this function, which checks the
// request's SigV4 signature with an independent implementation before answering like R2.
const seen = [];
let unreachable = false;
let scopedKey = false; // R2 refuses ListBuckets to a key scoped to buckets (Object Read & Write)
function fakeR2(request) {
  const url = new URL(request.url);
  const signatureOk = verifyHeaderSigned(request, { secret: SECRET, accessKeyId: ACCESS_KEY_ID });
  seen.push({ method: request.method, url, signatureOk, host: url.host });
  if (unreachable) throw new Error("connection refused");
  const xml = (status, body) => new Response(`<?xml version="1.0" encoding="UTF-8"?>${body}`, { status, headers: { "content-type": "application/xml" } });
  if (!signatureOk) return xml(403, "<Error><Code>SignatureDoesNotMatch</Code><Message>bad signature</Message></Error>");
  const [, bucket, ...rest] = url.pathname.split("/");
  const key = rest.map(decodeURIComponent).join("/");
  if (request.method === "GET" && url.pathname === "/" && scopedKey) {
    return xml(403, "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>");
  }
  if (request.method === "GET" && url.pathname === "/") {
    return xml(200, "<ListAllMyBucketsResult><Buckets><Bucket><Name>app-files</Name><CreationDate>2026-11-28T10:00:00.000Z</CreationDate></Bucket>"
      + "<Bucket><Name>avatars</Name><CreationDate>2026-12-01T08:30:00.000Z</CreationDate></Bucket></Buckets><Owner><ID>x</ID></Owner></ListAllMyBucketsResult>");
  }
  if (request.method === "GET" && bucket === "missing-bucket") {
    return xml(404, "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist.</Message></Error>");
  }
  if (request.method === "GET" && rest.length === 0) {
    const more = !url.searchParams.has("continuation-token");
    return xml(200, "<ListBucketResult><Name>app-files</Name><Prefix>photos/</Prefix>"
      + "<Contents><Key>photos/007</Key><Size>12</Size><LastModified>2026-12-01T00:00:00.000Z</LastModified><ETag>&quot;abc123&quot;</ETag></Contents>"
      + "<Contents><Key>photos/a &amp; b.png</Key><Size>2048</Size><LastModified>2026-12-02T00:00:00.000Z</LastModified><ETag>\"def456\"</ETag></Contents>"
      + "<CommonPrefixes><Prefix>photos/2026/</Prefix></CommonPrefixes>"
      + `<IsTruncated>${more}</IsTruncated>${more ? "<NextContinuationToken>tok/en+1==</NextContinuationToken>" : ""}</ListBucketResult>`);
  }
  if (request.method === "DELETE") {
    if (bucket === "locked") return xml(403, "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>");
    if (key === "gone.txt") return xml(404, "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>");
    return new Response(null, { status: 204 });
  }
  return xml(400, "<Error><Code>InvalidRequest</Code><Message>unexpected request</Message></Error>");
}

let worker;
before(async () => {
  worker = await startWorker({ config: { ...(await defaultConfig()), ...R2_CONFIG }, options: { outboundService: fakeR2 } });
});
after(() => worker.mf.dispose());
beforeEach(() => {
  seen.length = 0;
  unreachable = false;
  scopedKey = false;
});

const presign = (body) => service(worker.mf, "/api/storage/presign", { body });

test("a PUT presign signs content-type, clamps nothing by default and verifies independently", async () => {
  const response = await presign({ bucket: "app-files", key: "uploads/cat.png", op: "put", contentType: "image/png" });
  assert.equal(response.status, 200);
  const body = await response.json();
  assert.deepEqual(Object.keys(body).sort(), ["expiresIn", "signedHeaders", "url"]);
  assert.deepEqual(body.signedHeaders, { "content-type": "image/png" });
  assert.equal(body.expiresIn, 300);
  const url = new URL(body.url);
  assert.equal(url.origin, `https://${R2_HOST}`);
  assert.equal(url.pathname, "/app-files/uploads/cat.png");
  assert.equal(url.searchParams.get("X-Amz-Expires"), "300");
  assert.equal(url.searchParams.get("X-Amz-Algorithm"), "AWS4-HMAC-SHA256");
  assert.equal(url.searchParams.get("X-Amz-SignedHeaders"), "content-type;host");
  assert.match(url.searchParams.get("X-Amz-Credential"), new RegExp(`^${ACCESS_KEY_ID}/\\d{8}/auto/s3/aws4_request$`));
  assert.equal(verifyPresigned(body.url, { method: "PUT", headers: { "content-type": "image/png" }, secret: SECRET }), true);
  assert.equal(verifyPresigned(body.url, { method: "PUT", headers: { "content-type": "text/html" }, secret: SECRET }), false,
    "another content type does not match the signature");
  assert.equal(verifyPresigned(body.url, { method: "GET", headers: { "content-type": "image/png" }, secret: SECRET }), false);
  assert.equal(verifyPresigned(body.url, { method: "PUT", headers: { "content-type": "image/png" }, secret: SECRET.replace("4", "5") }), false);
  assert.equal(seen.length, 0, "presigning calls nothing");
});

test("a GET presign answers {url, expiresIn} and expiry is clamped to [60, 3600]", async () => {
  const body = await (await presign({ bucket: "app-files", key: "report.pdf", op: "get", expiresIn: 5 })).json();
  assert.deepEqual(Object.keys(body).sort(), ["expiresIn", "url"]);
  assert.equal(body.expiresIn, 60);
  assert.equal(new URL(body.url).searchParams.get("X-Amz-SignedHeaders"), "host");
  assert.equal(verifyPresigned(body.url, { method: "GET", secret: SECRET }), true);
  assert.equal((await (await presign({ bucket: "app-files", key: "r", op: "get", expiresIn: 999_999 })).json()).expiresIn, 3600);
  assert.equal((await (await presign({ bucket: "app-files", key: "r", op: "get", expiresIn: 1200 })).json()).expiresIn, 1200);
  const put = await (await presign({ bucket: "app-files", key: "r", op: "put" })).json();
  assert.deepEqual(put.signedHeaders, {}, "no content type: nothing extra to send");
  assert.equal(verifyPresigned(put.url, { method: "PUT", secret: SECRET }), true);
});

test("keys with reserved characters are encoded once and still verify", async () => {
  for (const key of ["photos/a b+c*(1)!'.png", "q?x=1#frag%20", "ünïcødé/文件.txt", "dir//double"]) {
    const body = await (await presign({ bucket: "app-files", key, op: "get" })).json();
    const url = new URL(body.url);
    const decoded = url.pathname.split("/").slice(2).map(decodeURIComponent).join("/");
    assert.equal(decoded, key, `the URL addresses exactly ${key}`);
    assert.equal(verifyPresigned(body.url, { method: "GET", secret: SECRET }), true, key);
  }
});

test("bad presign input answers 400 with a code saying what was wrong", async () => {
  await expectError(presign({ key: "a", op: "put" }), 400, "MISSING_BUCKET");
  await expectError(presign({ bucket: "Not_A_Bucket", key: "a", op: "put" }), 400, "INVALID_BUCKET");
  await expectError(presign({ bucket: "app-files", op: "put" }), 400, "MISSING_KEY");
  await expectError(presign({ bucket: "app-files", key: "a/../b", op: "get" }), 400, "INVALID_KEY");
  await expectError(presign({ bucket: "app-files", key: "x".repeat(1025), op: "get" }), 400, "INVALID_KEY");
  await expectError(presign({ bucket: "app-files", key: "a", op: "delete" }), 400, "INVALID_OP");
  await expectError(presign({ bucket: "app-files", key: "a" }), 400, "INVALID_OP");
  await expectError(presign({ bucket: "app-files", key: "a", op: "get", expiresIn: "soon" }), 400, "INVALID_EXPIRES_IN");
  await expectError(presign({ bucket: "app-files", key: "a", op: "put", contentType: 7 }), 400, "INVALID_CONTENT_TYPE");
  await expectError(service(worker.mf, "/api/storage/presign", { method: "GET" }), 405, "METHOD_NOT_ALLOWED");
});

test("list answers objects, prefixes and nextCursor from a signed ListObjectsV2", async () => {
  const response = await service(worker.mf, "/api/storage/list?bucket=app-files&prefix=photos%2F", { method: "GET" });
  assert.equal(response.status, 200);
  const body = await response.json();
  assert.deepEqual(body, {
    objects: [
      { key: "photos/007", size: 12, lastModified: "2026-12-01T00:00:00.000Z", etag: "abc123" },
      { key: "photos/a & b.png", size: 2048, lastModified: "2026-12-02T00:00:00.000Z", etag: "def456" },
    ],
    prefixes: ["photos/2026/"],
    nextCursor: "tok/en+1==",
  });
  const call = seen.at(-1);
  assert.equal(call.signatureOk, true);
  assert.equal(call.host, R2_HOST);
  assert.equal(call.url.pathname, "/app-files");
  assert.equal(call.url.searchParams.get("list-type"), "2");
  assert.equal(call.url.searchParams.get("delimiter"), "/");
  assert.equal(call.url.searchParams.get("max-keys"), "1000");
  assert.equal(call.url.searchParams.get("prefix"), "photos/");

  const next = await (await service(worker.mf, `/api/storage/list?bucket=app-files&cursor=${encodeURIComponent(body.nextCursor)}`, { method: "GET" })).json();
  assert.equal(seen.at(-1).url.searchParams.get("continuation-token"), "tok/en+1==");
  assert.equal(seen.at(-1).signatureOk, true);
  assert.equal("nextCursor" in next, false, "the last page has no cursor");
  await expectError(service(worker.mf, "/api/storage/list", { method: "GET" }), 400, "MISSING_BUCKET");
  const missing = await expectError(service(worker.mf, "/api/storage/list?bucket=missing-bucket", { method: "GET" }), 502, "NoSuchBucket");
  assert.match(missing.error, /does not exist/);
});

test("delete answers {ok:true}, also for R2's 404, and 502 with R2's code otherwise", async () => {
  const del = (bucket, key) => service(worker.mf, "/api/storage/object", { method: "DELETE", body: { bucket, key } });
  const ok = await del("app-files", "uploads/old file.png");
  assert.equal(ok.status, 200);
  assert.deepEqual(await ok.json(), { ok: true });
  assert.equal(seen.at(-1).method, "DELETE");
  assert.equal(seen.at(-1).url.pathname, "/app-files/uploads/old%20file.png");
  assert.equal(seen.at(-1).signatureOk, true);
  assert.deepEqual(await (await del("app-files", "gone.txt")).json(), { ok: true });
  await expectError(del("locked", "a.txt"), 502, "AccessDenied");
  await expectError(del("app-files", ""), 400, "MISSING_KEY");
  unreachable = true; // Miniflare turns the outbound handler's failure into a 500 without an S3 error body
  await expectError(del("app-files", "a.txt"), 502, "R2_HTTP_500");
});

test("buckets lists the account's buckets", async () => {
  const body = await (await service(worker.mf, "/api/storage/buckets", { method: "GET" })).json();
  assert.deepEqual(body, { buckets: [
    { name: "app-files", createdAt: "2026-11-28T10:00:00.000Z" },
    { name: "avatars", createdAt: "2026-12-01T08:30:00.000Z" },
  ] });
  assert.equal(seen.at(-1).url.pathname, "/");
  assert.equal(seen.at(-1).signatureOk, true);
});

test("with R2_BUCKETS set, buckets answers those buckets and never calls ListBuckets", async () => {
  scopedKey = true;
  const written = JSON.stringify([{ name: "shop-files", createdAt: "2026-12-06T04:00:00Z" }, { name: "shop-extra" }]);
  const scoped = await startWorker({ config: { ...(await defaultConfig()), ...R2_CONFIG, R2_BUCKETS: written }, options: { outboundService: fakeR2 } });
  try {
    const response = await service(scoped.mf, "/api/storage/buckets", { method: "GET" });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { buckets: [
      { name: "shop-files", createdAt: "2026-12-06T04:00:00Z" },
      { name: "shop-extra", createdAt: "" },
    ] });
    // By hand: a comma list works too; junk entries are dropped.
    await setConfig(scoped.db, { R2_BUCKETS: " avatars , Not_A_Bucket,avatars,app-files" });
    assert.equal((await service(scoped.mf, "/__flarelink/reload-config")).status, 200);
    assert.deepEqual(await (await service(scoped.mf, "/api/storage/buckets", { method: "GET" })).json(), { buckets: [
      { name: "avatars", createdAt: "" },
      { name: "app-files", createdAt: "" },
    ] });
    assert.equal(seen.length, 0, "no request reached R2");
  } finally {
    await scoped.mf.dispose();
  }
});

test("without R2_BUCKETS, a key R2 may not list buckets with answers 403 R2_KEY_CANNOT_LIST_BUCKETS, not a 502", async () => {
  scopedKey = true;
  const refused = await expectError(service(worker.mf, "/api/storage/buckets", { method: "GET" }), 403, "R2_KEY_CANNOT_LIST_BUCKETS");
  assert.match(refused.error, /Files page/);
  assert.match(refused.error, /R2_BUCKETS/);
  assert.equal(seen.at(-1).url.pathname, "/", "ListBuckets was asked");
  assert.equal(seen.at(-1).signatureOk, true);
  // Any other refusal is still R2's own code as a 502, e.g. a wrong secret.
  const wrongSecret = await startWorker({
    config: { ...(await defaultConfig()), ...R2_CONFIG, R2_SECRET_ACCESS_KEY: SECRET.replace("4", "5") },
    options: { outboundService: fakeR2 },
  });
  try {
    await expectError(service(wrongSecret.mf, "/api/storage/buckets", { method: "GET" }), 502, "SignatureDoesNotMatch");
  } finally {
    await wrongSecret.mf.dispose();
  }
});

test("storage routes need the service key and a keypair", async () => {
  await expectError(service(worker.mf, "/api/storage/buckets", { method: "GET", key: null }), 401, "MISSING_SERVICE_KEY");
  await expectError(service(worker.mf, "/api/storage/buckets", { method: "GET", key: "nope" }), 401, "INVALID_SERVICE_KEY");
  await expectError(service(worker.mf, "/api/storage/unknown", { method: "GET" }), 404, "NOT_FOUND");
  const bare = await startWorker({ config: await defaultConfig(), options: { outboundService: fakeR2 } });
  try {
    await expectError(service(bare.mf, "/api/storage/presign", { body: { bucket: "app-files", key: "a", op: "get" } }), 412, "R2_NOT_CONFIGURED");
    await expectError(service(bare.mf, "/api/storage/buckets", { method: "GET" }), 412, "R2_NOT_CONFIGURED");
    assert.equal(seen.length, 0);
  } finally {
    await bare.mf.dispose();
  }
});

test("R2_ENDPOINT points the routes at another S3 endpoint (the local sandbox)", async () => {
  const local = await startWorker({
    config: { ...(await defaultConfig()), ...R2_CONFIG, R2_ENDPOINT: "http://127.0.0.1:9000" },
    options: { outboundService: fakeR2 },
  });
  try {
    const body = await (await service(local.mf, "/api/storage/presign", { body: { bucket: "app-files", key: "a.txt", op: "get" } })).json();
    assert.equal(new URL(body.url).origin, "http://127.0.0.1:9000");
    assert.equal(verifyPresigned(body.url, { method: "GET", secret: SECRET }), true);
    await service(local.mf, "/api/storage/buckets", { method: "GET" });
    assert.equal(seen.at(-1).host, "127.0.0.1:9000");
  } finally {
    await local.mf.dispose();
  }
  // Nothing listens on port 9 here: the fetch itself fails, which is a 502 R2_UNREACHABLE, not a 500.
  const closed = await startWorker({ config: { ...(await defaultConfig()), ...R2_CONFIG, R2_ENDPOINT: "http://127.0.0.1:9" } });
  try {
    await expectError(service(closed.mf, "/api/storage/buckets", { method: "GET" }), 502, "R2_UNREACHABLE");
  } finally {
    await closed.mf.dispose();
  }
});

