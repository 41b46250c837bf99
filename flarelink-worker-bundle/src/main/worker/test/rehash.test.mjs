import assert from "node:assert/strict";
import { test } from "node:test";
import { defaultConfig, signIn, signUp, startWorker } from "./support.mjs";

const storedHash = (db, email) => db.prepare("SELECT a.password FROM account a JOIN \"user\" u ON u.id = a.userId "
  + "WHERE u.email = ?1 AND a.providerId = 'credential'").bind(email).first("password");

test("hardened hashing verifies in workerd and upgrades an old hash at the next sign-in, never before", async () => {
  // A Worker at the standard setting makes the old hash...
  const standard = await startWorker({ config: await defaultConfig() });
  const state = {};
  try {
    assert.equal((await signUp(standard.mf, "old@example.com", "correct horse battery", "198.51.100.60")).status, 200);
    state.hash = await storedHash(standard.db, "old@example.com");
    state.user = await standard.db.prepare("SELECT * FROM \"user\" WHERE email = 'old@example.com'").first();
    state.account = await standard.db.prepare("SELECT * FROM account WHERE userId = ?1").bind(state.user.id).first();
  } finally {
    await standard.mf.dispose();
  }
  assert.match(state.hash, /^pbkdf2-sha256\$100000\$/);

  // ...which a hardened Worker still accepts, and replaces on a successful sign-in only.
  const hardened = await startWorker({ config: { ...(await defaultConfig()), PBKDF2_ITERATIONS: "600000" } });
  try {
    const { db, mf } = hardened;
    const insert = (table, row) => db.prepare(`INSERT INTO "${table}" (${Object.keys(row).map((k) => `"${k}"`).join(", ")}) `
      + `VALUES (${Object.keys(row).map((_, i) => `?${i + 1}`).join(", ")})`).bind(...Object.values(row)).run();
    await insert("user", state.user);
    await insert("account", state.account);

    assert.equal((await signIn(mf, "old@example.com", "wrong password here", "198.51.100.61")).status, 401);
    assert.equal(await storedHash(db, "old@example.com"), state.hash, "a failed sign-in changes nothing");

    assert.equal((await signIn(mf, "old@example.com", "correct horse battery", "198.51.100.62")).status, 200);
    const upgraded = await storedHash(db, "old@example.com");
    assert.match(upgraded, /^pbkdf2-sha256\$600000\$/);
    assert.equal((await signIn(mf, "old@example.com", "correct horse battery", "198.51.100.63")).status, 200, "the new hash verifies");
    assert.equal(await storedHash(db, "old@example.com"), upgraded, "an up-to-date hash is left alone");

    assert.equal((await signUp(mf, "new@example.com", "another good password", "198.51.100.64")).status, 200);
    assert.match(await storedHash(db, "new@example.com"), /^pbkdf2-sha256\$600000\$/, "new accounts get the hardened count");
  } finally {
    await hardened.mf.dispose();
  }
});
