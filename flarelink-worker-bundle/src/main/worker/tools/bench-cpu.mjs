// On-demand CPU measurement (never part of `npm test`): runs the bundled Worker in Miniflare and reports the
// CPU time (utime+stime from /proc) the workerd process spends per request. workerd also runs Miniflare's
// D1 and KV simulators, so the figures are an upper bound on the Worker's own CPU.
// Usage: node tools/bench-cpu.mjs [requests per kind, default 20] [PBKDF2 iterations, default 100000]
import { readdirSync, readFileSync } from "node:fs";
import { call, defaultConfig, service, sessionCookie, signIn, signUp, startWorker } from "../test/support.mjs";

const n = Number(process.argv[2] ?? 20);
const iterations = process.argv[3] ?? "100000";
const TICK_MS = 10; // USER_HZ is 100 on Linux

function descendants(pid) {
  const out = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[1]) === pid) out.push(Number(entry), ...descendants(Number(entry)));
    } catch { /* process ended */ }
  }
  return out;
}

function cpuMs(pids) {
  let ticks = 0;
  for (const pid of pids) {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * TICK_MS;
}

async function measure(label, pids, fn) {
  const walls = [];
  const before = cpuMs(pids);
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn(i);
    walls.push(performance.now() - start);
  }
  const cpu = (cpuMs(pids) - before) / n;
  walls.sort((a, b) => a - b);
  console.log(`${label.padEnd(28)} workerd CPU ${cpu.toFixed(1).padStart(5)} ms/request   wall median ${walls[n >> 1].toFixed(1)} ms`);
}

// The storage routes need a keypair; presigning signs locally and calls nothing.
const R2 = { R2_ACCOUNT_ID: "0123456789abcdef0123456789abcdef", R2_ACCESS_KEY_ID: "bench", R2_SECRET_ACCESS_KEY: "bench-secret" };
const { mf, db } = await startWorker({ config: { ...(await defaultConfig()), ...R2, PBKDF2_ITERATIONS: iterations } });
try {
  const pids = descendants(process.pid).filter((pid) => readFileSync(`/proc/${pid}/comm`, "utf8").startsWith("workerd"));
  console.log(`PBKDF2 ${iterations} iterations, ${n} requests each, workerd pids ${pids.join(",")}`);
  await signUp(mf, "warmup@example.com", "correct horse battery", "10.9.9.9"); // cold start excluded
  await measure("GET /__flarelink (baseline)", pids, () => call(mf, "/__flarelink").then((r) => r.arrayBuffer()));
  await measure("sign-up", pids, (i) => signUp(mf, `u${i}@example.com`, "correct horse battery", `10.0.0.${i + 1}`).then((r) => r.arrayBuffer()));
  await measure("sign-in", pids, (i) => signIn(mf, `u${i}@example.com`, "correct horse battery", `10.0.1.${i + 1}`).then((r) => r.arrayBuffer()));
  const cookie = sessionCookie(await signIn(mf, "u0@example.com", "correct horse battery", "10.0.2.1"));
  await measure("GET /api/me", pids, () => call(mf, "/api/me", { cookie }).then((r) => r.arrayBuffer()));
  // Read these two against the baseline: what is above it is the route, its D1 call (SQLite and Miniflare's D1
  // simulator run in the same process) and the signing. A D1 call made from Node goes through Miniflare's proxy,
  // which costs more than the call itself, so it cannot serve as the baseline for the query route.
  await db.prepare("CREATE TABLE IF NOT EXISTS bench (id INTEGER PRIMARY KEY, v TEXT)").run();
  await db.prepare("INSERT INTO bench (v) VALUES ('a'), ('b'), ('c')").run();
  const sql = "SELECT id, v FROM bench WHERE id > ?1 ORDER BY id LIMIT 10";
  await measure("POST /api/db/query", pids, () => service(mf, "/api/db/query", { body: { sql, params: [0] } }).then((r) => r.arrayBuffer()));
  await measure("POST /api/storage/presign", pids, (i) => service(mf, "/api/storage/presign", {
    body: { bucket: "app-files", key: `uploads/${i}.png`, op: "put", contentType: "image/png" },
  }).then((r) => r.arrayBuffer()));
} finally {
  await mf.dispose();
}
