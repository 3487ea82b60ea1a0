// npm run bench:versus -- <checkout>: this checkout's 10,000-recipient send check next to
// another checkout's (an earlier commit: `git worktree add ../before <commit>`), both under
// `wrangler dev` on their own local D1 of 100,000 bench contacts, side by side, in alternating
// rounds: the other's check, this one's with no frequency caps set, and this one's with (f)'s
// two caps, on (f)'s contacts, who have three sends each to count. Not a test: it prints the
// median ms and the Worker's CPU per request of each, and their ratios to the other
// checkout's. Issue 13 asked that its additions, all of them on, cost the check no more than
// 10 % (README, Benchmark).
//
// The other checkout needs its dependencies (a symlink to this node_modules will do when
// package.json is the same), `npm run generate`, and its own bench D1: run
// `BENCH_BACKENDS=d1 BENCH_SCALE=0 npm run bench` there once. About 3 minutes here.
//
//   BENCH_VERSUS_ROUNDS=24   measured rounds (after 4 to warm up)
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { d1Backend } from "./bench/d1.mjs";
import { BATCH, BENCH_CAPS, batchCheck, median, putCaps, sendCheckKey } from "./bench/measures.mjs";
import { CAPPED_FROM } from "./bench/seed.mjs";
import { post, readDevVars, startWorker } from "./bench/worker.mjs";

const other = process.argv[2] && resolve(process.argv[2]);
if (!other || !existsSync(join(other, "wrangler.toml"))) throw new Error("usage: npm run bench:versus -- <another checkout of this project>");
if (!existsSync(join(other, ".wrangler/bench-state"))) throw new Error(`${other} has no bench D1: run BENCH_BACKENDS=d1 BENCH_SCALE=0 npm run bench there first`);
const ROUNDS = Number(process.env.BENCH_VERSUS_ROUNDS ?? 24);
const WARMUP = 4;

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(130));

const vars = readDevVars();
const backend = d1Backend(vars);
console.log(`this checkout: 100,000 contacts ${await backend.prepare(100_000)}; the other: ${other}`);
// The contacts bench's (f) checks: each has three sends to count, written with the seed.
const check = batchCheck(CAPPED_FROM);
const theirs = await startWorker({ cwd: other, persist: ".wrangler/bench-state", store: "d1" });
const ours = await startWorker({ persist: ".wrangler/bench-state", store: "d1" });
try {
  const keys = { theirs: await sendCheckKey(theirs.base, vars.ADMIN_API_KEY), ours: await sendCheckKey(ours.base, vars.ADMIN_API_KEY) };
  const runs = {
    other: { worker: theirs, key: keys.theirs },
    "this, no caps": { worker: ours, key: keys.ours, caps: [] },
    "this, two caps": { worker: ours, key: keys.ours, caps: BENCH_CAPS },
  };
  const names = Object.keys(runs);
  const times = Object.fromEntries(names.map((name) => [name, []]));
  const cpu = Object.fromEntries(names.map((name) => [name, 0]));
  try {
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      // Each goes first, second and third in turn.
      for (const name of [...names.slice(round % 3), ...names.slice(0, round % 3)]) {
        const { worker, key, caps } = runs[name];
        if (caps) await putCaps(worker.base, vars.ADMIN_API_KEY, caps);
        const [start, startCpu] = [performance.now(), worker.cpuMs?.()];
        const answer = await post(worker.base, "/v1/send-checks", key, check);
        if (answer.allowed.length + answer.blocked.length !== BATCH) throw new Error(`${name}: the check did not cover every recipient`);
        if (round < WARMUP) continue;
        times[name].push(performance.now() - start);
        if (worker.cpuMs) cpu[name] += (worker.cpuMs() - startCpu) / ROUNDS;
      }
    }
  } finally {
    await putCaps(ours.base, vars.ADMIN_API_KEY, []);
  }
  const base = { ms: median(times.other), cpu: cpu.other };
  console.log(`\n${BATCH.toLocaleString("en-US")}-recipient send check, D1, ${ROUNDS} rounds: median ms (ratio to the other) | Worker CPU ms per request (ratio)`);
  for (const name of names) {
    const ms = median(times[name]);
    const cpuPart = ours.cpuMs ? ` | ${cpu[name].toFixed(0)} (${(cpu[name] / base.cpu).toFixed(2)}x)` : "";
    console.log(`${name.padEnd(16)} ${ms.toFixed(0).padStart(5)} (${(ms / base.ms).toFixed(2)}x)${cpuPart}`);
  }
} finally {
  await Promise.all([theirs.stop(), ours.stop()]);
  await backend.close();
}
