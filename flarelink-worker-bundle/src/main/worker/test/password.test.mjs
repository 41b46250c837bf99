import assert from "node:assert/strict";
import { test } from "node:test";
import { clampIterations, constantTimeEqual, DEFAULT_ITERATIONS, hashPassword, MAX_ITERATIONS, verifyPassword } from "../src/password.js";

test("iterations never exceed what production Workers accept (100,000)", () => {
  assert.equal(MAX_ITERATIONS, 100_000);
  assert.equal(DEFAULT_ITERATIONS, 100_000);
  assert.equal(clampIterations("600000"), 100_000);
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
  assert.equal(await verifyPassword(`pbkdf2-sha256$100001$${salt}$${hash}`, "pw-pw-pw-pw"), false);
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
