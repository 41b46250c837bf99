import assert from "node:assert/strict";
import { test } from "node:test";
import { identifiers, namesProtectedTable, protectedTableIn } from "../src/sql-guard.js";

test("the tokenizer reads identifiers in every SQLite quoting and skips literals and comments", () => {
  assert.deepEqual(identifiers(`SELECT "a""b", \`c\`, [d e], f1 FROM main.t WHERE x = 'flarelink_config' -- g\n/* h */ AND y = X'00'`),
    ["SELECT", 'a"b', "c", "d e", "f1", "FROM", "main", "t", "WHERE", "x", "AND", "y"]);
  assert.deepEqual(identifiers("SELECT 1e5, 0x1F, .5"), ["SELECT"]);
  assert.deepEqual(identifiers("SELECT 'it''s' AS n"), ["SELECT", "AS", "n"]);
});

test("every spelling of flarelink_config is caught", () => {
  for (const sql of ["flarelink_config", "FLARELINK_CONFIG", '"flarelink_config"', '"FLARELINK_config"', "`flarelink_config`",
    "[flarelink_config]", "main.flarelink_config", '"main"."flarelink_config"', "temp.[Flarelink_Config]", "x;flarelink_config",
    "SELECT*FROM(flarelink_config)", "SELECT 1 FROM t,flarelink_config"]) {
    assert.equal(namesProtectedTable(sql), true, sql);
  }
});

test("strings, comments, longer names and unterminated literals are not the table", () => {
  for (const sql of ["SELECT 'flarelink_config'", "SELECT 1 -- flarelink_config", "SELECT 1 /* flarelink_config */",
    "SELECT * FROM flarelink_config_2", "SELECT * FROM my_flarelink_config", "SELECT 'unterminated flarelink_config",
    "SELECT x'666c6172656c696e6b5f636f6e666967'"]) {
    assert.equal(namesProtectedTable(sql), false, sql);
  }
  assert.equal(namesProtectedTable('SELECT "unterminated flarelink_config'), false, "an unterminated quote is one odd identifier");
  assert.equal(namesProtectedTable('SELECT "flarelink_config'), true, "an unterminated quoted name is still that name");
});

test("flarelink_ticket is protected too, and the guard names which table it found", () => {
  assert.equal(protectedTableIn('DELETE FROM "FLARELINK_TICKET"'), "flarelink_ticket");
  assert.equal(protectedTableIn("SELECT * FROM main.[flarelink_config]"), "flarelink_config");
  assert.equal(protectedTableIn("SELECT * FROM flarelink_auth_event"), null, "the auth event log is the app's to read");
});
