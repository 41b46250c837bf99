import assert from "node:assert/strict";
import { test } from "node:test";
import { parseConfig } from "../src/config.js";
import { defaultConfig, signUp, startWorker } from "./support.mjs";

test("trusted origins are normalised to origins and junk entries are dropped", () => {
  const config = parseConfig({ TRUSTED_ORIGINS: "https://a.example/path, http://localhost:3000 ,not a url, ftp://x.example,https://a.example" });
  assert.deepEqual(config.trustedOrigins, ["https://a.example", "http://localhost:3000"]);
});

test("email switches are forced off unless a sender is fully configured", () => {
  const noSender = parseConfig({ REQUIRE_EMAIL_VERIFICATION: "true", SEND_VERIFICATION_ON_SIGNUP: "true", EMAIL_PROVIDER: "resend", EMAIL_FROM: "a@b.example" });
  assert.equal(noSender.email, null, "resend without an API key is not a sender");
  assert.equal(noSender.requireEmailVerification, false);
  const resend = parseConfig({ REQUIRE_EMAIL_VERIFICATION: "true", EMAIL_PROVIDER: "Resend", EMAIL_FROM: "a@b.example", RESEND_API_KEY: "re_x" });
  assert.equal(resend.email.provider, "resend");
  assert.equal(resend.requireEmailVerification, true);
  assert.equal(parseConfig({ EMAIL_PROVIDER: "cloudflare", EMAIL_FROM: "a@b.example" }).email.provider, "cloudflare");
});

test("defaults: rate limits on in KV, 100,000 iterations, no secret, no R2", () => {
  const config = parseConfig({});
  assert.deepEqual(config.rateLimit, { enabled: true, storage: "kv" });
  assert.equal(config.pbkdf2Iterations, 100_000);
  assert.equal(config.secret, null);
  assert.equal(config.r2, null);
  assert.equal(parseConfig({ RATE_LIMIT_ENABLED: "TRUE" }).rateLimit.enabled, true);
  assert.equal(parseConfig({ RATE_LIMIT_ENABLED: "no" }).rateLimit.enabled, false);
});

test("R2_BUCKETS: a JSON array of names or {name, createdAt}, or a comma list; junk dropped, unset when nothing is left", () => {
  const keypair = { R2_ACCOUNT_ID: "0123456789abcdef0123456789abcdef", R2_ACCESS_KEY_ID: "id", R2_SECRET_ACCESS_KEY: "secret" };
  const buckets = (value) => parseConfig({ ...keypair, R2_BUCKETS: value }).r2.buckets;
  assert.equal(parseConfig(keypair).r2.buckets, null, "unset: the route lists buckets with the key");
  assert.deepEqual(buckets('[{"name":"shop-files","createdAt":"2026-12-06T04:00:00Z"},"avatars",{"name":"avatars"}]'), [
    { name: "shop-files", createdAt: "2026-12-06T04:00:00Z" },
    { name: "avatars", createdAt: "" },
  ]);
  assert.deepEqual(buckets("shop-files, x, UPPER,shop-files,,a-b"), [
    { name: "shop-files", createdAt: "" },
    { name: "a-b", createdAt: "" },
  ]);
  for (const junk of ["", "  ", "[", '{"name":"shop-files"}', "[1, null, {}]", "Not_A_Bucket"]) {
    assert.equal(buckets(junk), null, junk);
  }
  assert.equal(parseConfig({ R2_BUCKETS: "shop-files" }).r2, null, "no keypair: no storage at all");
});

test("PBKDF2_ITERATIONS from flarelink_config is used for new hashes", async () => {
  const { mf, db } = await startWorker({ config: { ...(await defaultConfig()), PBKDF2_ITERATIONS: "20000" } });
  try {
    assert.equal((await signUp(mf, "cheap@example.com")).status, 200);
    const { password } = await db.prepare(`SELECT password FROM "account"`).first();
    assert.match(password, /^pbkdf2-sha256\$20000\$/);
  } finally {
    await mf.dispose();
  }
});
