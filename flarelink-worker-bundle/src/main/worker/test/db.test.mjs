import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { call, defaultConfig, expectError, SERVICE_KEY, service, sessionCookie, signUp, startWorker } from "./support.mjs";

// One Worker for the file: every test uses its own tables.
let worker;
before(async () => {
  worker = await startWorker({ config: await defaultConfig() });
});
after(() => worker.mf.dispose());

const q = (sql, params) => service(worker.mf, "/api/db/query", { body: params === undefined ? { sql } : { sql, params } });

test("query answers {results, meta} with D1's meta fields", async () => {
  await q('CREATE TABLE "notes" (id INTEGER PRIMARY KEY, owner TEXT NOT NULL, body TEXT, tags TEXT, done INTEGER)');
  const insert = await q('INSERT INTO "notes" (owner, body, tags, done) VALUES (?1, ?2, ?3, ?4) RETURNING id, tags, done',
    ["u1", null, ["a", "b"], true]);
  assert.equal(insert.status, 200);
  const inserted = await insert.json();
  assert.deepEqual(Object.keys(inserted).sort(), ["meta", "results"]);
  assert.deepEqual(inserted.results, [{ id: 1, tags: '["a","b"]', done: 1 }], "arrays become JSON text, true becomes 1");
  assert.deepEqual(Object.keys(inserted.meta).sort(), ["changes", "duration", "last_row_id", "rows_read", "rows_written"]);
  assert.equal(inserted.meta.last_row_id, 1);
  assert.equal(inserted.meta.changes, 1);
  assert.ok(inserted.meta.rows_written >= 1);

  const select = await (await q('SELECT owner, body FROM "notes" WHERE owner = ?1', ["u1"])).json();
  assert.deepEqual(select.results, [{ owner: "u1", body: null }], "undefined and null bind NULL");
  assert.equal(select.meta.rows_read >= 1, true);
  const object = await (await q("SELECT ?1 AS v", [{ a: 1 }])).json();
  assert.deepEqual(object.results, [{ v: '{"a":1}' }], "objects become JSON text");
});

test("a failing statement answers 400 D1_QUERY_FAILED with D1's message", async () => {
  const body = await expectError(q("SELECT * FROM missing_table"), 400, "D1_QUERY_FAILED");
  assert.match(body.error, /no such table: missing_table/);
});

test("bad input answers INVALID_SQL before D1 is called", async () => {
  await expectError(q(""), 400, "INVALID_SQL");
  await expectError(q(42), 400, "INVALID_SQL");
  await expectError(q("SELECT ?1", "not-an-array"), 400, "INVALID_SQL");
  await expectError(service(worker.mf, "/api/db/query", { body: ["SELECT 1"] }), 400, "INVALID_SQL");
  const tooMany = await expectError(q("SELECT 1", Array.from({ length: 101 }, (_, i) => i)), 400, "INVALID_SQL");
  assert.match(tooMany.error, /at most 100/);
  const ok = await q(`SELECT ${Array.from({ length: 100 }, (_, i) => `?${i + 1}`).join(", ")}`, Array.from({ length: 100 }, (_, i) => i));
  assert.equal(ok.status, 200, "exactly 100 parameters are accepted");
  const long = `SELECT '${"x".repeat(100_000)}'`;
  const tooLong = await expectError(q(long), 400, "INVALID_SQL");
  assert.match(tooLong.error, /100000/);
  const raw = await worker.mf.dispatchFetch("https://auth.example.com/api/db/query", {
    method: "POST", headers: { authorization: `Bearer ${SERVICE_KEY}`, "content-type": "application/json" }, body: "{not json",
  });
  assert.equal(raw.status, 400);
  assert.equal((await raw.json()).code, "INVALID_JSON");
  await expectError(service(worker.mf, "/api/db/query", { method: "GET" }), 405, "METHOD_NOT_ALLOWED");
  await expectError(service(worker.mf, "/api/db/other", { body: {} }), 404, "NOT_FOUND");
});

test("batch answers one {results, meta} per statement", async () => {
  const response = await service(worker.mf, "/api/db/batch", { body: { statements: [
    { sql: "CREATE TABLE b1 (id INTEGER PRIMARY KEY, v TEXT)" },
    { sql: "INSERT INTO b1 (v) VALUES (?1), (?2)", params: ["x", "y"] },
    { sql: "SELECT v FROM b1 ORDER BY id" },
  ] } });
  assert.equal(response.status, 200);
  const body = await response.json();
  assert.deepEqual(Object.keys(body), ["responses"]);
  assert.equal(body.responses.length, 3);
  assert.equal(body.responses[1].meta.changes, 2);
  assert.deepEqual(body.responses[2].results, [{ v: "x" }, { v: "y" }]);
});

test("a batch is atomic: a failing statement leaves nothing of the batch written", async () => {
  await q("CREATE TABLE atomic (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
  const body = await expectError(service(worker.mf, "/api/db/batch", { body: { statements: [
    { sql: "INSERT INTO atomic (v) VALUES ('first')" },
    { sql: "INSERT INTO atomic (v) VALUES (?1)", params: [null] },
  ] } }), 400, "D1_BATCH_FAILED");
  assert.match(body.error, /NOT NULL/);
  const rows = await (await q("SELECT count(*) AS n FROM atomic")).json();
  assert.deepEqual(rows.results, [{ n: 0 }], "the first insert was rolled back");
});

test("bad batches answer INVALID_BATCH", async () => {
  await expectError(service(worker.mf, "/api/db/batch", { body: {} }), 400, "INVALID_BATCH");
  await expectError(service(worker.mf, "/api/db/batch", { body: { statements: [] } }), 400, "INVALID_BATCH");
  const body = await expectError(service(worker.mf, "/api/db/batch", { body: { statements: [{ sql: "SELECT 1" }, { sql: "" }] } }), 400, "INVALID_BATCH");
  assert.match(body.error, /statements\[1\]\.sql/);
  await expectError(service(worker.mf, "/api/db/batch", { body: { statements: ["SELECT 1"] } }), 400, "INVALID_BATCH");
});

test("flarelink_config is refused however it is written, and the refusal changes nothing", async () => {
  const variants = [
    "SELECT * FROM flarelink_config",
    "select value from FLARELINK_CONFIG",
    'SELECT * FROM "flarelink_config"',
    'SELECT * FROM "FlareLink_Config"',
    "SELECT * FROM `flarelink_config`",
    "SELECT * FROM [flarelink_config]",
    "SELECT * FROM main.flarelink_config",
    'SELECT * FROM "main"."flarelink_config"',
    "SELECT * FROM main . flarelink_config",
    "SELECT * FROM/**/flarelink_config",
    "SELECT 1; DELETE FROM flarelink_config",
    "UPDATE flarelink_config SET value = 'x' WHERE key = 'SERVICE_KEY_HASH'",
    "INSERT INTO flarelink_config (key, value) VALUES ('TRUSTED_ORIGINS', 'https://evil.example')",
    "DROP TABLE flarelink_config",
    "CREATE VIEW leak AS SELECT * FROM flarelink_config",
    "WITH c AS (SELECT * FROM flarelink_config) SELECT * FROM c",
    "SELECT (SELECT value FROM\nflarelink_config LIMIT 1)",
  ];
  for (const sql of variants) {
    const body = await expectError(q(sql), 403, "CONFIG_TABLE_PROTECTED");
    assert.doesNotMatch(body.error, /[0-9a-f]{64}/, "the answer carries no secret");
  }
  await expectError(service(worker.mf, "/api/db/batch", { body: { statements: [
    { sql: "CREATE TABLE before_guard (id INTEGER)" },
    { sql: 'SELECT * FROM "flarelink_config"' },
  ] } }), 403, "CONFIG_TABLE_PROTECTED");
  const tables = await worker.db.prepare("SELECT name FROM sqlite_master WHERE name IN ('before_guard', 'leak')").all();
  assert.deepEqual(tables.results, [], "a refused batch runs no statement");
  const count = await worker.db.prepare("SELECT count(*) AS n FROM flarelink_config WHERE key = 'SERVICE_KEY_HASH'").first("n");
  assert.equal(count, 1);
});

test("positive controls: the name in a string or comment, or a longer name, is not the protected table", async () => {
  await q("CREATE TABLE flarelink_config_notes (id INTEGER)");
  for (const sql of [
    "SELECT name FROM sqlite_master WHERE name = 'flarelink_config'",
    "SELECT 'flarelink_config' AS t",
    "SELECT 1 -- flarelink_config",
    "SELECT 1 /* flarelink_config */",
    "SELECT * FROM flarelink_config_notes",
    'SELECT * FROM "flarelink_config_notes"',
  ]) {
    const response = await q(sql);
    assert.equal(response.status, 200, `${sql}: ${await response.clone().text()}`);
  }
  const named = await (await q("SELECT name FROM sqlite_master WHERE name = 'flarelink_config'")).json();
  assert.deepEqual(named.results, [{ name: "flarelink_config" }]);
});

test("the service key is the only authority: missing, wrong, a reload ticket or a session cookie are refused", async () => {
  await expectError(service(worker.mf, "/api/db/query", { body: { sql: "SELECT 1" }, key: null }), 401, "MISSING_SERVICE_KEY");
  await expectError(service(worker.mf, "/api/db/query", { body: { sql: "SELECT 1" }, key: "flarelink_sk_wrong" }), 401, "INVALID_SERVICE_KEY");
  await expectError(service(worker.mf, "/api/db/query", { body: { sql: "SELECT 1" }, key: `flarelink_rt_${"cd".repeat(32)}` }), 401, "INVALID_SERVICE_KEY");
  const lower = await call(worker.mf, "/api/db/query", {
    method: "POST", origin: null, body: { sql: "SELECT 1 AS one" }, headers: { authorization: `bearer ${SERVICE_KEY}` },
  });
  assert.equal(lower.status, 200, "the scheme is case-insensitive");
  const cookie = sessionCookie(await signUp(worker.mf, "db-cookie@example.com", "correct horse battery", "10.7.0.1"));
  assert.ok(cookie);
  await expectError(call(worker.mf, "/api/db/query", { method: "POST", body: { sql: "SELECT 1" }, cookie }), 401, "MISSING_SERVICE_KEY");
});

test("without SERVICE_KEY_HASH the database routes answer 412 SERVICE_KEY_NOT_PROVISIONED", async () => {
  const bare = await startWorker({ config: { ...(await defaultConfig()), SERVICE_KEY_HASH: null } });
  try {
    await expectError(service(bare.mf, "/api/db/query", { body: { sql: "SELECT 1" } }), 412, "SERVICE_KEY_NOT_PROVISIONED");
    await expectError(service(bare.mf, "/api/db/batch", { body: { statements: [{ sql: "SELECT 1" }] } }), 412, "SERVICE_KEY_NOT_PROVISIONED");
  } finally {
    await bare.mf.dispose();
  }
});

test("a browser on an untrusted origin cannot use the database routes even with the key", async () => {
  const response = await call(worker.mf, "/api/db/query", {
    method: "POST", origin: "https://evil.example", body: { sql: "SELECT 1" }, headers: { authorization: `Bearer ${SERVICE_KEY}` },
  });
  assert.equal(response.status, 403);
  assert.equal((await response.json()).code, "UNTRUSTED_ORIGIN");
});
