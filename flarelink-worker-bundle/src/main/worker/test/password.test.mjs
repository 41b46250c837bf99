import assert from "node:assert/strict";
import { test } from "node:test";
import { clampIterations, constantTimeEqual, DEFAULT_ITERATIONS, HARDENED_ITERATIONS, hashPassword, MAX_ITERATIONS, verifyPassword, WEBCRYPTO_MAX_ITERATIONS } from "../src/password.js";

test("standard is 100,000 iterations (the most WebCrypto does on Workers); hardened is 600,000, capped at 1,000,000", () => {
  assert.equal(WEBCRYPTO_MAX_ITERATIONS, 100_000);
  assert.equal(DEFAULT_ITERATIONS, 100_000);
  assert.equal(HARDENED_ITERATIONS, 600_000);
  assert.equal(MAX_ITERATIONS, 1_000_000);
  assert.equal(clampIterations("600000"), 600_000);
  assert.equal(clampIterations("5000000"), 1_000_000);
  assert.equal(clampIterations("1000"), 10_000);
  assert.equal(clampIterations("50000"), 50_000);
  assert.equal(clampIterations(undefined), 100_000);
  assert.equal(clampIterations("lots"), 100_000);
});

test("a hash verifies its password and nothing else", async () => {
  const stored = await hashPassword("s3cret-password", 10_000);
  assert.match(stored, /^pbkdf2-sha256\$10000\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
  assert.equal(await verifyPassword(stored, "s3cret-password"), true);
  assert.equal(await verifyPassword(stored, "s3cret-passwore"), false);
  assert.notEqual(await hashPassword("s3cret-password", 10_000), stored, "salts are random");
});

test("stored hashes with an out-of-range count or a bad shape never verify", async () => {
  const stored = await hashPassword("pw-pw-pw-pw", 10_000);
  const [, , salt, hash] = stored.split("$");
  assert.equal(await verifyPassword(`pbkdf2-sha256$1000001$${salt}$${hash}`, "pw-pw-pw-pw"), false);
  assert.equal(await verifyPassword(`pbkdf2-sha256$0$${salt}$${hash}`, "pw-pw-pw-pw"), false);
  assert.equal(await verifyPassword(`scrypt$10000$${salt}$${hash}`, "pw-pw-pw-pw"), false);
  assert.equal(await verifyPassword(`pbkdf2-sha256$10000$${salt}$!!`, "pw-pw-pw-pw"), false);
  assert.equal(await verifyPassword(null, "pw-pw-pw-pw"), false);
});

test("constant-time compare matches plain equality", () => {
  assert.equal(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3])), true);
  assert.equal(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4])), false);
  assert.equal(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3])), false);
});

test("above 100,000 iterations the hash is standard PBKDF2-SHA256 (same bytes as WebCrypto would give)", async () => {
  const stored = await hashPassword("hardened-password", 100_001);
  const [, count, salt64, hash64] = stored.split("$");
  assert.equal(count, "100001");
  assert.equal(await verifyPassword(stored, "hardened-password"), true);
  assert.equal(await verifyPassword(stored, "hardened-passworD"), false);
  // Node's WebCrypto has no 100,000 limit: it serves as the reference implementation here.
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode("hardened-password"), "PBKDF2", false, ["deriveBits"]);
  const salt = Uint8Array.from(atob(salt64), (c) => c.charCodeAt(0));
  const bits = new Uint8Array(await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations: 100_001 }, key, 256));
  assert.equal(btoa(String.fromCharCode(...bits)), hash64);
});
