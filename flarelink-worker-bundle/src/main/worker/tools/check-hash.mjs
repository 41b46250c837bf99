// Rebuilds the bundle into a temporary file and fails unless it, the committed dist/worker.mjs and the
// HASHES.md row for the current version all carry the same SHA-256.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleProperties, WORKER_DIR } from "./bundle-properties.mjs";

const sha256 = (file) => createHash("sha256").update(readFileSync(file)).digest("hex");

/** Returns the hash recorded for `version` in HASHES.md, or null. */
export function publishedHash(hashesText, version) {
  for (const line of hashesText.split("\n")) {
    const cells = line.split("|").map((c) => c.trim().replace(/`/g, ""));
    if (cells[1] === version) return cells.find((c) => /^[0-9a-f]{64}$/.test(c)) ?? null;
  }
  return null;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { version } = bundleProperties();
  const moduleDir = new URL("../../../", WORKER_DIR);
  const temp = mkdtempSync(join(tmpdir(), "flarelink-worker-"));
  try {
    const fresh = join(temp, "worker.mjs");
    execFileSync(process.execPath, [fileURLToPath(new URL("build.mjs", WORKER_DIR)), fresh], { stdio: "inherit" });
    const built = sha256(fresh);
    const committed = sha256(fileURLToPath(new URL("dist/worker.mjs", moduleDir)));
    const published = publishedHash(readFileSync(new URL("HASHES.md", moduleDir), "utf8"), version);
    console.log(`version ${version}\n  fresh build      ${built}\n  dist/worker.mjs  ${committed}\n  HASHES.md        ${published ?? "(no row)"}`);
    if (built !== committed || built !== published) {
      console.error("check-hash FAILED: rebuild with `npm run build` and record the hash in HASHES.md for a new version.");
      process.exit(1);
    }
    console.log("check-hash OK");
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
