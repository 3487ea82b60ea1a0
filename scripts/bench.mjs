// npm run bench: the figures issue 2 asks for, against the Worker running locally in
// workerd (wrangler dev) on its local D1, with 100,000 contacts. Not a test: it prints.
//
//  (a) single-recipient send checks per second, p50/p99, next to a baseline request that
//      does one raw indexed D1 lookup in the same Worker (target: >= 0.8x its throughput);
//  (b) one 10,000-recipient send check next to one raw D1 query for the same 10,000
//      addresses (median of several; target: <= 3x);
//  (c) the Worker's upload size, gzip, from `wrangler deploy --dry-run` (target: <= 1 MiB);
//  (d) the 10,000-recipient send check with its unsubscribe links next to the same check
//      making none (target: links add at most 50%);
//  (e) RFC 8058 one-click POSTs per second next to the same baseline.
//
// The database lives in .wrangler/bench-state, apart from npm start's, and is seeded once.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, openSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { ensureDevVars } from "./lib/dev-vars.mjs";
import { freePort } from "./lib/local-worker.mjs";
import { BENCH_ID_SQL, BENCH_TOPIC, benchContactId, benchEmail, writeSeedSql } from "./bench/seed.mjs";

const CONTACTS = 100_000;
const BATCH = 10_000;
const BATCH_RUNS = 7;
const BATCH_WARMUP = 3;
const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;
const PERSIST = ".wrangler/bench-state";
/** The last 10,000 contacts are the ones who click unsubscribe; batch checks use the others. */
const ONE_CLICK_FROM = CONTACTS - BATCH;

const wrangler = (args, options = {}) =>
  execFileSync("wrangler", args, { encoding: "utf8", env: { ...process.env, CI: "1" }, maxBuffer: 64 << 20, ...options });

function readDevVars() {
  ensureDevVars();
  return Object.fromEntries(
    readFileSync(".dev.vars", "utf8")
      .split("\n")
      .filter((line) => /^\w+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1).trim()]),
  );
}

function policyVersion() {
  return /POLICY_VERSION\s*=\s*"([^"]+)"/.exec(readFileSync("wrangler.toml", "utf8"))[1];
}

function prepareDatabase(vars) {
  wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", PERSIST]);
  // Bench contacts in the current id format, and any contact with a bench address at all.
  const counts = () =>
    JSON.parse(
      wrangler(["d1", "execute", "DB", "--local", "--persist-to", PERSIST, "--json", "--command",
        `SELECT count(CASE WHEN ${BENCH_ID_SQL} THEN 1 END) AS ours, count(*) AS all_bench FROM contacts WHERE email LIKE 'bench-%'`]),
    )[0].results[0];
  const existing = counts();
  if (existing.ours === CONTACTS && existing.all_bench === CONTACTS) {
    regrantOneClickers();
    return "reused";
  }
  if (existing.all_bench !== 0) {
    throw new Error(`${PERSIST} holds bench contacts from another version of this script: delete it and rerun`);
  }
  const dir = mkdtempSync(join(tmpdir(), "bench-seed-"));
  try {
    const file = join(dir, "seed.sql");
    writeSeedSql(file, { count: CONTACTS, addressHashKey: vars.ADDRESS_HASH_KEY, policyVersion: policyVersion() });
    wrangler(["d1", "execute", "DB", "--local", "--persist-to", PERSIST, "--yes", "--file", file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (counts().ours !== CONTACTS) throw new Error("seeding did not write every contact");
  regrantOneClickers();
  return "seeded";
}

/** Grants the bench topic again to those who clicked unsubscribe in an earlier run (the ledger only grows). */
function regrantOneClickers() {
  const now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
  wrangler(["d1", "execute", "DB", "--local", "--persist-to", PERSIST, "--yes", "--command",
    `INSERT INTO consent_events (id, contact_id, topic, channel, status, source, occurred_at, recorded_at, policy_version, locale, actor, evidence)
     SELECT 'ce_' || lower(hex(randomblob(10))), id, '${BENCH_TOPIC}', 'email', 'granted', 'import', ${now}, ${now}, '${policyVersion()}', 'kk', 'bench', '{}'
     FROM contacts WHERE ${BENCH_ID_SQL} AND id >= '${benchContactId(ONE_CLICK_FROM)}'`]);
}

async function startWorker(port) {
  const log = openSync(".wrangler/bench-dev.log", "w");
  const child = spawn(
    "wrangler",
    ["dev", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", PERSIST, "--var", "BENCH_ROUTES:1", "--log-level", "warn"],
    { stdio: ["ignore", log, log], env: { ...process.env, CI: "1" }, detached: true },
  );
  const stop = () => {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {}
  };
  process.on("exit", stop);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error("wrangler dev exited; see .wrangler/bench-dev.log");
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { base, stop };
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  stop();
  throw new Error("wrangler dev did not become healthy in 120 s; see .wrangler/bench-dev.log");
}

async function post(base, path, key, body) {
  const response = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

const randomContact = () => Math.floor(Math.random() * CONTACTS);

/** Requests per second and latency of one endpoint under CONNECTIONS concurrent clients. */
function load(base, path, key, bodyOf) {
  return loadRequests(base, {
    method: "POST",
    path,
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    setupRequest: (request) => ({ ...request, body: JSON.stringify(bodyOf(randomContact())) }),
  });
}

async function loadRequests(base, request) {
  const result = await autocannon({ url: base, connections: CONNECTIONS, duration: DURATION_SECONDS, requests: [request] });
  const failures = result.errors + result.timeouts + result.non2xx;
  if (failures > 0) throw new Error(`${request.path}: ${failures} failed requests under load`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, total: result.requests.total };
}

async function timed(fn) {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function uploadSize() {
  const outdir = mkdtempSync(join(tmpdir(), "bench-bundle-"));
  try {
    const output = wrangler(["deploy", "--dry-run", "--outdir", outdir]);
    const match = /Total Upload:\s*([\d.]+)\s*KiB\s*\/\s*gzip:\s*([\d.]+)\s*KiB/.exec(output);
    if (!match) throw new Error(`could not read the upload size from:\n${output}`);
    return { raw: Number(match[1]), gzip: Number(match[2]) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const vars = readDevVars();
console.log(`Database: ${prepareDatabase(vars)} (${CONTACTS} contacts in ${PERSIST})`);
const { base, stop } = await startWorker(await freePort());
try {
  // A scoped key, as a marketing tool would hold, so authentication costs what it costs in life.
  const { key } = await post(base, "/v1/api-keys", vars.ADMIN_API_KEY, { name: "bench", scopes: ["send-checks:write"] });
  const singleCheck = (n) => ({ topic: BENCH_TOPIC, channel: "email", campaign: "bench", recipients: [{ email: benchEmail(n) }] });
  const singleLookup = (n) => ({ email: benchEmail(n) });

  const sample = await post(base, "/v1/send-checks", key, singleCheck(2));
  if (sample.counts.allowed !== 1) throw new Error(`expected bench contact 2 to be allowed: ${JSON.stringify(sample)}`);
  const lookedUp = await post(base, "/bench/lookup", null, singleLookup(2));
  if (!lookedUp.id) throw new Error("the baseline lookup found nothing");

  console.log(`Warming up, then ${DURATION_SECONDS} s per endpoint with ${CONNECTIONS} connections…`);
  await load(base, "/bench/lookup", null, singleLookup);
  const baseline = await load(base, "/bench/lookup", null, singleLookup);
  const check = await load(base, "/v1/send-checks", key, singleCheck);

  const start = randomContact() % (ONE_CLICK_FROM - BATCH);
  const batch = Array.from({ length: BATCH }, (_, i) => start + i);
  const batchCheck = { topic: BENCH_TOPIC, channel: "email", campaign: "bench", recipients: batch.map((n) => ({ email: benchEmail(n) })) };
  const batchLookup = { emails: batch.map(benchEmail) };
  const checked = await post(base, "/v1/send-checks", key, batchCheck);
  const found = await post(base, "/bench/lookup-batch", null, batchLookup);
  if (checked.allowed.length + checked.blocked.length !== BATCH || found.found !== BATCH) {
    throw new Error("the 10,000-recipient requests did not cover every recipient");
  }
  // Warmed up first (the JIT compiles the link code on first use), then interleaved, so
  // that each of the three sees the same machine.
  const batches = {
    lookup: () => post(base, "/bench/lookup-batch", null, batchLookup),
    check: () => post(base, "/v1/send-checks", key, batchCheck),
    withoutLinks: () => post(base, "/bench/send-check-without-links", null, batchCheck),
  };
  const times = { lookup: [], check: [], withoutLinks: [] };
  for (let round = 0; round < BATCH_WARMUP + BATCH_RUNS; round++) {
    for (const [name, run] of Object.entries(batches)) {
      const ms = await timed(run);
      if (round >= BATCH_WARMUP) times[name].push(ms);
    }
  }
  const { lookup: lookupTimes, check: checkTimes, withoutLinks: withoutLinksTimes } = times;

  // One-click: the links a check gave the last 10,000 contacts, clicked at random (a repeat
  // click is part of life: mail providers retry).
  const clickers = Array.from({ length: BATCH }, (_, i) => ({ email: benchEmail(ONE_CLICK_FROM + i) }));
  const linked = await post(base, "/v1/send-checks", key, { ...batchCheck, recipients: clickers });
  const paths = linked.allowed.map((entry) => new URL(entry.unsubscribe.url).pathname);
  if (paths.length !== BATCH) throw new Error(`expected ${BATCH} links for the one-click run, got ${paths.length}`);
  const oneClick = await loadRequests(base, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "List-Unsubscribe=One-Click",
    setupRequest: (request) => ({ ...request, path: paths[Math.floor(Math.random() * paths.length)] }),
  });

  const size = uploadSize();

  const ratio = (x) => `${x.toFixed(2)}x`;
  const verdict = (ok) => (ok ? "met" : "NOT MET");
  const throughput = check.rps / baseline.rps;
  const batchRatio = median(checkTimes) / median(lookupTimes);
  const linksRatio = median(checkTimes) / median(withoutLinksTimes);
  const clickRatio = oneClick.rps / baseline.rps;
  console.log(`
| measure | send check | baseline | ratio | target |
|---|---|---|---|---|
| (a) 1 recipient, req/s (${CONNECTIONS} connections, ${DURATION_SECONDS} s) | ${check.rps.toFixed(0)} | ${baseline.rps.toFixed(0)} | ${ratio(throughput)} | >= 0.80x: ${verdict(throughput >= 0.8)} |
| (a) 1 recipient, p50 / p99 ms | ${check.p50} / ${check.p99} | ${baseline.p50} / ${baseline.p99} | | |
| (b) ${BATCH} recipients, median of ${BATCH_RUNS} runs, ms | ${median(checkTimes).toFixed(0)} | ${median(lookupTimes).toFixed(0)} | ${ratio(batchRatio)} | <= 3x: ${verdict(batchRatio <= 3)} |
| (c) Worker upload, gzip KiB (raw ${size.raw}) | ${size.gzip} | | | <= 1024: ${verdict(size.gzip <= 1024)} |
| (d) ${BATCH} recipients with links vs the same check without, median ms | ${median(checkTimes).toFixed(0)} | ${median(withoutLinksTimes).toFixed(0)} | ${ratio(linksRatio)} | <= 1.5x: ${verdict(linksRatio <= 1.5)} |
| (e) one-click POSTs, req/s | ${oneClick.rps.toFixed(0)} | ${baseline.rps.toFixed(0)} | ${ratio(clickRatio)} | (none) |
| (e) one-click POSTs, p50 / p99 ms | ${oneClick.p50} / ${oneClick.p99} | ${baseline.p50} / ${baseline.p99} | | |

Node ${process.version}; ${CONTACTS} contacts; ${check.total} send checks, ${oneClick.total} one-click POSTs and ${baseline.total} baseline requests measured.`);
} finally {
  stop();
}
