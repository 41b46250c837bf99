import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { APP, call, defaultConfig, SERVICE_KEY, setConfig, signUp, startWorker } from "./support.mjs";

const NEW_APP = "https://new-app.example.com";
let mf;
let db;
before(async () => { ({ mf, db } = await startWorker({ config: await defaultConfig() })); });
after(async () => { await mf?.dispose(); });

// Reloads are throttled to one per second per isolate, so each reload scenario gets its own Worker.
const reload = (worker, key) => call(worker, "/__flarelink/reload-config", {
  method: "POST", origin: null, headers: key ? { authorization: `Bearer ${key}` } : {},
});

async function withFreshWorker(body) {
  const worker = await startWorker({ config: await defaultConfig() });
  try {
    await body(worker);
  } finally {
    await worker.mf.dispose();
  }
}
test("an untrusted origin gets 403 on auth, /api/me and preflight", async () => {
  for (const [path, method] of [["/api/auth/sign-in/email", "POST"], ["/api/me", "GET"], ["/api/auth/sign-up/email", "OPTIONS"]]) {
    const response = await call(mf, path, { method, origin: "https://evil.example", body: method === "POST" ? {} : undefined });
    assert.equal(response.status, 403, `${method} ${path}`);
    assert.equal((await response.json()).code, "UNTRUSTED_ORIGIN");
    assert.equal(response.headers.get("access-control-allow-origin"), null);
  }
});

test("a trusted origin gets CORS headers with credentials, on preflight and on responses", async () => {
  const pre = await call(mf, "/api/auth/sign-up/email", { method: "OPTIONS", headers: { "access-control-request-method": "POST" } });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get("access-control-allow-origin"), APP);
  assert.equal(pre.headers.get("access-control-allow-credentials"), "true");
  assert.match(pre.headers.get("access-control-allow-methods"), /POST/);
  const response = await signUp(mf, "cors@example.com", "correct horse battery", "192.0.2.1");
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("access-control-allow-origin"), APP);
  assert.equal(response.headers.get("vary"), "Origin");
  assert.equal(response.headers.get("cache-control"), "no-store");
});

test("reload-config refuses callers without the service key", () => withFreshWorker(async ({ mf: worker }) => {
  const missing = await reload(worker, null);
  assert.equal(missing.status, 401);
  assert.equal((await missing.json()).code, "MISSING_SERVICE_KEY");
}));

test("reload-config refuses a wrong service key", () => withFreshWorker(async ({ mf: worker }) => {
  const wrong = await reload(worker, `flarelink_sk_${"00".repeat(32)}`);
  assert.equal(wrong.status, 401);
  assert.equal((await wrong.json()).code, "INVALID_SERVICE_KEY");
}));

test("a config change is visible after reload, and a second reload within a second is throttled", () =>
  withFreshWorker(async ({ mf: worker, db: workerDb }) => {
    assert.equal((await call(worker, "/api/me", { origin: NEW_APP })).status, 403);
    await setConfig(workerDb, { TRUSTED_ORIGINS: NEW_APP, FLARELINK_PROJECT_ID: "proj_renamed" });
    // Cached for 60 s: the new origin is still refused until the Worker reloads.
    assert.equal((await call(worker, "/api/me", { origin: NEW_APP })).status, 403);
    const ok = await reload(worker, SERVICE_KEY);
    assert.equal(ok.status, 200);
    assert.equal((await ok.json()).ok, true);
    const me = await call(worker, "/api/me", { origin: NEW_APP });
    assert.equal(me.status, 401, "the new origin passes the origin check (no session yet)");
    assert.equal(me.headers.get("access-control-allow-origin"), NEW_APP);
    assert.equal((await call(worker, "/api/me", { origin: APP })).status, 403);
    assert.equal((await (await call(worker, "/__flarelink")).json()).projectId, "proj_renamed");
    const again = await reload(worker, SERVICE_KEY);
    assert.equal(again.status, 429);
    assert.equal((await again.json()).code, "RELOAD_THROTTLED");
  }));
