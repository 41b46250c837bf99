import assert from "node:assert/strict";
import { test } from "node:test";
import { call, defaultConfig, sessionCookie, signUp, startWorker } from "./support.mjs";

test("without an auth secret the Worker refuses auth with 503 and sets no cookie", async () => {
  const { BETTER_AUTH_SECRET, ...config } = await defaultConfig();
  const { mf } = await startWorker({ config });
  try {
    const response = await signUp(mf, "nosecret@example.com");
    assert.equal(response.status, 503);
    assert.equal(sessionCookie(response), null);
    assert.equal((await response.json()).code, "AUTH_SECRET_MISSING");
    const me = await call(mf, "/api/me");
    assert.equal(me.status, 503);
    const info = await (await call(mf, "/__flarelink")).json();
    assert.equal(info.ready, false);
  } finally {
    await mf.dispose();
  }
});

test("a secret shorter than 32 characters counts as missing", async () => {
  const { mf, db } = await startWorker({ config: { ...(await defaultConfig()), BETTER_AUTH_SECRET: "short-secret" } });
  try {
    const response = await signUp(mf, "short@example.com");
    assert.equal(response.status, 503);
    const { n } = await db.prepare('SELECT count(*) AS n FROM "user"').first();
    assert.equal(n, 0);
  } finally {
    await mf.dispose();
  }
});

test("before the migrations are applied the Worker says it is not provisioned", async () => {
  const { mf } = await startWorker({ migrate: false });
  try {
    const response = await call(mf, "/api/me");
    assert.equal(response.status, 503);
    assert.equal((await response.json()).code, "NOT_PROVISIONED");
  } finally {
    await mf.dispose();
  }
});
