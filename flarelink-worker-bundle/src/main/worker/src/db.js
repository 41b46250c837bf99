// POST /api/db/query and /api/db/batch: the app's server runs SQL on the project's D1 with the service key.
import { problem, json } from "./http.js";
import { protectedTableIn } from "./sql-guard.js";

/** D1's limits, checked before D1 is called so the app gets a clear 400 instead of D1's SQLITE_TOOBIG. */
export const MAX_STATEMENT_BYTES = 100_000;
export const MAX_BOUND_PARAMETERS = 100;

const encoder = new TextEncoder();

class InvalidStatement extends Error {}

/** Coerces one parameter as @flarelink/client expects: null/undefined → NULL, objects and arrays → JSON text. */
export function coerce(value) {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number" || typeof value === "string") return value;
  return JSON.stringify(value);
}

/** Validates `{sql, params?}` and returns the SQL and coerced parameters; throws InvalidStatement otherwise. */
function statement(input, where) {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw new InvalidStatement(`${where} must be an object {sql, params?}`);
  }
  const { sql, params } = input;
  if (typeof sql !== "string" || sql.trim() === "") throw new InvalidStatement(`${where}.sql must be a non-empty string`);
  const bytes = encoder.encode(sql).length;
  if (bytes > MAX_STATEMENT_BYTES) {
    throw new InvalidStatement(`${where}.sql is ${bytes} bytes; D1 accepts at most ${MAX_STATEMENT_BYTES} per statement. `
      + "Pass values as params (they do not count) or split the statement.");
  }
  if (params !== undefined && params !== null && !Array.isArray(params)) {
    throw new InvalidStatement(`${where}.params must be an array of values for ?1..?N`);
  }
  const values = (params ?? []).map(coerce);
  if (values.length > MAX_BOUND_PARAMETERS) {
    throw new InvalidStatement(`${where}.params has ${values.length} values; D1 binds at most ${MAX_BOUND_PARAMETERS} per statement. `
      + "Split the statement (for example, insert rows in chunks).");
  }
  return { sql, values, protectedTable: protectedTableIn(sql) };
}

function refuseProtected(table) {
  return problem(403, "CONFIG_TABLE_PROTECTED", `${table} holds the Worker's secrets and cannot be read or `
    + "changed through the service key; change settings from the Flarelink dashboard");
}

/** D1's meta, reduced to the fields the SDK documents. */
function meta(result) {
  const m = result?.meta ?? {};
  return {
    duration: m.duration ?? 0,
    rows_read: m.rows_read ?? 0,
    rows_written: m.rows_written ?? 0,
    last_row_id: m.last_row_id ?? 0,
    changes: m.changes ?? 0,
  };
}

const answer = (result) => ({ results: result.results ?? [], meta: meta(result) });

/** D1's own message (e.g. "D1_ERROR: no such table: t: SQLITE_ERROR"), which names the cause. */
const d1Message = (e) => String(e?.cause?.message ?? e?.message ?? e);

export async function query(db, body) {
  let stmt;
  try {
    stmt = statement(body, "body");
  } catch (e) {
    if (e instanceof InvalidStatement) return problem(400, "INVALID_SQL", e.message);
    throw e;
  }
  if (stmt.protectedTable) return refuseProtected(stmt.protectedTable);
  try {
    return json(answer(await db.prepare(stmt.sql).bind(...stmt.values).all()));
  } catch (e) {
    return problem(400, "D1_QUERY_FAILED", d1Message(e));
  }
}

export async function batch(db, body) {
  const list = body?.statements;
  if (!Array.isArray(list) || list.length === 0) {
    return problem(400, "INVALID_BATCH", "send {statements: [{sql, params?}, ...]} with at least one statement");
  }
  let statements;
  try {
    statements = list.map((s, i) => statement(s, `statements[${i}]`));
  } catch (e) {
    if (e instanceof InvalidStatement) return problem(400, "INVALID_BATCH", e.message);
    throw e;
  }
  const guarded = statements.find((s) => s.protectedTable);
  if (guarded) return refuseProtected(guarded.protectedTable);
  try {
    // One D1 batch: a single implicit transaction, so a failing statement rolls back the ones before it.
    const results = await db.batch(statements.map((s) => db.prepare(s.sql).bind(...s.values)));
    return json({ responses: results.map(answer) });
  } catch (e) {
    return problem(400, "D1_BATCH_FAILED", d1Message(e));
  }
}
