// On-demand (never part of `npm test`): what recording auth events costs. Runs the same requests against two
// Workers that differ only in D1 migration 0002: with it, each request also writes its event rows and prunes old
// ones in one D1 batch; without it, that batch fails at once on the missing table. The difference of the sign-out
// figures (no PBKDF2 in it) is the event write's CPU in workerd, Miniflare's D1 included.
// Usage: node tools/bench-events.mjs [requests per kind, default 50]
import { readdirSync, readFileSync } from "node:fs";
import { applyMigrations, bundledMigrations } from "./d1-migrations.mjs";
import { call, defaultConfig, sessionCookie, setConfig, signIn, signUp, startWorker } from "../test/support.mjs";

const n = Number(process.argv[2] ?? 50);

function workerdPids(known) {
  return readdirSync("/proc").filter((e) => /^\d+$/.test(e) && !known.has(e)).filter((pid) => {
    try { return readFileSync(`/proc/${pid}/comm`, "utf8").startsWith("workerd"); } catch { return false; }
  });
}
function cpuMs(pids) {
  let ticks = 0;
  for (const pid of pids) {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * 10;
}

async function measure(label, migrations) {
  const before = new Set(workerdPids(new Set()));
  const worker = await startWorker({ migrate: false, config: undefined });
  const pids = workerdPids(before);
  await applyMigrations(worker.db, migrations);
  await setConfig(worker.db, await defaultConfig());
  try {
    await signUp(worker.mf, "bench@example.com", "correct horse battery", "10.50.0.1");
    const cookies = [];
    for (let i = 0; i < n; i++) cookies.push(sessionCookie(await signIn(worker.mf, "bench@example.com", "correct horse battery", `10.51.${i >> 8}.${i & 255}`)));
    await new Promise((r) => setTimeout(r, 500));
    const start = cpuMs(pids);
    for (const cookie of cookies) await (await call(worker.mf, "/api/auth/sign-out", { method: "POST", cookie, body: {} })).arrayBuffer();
    await new Promise((r) => setTimeout(r, 500)); // let the waitUntil writes finish inside the window
    const perRequest = (cpuMs(pids) - start) / n;
    console.log(`${label.padEnd(34)} sign-out: workerd CPU ${perRequest.toFixed(2)} ms/request`);
    return perRequest;
  } finally {
    await worker.mf.dispose();
  }
}

const all = bundledMigrations();
const without = await measure("without auth events (0001 only)", all.slice(0, 1));
const withEvents = await measure("with auth events (0001 + 0002)", all);
console.log(`event write ≈ ${(withEvents - without).toFixed(2)} ms CPU per request (${n} requests each)`);
