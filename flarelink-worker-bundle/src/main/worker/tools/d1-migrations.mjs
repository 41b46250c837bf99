// Applies migrations/*.sql to a D1 database the way `wrangler d1 migrations apply` does: in order,
// skipping names already in d1_migrations, each file plus its d1_migrations row in one batch.
import { readFileSync } from "node:fs";
import { bundleProperties, WORKER_DIR } from "./bundle-properties.mjs";

/** Splits SQL text into statements at semicolons outside quotes and comments. */
export function splitStatements(sql) {
  const out = [];
  let current = "";
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      i = end === -1 ? sql.length : end;
      current += "\n";
    } else if (c === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      i = end === -1 ? sql.length : end + 1;
      current += " ";
    } else if (c === "'" || c === '"' || c === "`") {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === c && sql[j + 1] !== c)) j += sql[j] === c ? 2 : 1;
      current += sql.slice(i, j + 1);
      i = j;
    } else if (c === ";") {
      if (current.trim()) out.push(current.trim());
      current = "";
    } else {
      current += c;
    }
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

/** The migrations named in bundle.properties, in order, with their SQL. */
export function bundledMigrations() {
  return bundleProperties().migrations.map((name) => ({
    name,
    sql: readFileSync(new URL(`migrations/${name}`, WORKER_DIR), "utf8"),
  }));
}

export const TRACKING_TABLE_SQL = readFileSync(new URL("sql/d1_migrations.sql", WORKER_DIR), "utf8");

/** Applies pending migrations; returns the names applied by this call. */
export async function applyMigrations(db, migrations = bundledMigrations()) {
  await db.prepare(splitStatements(TRACKING_TABLE_SQL)[0]).run();
  const { results } = await db.prepare("SELECT name FROM d1_migrations").all();
  const done = new Set(results.map((r) => r.name));
  const applied = [];
  for (const migration of migrations) {
    if (done.has(migration.name)) continue;
    const statements = splitStatements(migration.sql).map((s) => db.prepare(s));
    statements.push(db.prepare("INSERT INTO d1_migrations (name) VALUES (?1)").bind(migration.name));
    await db.batch(statements);
    applied.push(migration.name);
  }
  return applied;
}
