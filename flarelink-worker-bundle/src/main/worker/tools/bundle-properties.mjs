// Reads bundle.properties (simple key=value lines) for build.mjs and the tests.
import { readFileSync } from "node:fs";

export const WORKER_DIR = new URL("../", import.meta.url);

export function bundleProperties() {
  const props = {};
  for (const line of readFileSync(new URL("bundle.properties", WORKER_DIR), "utf8").split("\n")) {
    const text = line.trim();
    if (!text || text.startsWith("#")) continue;
    const eq = text.indexOf("=");
    props[text.slice(0, eq).trim()] = text.slice(eq + 1).trim();
  }
  const list = (v) => (v ? v.split(",").map((s) => s.trim()).filter(Boolean) : []);
  return {
    version: props.version,
    mainModule: props.mainModule,
    compatibilityDate: props.compatibilityDate,
    compatibilityFlags: list(props.compatibilityFlags),
    bindings: list(props.bindings),
    migrations: list(props.migrations),
  };
}
