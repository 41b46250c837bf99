import assert from "node:assert/strict";
import { test } from "node:test";
import { call, defaultConfig, signIn, signUp, startWorker } from "./support.mjs";

async function failedSignIns(storage) {
  const config = { ...(await defaultConfig()), ...(storage && { RATE_LIMIT_STORAGE: storage }) };
  const worker = await startWorker({ config });
  try {
    assert.equal((await signUp(worker.mf, "victim@example.com", "correct horse battery", "192.0.2.50")).status, 200);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await signIn(worker.mf, "victim@example.com", `guess number ${i}`, "192.0.2.66")).status);
    const otherIp = (await signIn(worker.mf, "victim@example.com", "correct horse battery", "192.0.2.77")).status;
    const { n } = await worker.db.prepare('SELECT count(*) AS n FROM "rateLimit"').first();
    const { keys } = await worker.kv.list({ prefix: "ratelimit:" });
    return { statuses, otherIp, d1Rows: n, kvCounters: keys.length };
  } finally {
    await worker.mf.dispose();
  }
}

test("repeated failed sign-ins from one IP get 429 (counters in KV by default)", async () => {
  const worker = await startWorker({ config: await defaultConfig() });
  try {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await signIn(worker.mf, "nobody@example.com", `guess number ${i}`, "192.0.2.66")).status);
    assert.deepEqual(statuses, [401, 401, 401, 429]);
    const { keys } = await worker.kv.list({ prefix: "ratelimit:" });
    assert.deepEqual(keys.map((k) => k.name), ["ratelimit:192.0.2.66|/sign-in/email"]);
    assert.equal((await signIn(worker.mf, "nobody@example.com", "guess", "192.0.2.77")).status, 401, "another IP is not limited");
    const { n } = await worker.db.prepare('SELECT count(*) AS n FROM "rateLimit"').first();
    assert.equal(n, 0);
  } finally {
    await worker.mf.dispose();
  }
});

test("with RATE_LIMIT_STORAGE=d1 the same limit holds, counted in D1", async () => {
  const { statuses, otherIp, d1Rows, kvCounters } = await failedSignIns("d1");
  assert.deepEqual(statuses, [401, 401, 401, 429]);
  assert.equal(otherIp, 200);
  assert.equal(d1Rows, 3, "sign-up and sign-in from two IPs: one counter row each");
  assert.equal(kvCounters, 0);
});

test("RATE_LIMIT_ENABLED=false turns the limiter off", async () => {
  const worker = await startWorker({ config: { ...(await defaultConfig()), RATE_LIMIT_ENABLED: "false" } });
  try {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await signIn(worker.mf, "nobody@example.com", `guess ${i}`, "192.0.2.66")).status);
    assert.deepEqual(statuses, [401, 401, 401, 401]);
  } finally {
    await worker.mf.dispose();
  }
});

test("session reads are not rate-limited and cost no counter writes", async () => {
  const worker = await startWorker({ config: await defaultConfig() });
  try {
    for (let i = 0; i < 5; i++) assert.equal((await call(worker.mf, "/api/auth/get-session")).status, 200);
    const { keys } = await worker.kv.list({ prefix: "ratelimit:" });
    assert.equal(keys.length, 0);
  } finally {
    await worker.mf.dispose();
  }
});
