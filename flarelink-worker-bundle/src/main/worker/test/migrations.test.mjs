import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { after, before, test } from "node:test";
import { bundleProperties, WORKER_DIR } from "../tools/bundle-properties.mjs";
import { applyMigrations, splitStatements } from "../tools/d1-migrations.mjs";
import { startWorker } from "./support.mjs";

let worker;
before(async () => { worker = await startWorker({ migrate: false }); });
after(async () => { await worker?.mf.dispose(); });

async function tables(db) {
  const { results } = await db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' ORDER BY name").all();
  return results.map((r) => r.name);
}

test("migrations apply to an empty D1 and are recorded like wrangler records them", async () => {
  assert.deepEqual(await tables(worker.db), []);
  assert.deepEqual(await applyMigrations(worker.db), ["0001_init.sql", "0002_users.sql"]);
  assert.deepEqual(await tables(worker.db), ["account", "d1_migrations", "flarelink_auth_event", "flarelink_config", "flarelink_ticket",
    "rateLimit", "user", "verification"]);
  const row = await worker.db.prepare("SELECT id, name, applied_at FROM d1_migrations").first();
  assert.equal(row.id, 1);
  assert.equal(row.name, "0001_init.sql");
  assert.match(row.applied_at, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
});

test("applying again changes nothing", async () => {
  assert.deepEqual(await applyMigrations(worker.db), []);
  const { results } = await worker.db.prepare("SELECT name FROM d1_migrations").all();
  assert.deepEqual(results.map((r) => r.name), ["0001_init.sql", "0002_users.sql"]);
});

test("no D1 table can hold sessions", async () => {
  assert.ok(!(await tables(worker.db)).some((t) => t.toLowerCase().includes("session")));
});

test("bundle.properties lists every migration file, in file-name order", () => {
  const files = readdirSync(new URL("migrations/", WORKER_DIR)).filter((f) => f.endsWith(".sql")).sort();
  assert.deepEqual(bundleProperties().migrations, files);
  assert.ok(files.every((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)));
});

test("the statement splitter ignores semicolons in strings and comments", () => {
  const sql = "-- a; comment\nCREATE TABLE t (v text DEFAULT 'a;b');\n/* x; y */ INSERT INTO t VALUES ('it''s;');";
  assert.deepEqual(splitStatements(sql), ["CREATE TABLE t (v text DEFAULT 'a;b')", "INSERT INTO t VALUES ('it''s;')"]);
});
