// Keeps the service-key database routes away from flarelink_config, which holds the auth secret and the R2 keypair,
// and from flarelink_ticket, whose rows are one-time credentials Flarelink gives the Worker.
//
// A statement is refused when any identifier in it is one of those tables: bare, "double", `back-tick` or [bracket]
// quoted, in any case, schema-qualified or not. The SQL is split into SQLite's tokens first, so the name inside a
// string literal ('flarelink_config') or a comment is not an identifier and does not count, while every way of
// writing the identifier itself does. A regex over the raw text would get both of those wrong.
//
// What it does not cover (docs/worker.md says so too): objects created earlier that read the table — a view or a
// trigger made through the Cloudflare dashboard or wrangler — are not followed; and the service key can still read
// and change every other table, which is why it must stay on the app's server.

export const PROTECTED_TABLES = ["flarelink_config", "flarelink_ticket"];

const isSpace = (c) => c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v";
const isIdentStart = (c) => /[A-Za-z_\u0080-\uffff]/.test(c);
const isIdentPart = (c) => /[A-Za-z0-9_$\u0080-\uffff]/.test(c);

/** Reads a quoted run starting at `start` (the opening quote); a doubled closing quote is an escaped quote. */
function quoted(sql, start, close) {
  let value = "";
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (c === close) {
      if (close !== "]" && sql[i + 1] === close) {
        value += close;
        i += 2;
        continue;
      }
      return { value, end: i + 1 };
    }
    value += c;
    i++;
  }
  return { value, end: sql.length, unterminated: true };
}

/**
 * Splits SQL into the identifiers it names (unquoted, with case kept), skipping strings, blobs, numbers and comments.
 * Unterminated quotes and comments run to the end, as SQLite reads them.
 */
export function identifiers(sql) {
  const out = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (isSpace(c)) {
      i++;
    } else if (c === "-" && sql[i + 1] === "-") {
      const nl = sql.indexOf("\n", i);
      i = nl < 0 ? sql.length : nl + 1;
    } else if (c === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else if (c === "'") {
      i = quoted(sql, i, "'").end;
    } else if ((c === "x" || c === "X") && sql[i + 1] === "'") {
      i = quoted(sql, i + 1, "'").end;
    } else if (c === '"' || c === "`") {
      const q = quoted(sql, i, c);
      out.push(q.value);
      i = q.end;
    } else if (c === "[") {
      const q = quoted(sql, i, "]");
      out.push(q.value);
      i = q.end;
    } else if (isIdentStart(c)) {
      let j = i + 1;
      while (j < sql.length && isIdentPart(sql[j])) j++;
      out.push(sql.slice(i, j));
      i = j;
    } else if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(sql[i + 1] ?? ""))) {
      // Numbers (and 1e5, 0x1F): consume digits, letters and dots so "1e5" is not read as the identifier "e5".
      let j = i + 1;
      while (j < sql.length && /[0-9A-Za-z_.]/.test(sql[j])) j++;
      i = j;
    } else {
      i++;
    }
  }
  return out;
}

/** The protected table the SQL names as an identifier, or null (SQLite compares identifiers case-insensitively). */
export function protectedTableIn(sql) {
  for (const name of identifiers(sql)) {
    const lower = name.toLowerCase();
    if (PROTECTED_TABLES.includes(lower)) return lower;
  }
  return null;
}

/** True when the SQL names a protected table as an identifier. */
export const namesProtectedTable = (sql) => protectedTableIn(sql) !== null;
