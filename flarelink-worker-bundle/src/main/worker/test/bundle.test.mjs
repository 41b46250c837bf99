import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { bundleProperties, WORKER_DIR } from "../tools/bundle-properties.mjs";
import { publishedHash } from "../tools/check-hash.mjs";

test("package.json and bundle.properties carry the same version", () => {
  const pkg = JSON.parse(readFileSync(new URL("package.json", WORKER_DIR), "utf8"));
  assert.equal(pkg.version, bundleProperties().version);
});

test("the committed bundle reports that version and needs only the declared bindings", () => {
  const dist = readFileSync(new URL("../../../dist/worker.mjs", WORKER_DIR), "utf8");
  assert.ok(dist.includes(JSON.stringify(bundleProperties().version)));
  assert.deepEqual(bundleProperties().bindings, ["DB:d1", "SESSIONS:kv_namespace"]);
  assert.deepEqual(bundleProperties().compatibilityFlags, ["nodejs_compat"]);
});

test("HASHES.md rows are read by version", () => {
  const table = "| Version | Date | SHA-256 of dist/worker.mjs |\n|---|---|---|\n| 0.1.0 | 2026-11-28 | `" + "a".repeat(64) + "` |\n";
  assert.equal(publishedHash(table, "0.1.0"), "a".repeat(64));
  assert.equal(publishedHash(table, "0.2.0"), null);
});
