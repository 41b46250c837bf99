// Bundles src/worker.js into one ES module. Every input is pinned (package-lock.json) and no path or
// time is embedded, so the same sources give byte-identical output: HASHES.md depends on that.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { bundleProperties, WORKER_DIR } from "./tools/bundle-properties.mjs";

const outfile = process.argv[2] ?? fileURLToPath(new URL("../../../dist/worker.mjs", WORKER_DIR));
const { version } = bundleProperties();

await build({
  absWorkingDir: fileURLToPath(WORKER_DIR),
  entryPoints: ["src/worker.js"],
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  // The workerd condition picks better-auth's real AsyncLocalStorage (a shared polyfill breaks concurrency).
  conditions: ["workerd", "worker", "browser"],
  external: ["cloudflare:*", "node:*"],
  define: { __FLARELINK_VERSION__: JSON.stringify(version) },
  minify: true,
  legalComments: "none",
  logLevel: "warning",
  outfile,
});
