// The measures, the same on either backend: each puts a request of the service next to a
// baseline route (src/http/routes/bench.ts) in the same Worker on the same database.
import autocannon from "autocannon";
import { BENCH_TOPIC, benchEmail, CAPPED_FROM, SENDS_EACH } from "./seed.mjs";
import { post } from "./worker.mjs";

export const BATCH = 10_000;
export const BATCH_RUNS = 7;
const BATCH_WARMUP = 3;
export const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
export const CONNECTIONS = 10;

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A scoped key, as a marketing tool would hold, so authentication costs what it costs in life. */
export async function sendCheckKey(base, adminKey) {
  return (await post(base, "/v1/api-keys", adminKey, { name: "bench", scopes: ["send-checks:write"] })).key;
}

export const batchCheck = (first) => ({
  topic: BENCH_TOPIC,
  channel: "email",
  campaign: "bench",
  recipients: Array.from({ length: BATCH }, (_, i) => ({ email: benchEmail(first + i) })),
});

/**
 * Median ms of each named request over BATCH_RUNS rounds, after BATCH_WARMUP (the JIT compiles
 * the link code on first use), interleaved so that each sees the same machine.
 */
async function medians(requests, cpuMs) {
  const times = Object.fromEntries(Object.keys(requests).map((name) => [name, []]));
  const cpu = Object.fromEntries(Object.keys(requests).map((name) => [name, 0]));
  for (let round = 0; round < BATCH_WARMUP + BATCH_RUNS; round++) {
    for (const [name, run] of Object.entries(requests)) {
      const [start, startCpu] = [performance.now(), cpuMs?.()];
      await run();
      if (round < BATCH_WARMUP) continue;
      times[name].push(performance.now() - start);
      if (cpuMs) cpu[name] += (cpuMs() - startCpu) / BATCH_RUNS;
    }
  }
  const result = Object.fromEntries(Object.entries(times).map(([name, ms]) => [name, median(ms)]));
  return cpuMs ? { ...result, cpu } : result;
}

/** The 10,000-recipient send check from contact `first` on, and one raw query for the same addresses (and, asked, the check making no links). */
async function measureBatch(base, key, first, { withoutLinks = false, cpuMs } = {}) {
  const check = batchCheck(first);
  const lookup = { emails: check.recipients.map((r) => r.email) };
  const checked = await post(base, "/v1/send-checks", key, check);
  const found = await post(base, "/bench/lookup-batch", null, lookup);
  if (checked.allowed.length + checked.blocked.length !== BATCH || found.found !== BATCH) {
    throw new Error("the 10,000-recipient requests did not cover every recipient");
  }
  return medians({
    lookup: () => post(base, "/bench/lookup-batch", null, lookup),
    check: () => post(base, "/v1/send-checks", key, check),
    ...(withoutLinks && { withoutLinks: () => post(base, "/bench/send-check-without-links", null, check) }),
  }, cpuMs);
}

/** Caps that apply to the bench's checks, high enough that the same recipients stay allowed. */
export const BENCH_CAPS = [
  { channel: "email", max: 1000, period: "month" },
  { channel: "email", topic: BENCH_TOPIC, max: 1000, period: "week" },
];
export const putCaps = (base, adminKey, caps) => post(base, "/v1/frequency-caps", adminKey, { caps }, "PUT");

/**
 * Rounds of (f): its two checks differ by a few percent, less than one round's noise on a
 * shared machine, so it takes three times the other batch measures' rounds.
 */
export const CAPS_RUNS = 21;

/**
 * (f) The 10,000-recipient check with frequency caps set, on the capped block (CAPPED_FROM),
 * whose contacts have SENDS_EACH sends each to count, next to the same check with no caps
 * (median ms each). The caps change between the two outside the timing, round after round,
 * which of the two goes first alternating, so each sees the same machine; none are left set
 * afterwards.
 */
async function measureCaps(base, adminKey, key, cpuMs) {
  const check = batchCheck(CAPPED_FROM);
  const times = { withCaps: [], withoutCaps: [] };
  const cpu = { withCaps: 0, withoutCaps: 0 };
  try {
    for (let round = 0; round < BATCH_WARMUP + CAPS_RUNS; round++) {
      const pair = [["withoutCaps", []], ["withCaps", BENCH_CAPS]];
      for (const [name, caps] of round % 2 === 0 ? pair : pair.reverse()) {
        await putCaps(base, adminKey, caps);
        const [start, startCpu] = [performance.now(), cpuMs?.()];
        const answer = await post(base, "/v1/send-checks", key, check);
        if (round >= BATCH_WARMUP) times[name].push(performance.now() - start);
        if (round >= BATCH_WARMUP && cpuMs) cpu[name] += (cpuMs() - startCpu) / CAPS_RUNS;
        if (answer.allowed.length + answer.blocked.length !== BATCH) throw new Error("the capped check did not cover every recipient");
      }
    }
  } finally {
    await putCaps(base, adminKey, []);
  }
  return { withCaps: median(times.withCaps), withoutCaps: median(times.withoutCaps), sendsEach: SENDS_EACH, ...(cpuMs && { cpu }) };
}

/** Requests per second and latency under CONNECTIONS concurrent clients. */
async function load(base, request, cpuMs) {
  const startCpu = cpuMs?.();
  const result = await autocannon({ url: base, connections: CONNECTIONS, duration: DURATION_SECONDS, requests: [request] });
  const failures = result.errors + result.timeouts + result.non2xx;
  if (failures > 0) throw new Error(`${request.path ?? "one-click"}: ${failures} failed requests under load`);
  const total = result.requests.total;
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, total, ...(cpuMs && { cpu: (cpuMs() - startCpu) / total }) };
}

const postJson = (path, key, bodyOf, contacts) => ({
  method: "POST",
  path,
  headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
  setupRequest: (request) => ({ ...request, body: JSON.stringify(bodyOf(Math.floor(Math.random() * contacts))) }),
});

/**
 * Measures (a), (b), (d) and (e) on a Worker whose database holds `contacts` bench contacts.
 * The last 10,000 are the ones who click unsubscribe; the batch checks use others.
 */
export async function measureTable(base, adminKey, contacts, cpuMs) {
  const key = await sendCheckKey(base, adminKey);
  const oneClickFrom = contacts - BATCH;
  const singleCheck = (n) => ({ topic: BENCH_TOPIC, channel: "email", campaign: "bench", recipients: [{ email: benchEmail(n) }] });
  const singleLookup = (n) => ({ email: benchEmail(n) });
  const sample = await post(base, "/v1/send-checks", key, singleCheck(2));
  if (sample.counts.allowed !== 1) throw new Error(`expected bench contact 2 to be allowed: ${JSON.stringify(sample)}`);
  if (!(await post(base, "/bench/lookup", null, singleLookup(2))).id) throw new Error("the baseline lookup found nothing");

  // The batch first, on a Worker as fresh as the scale line's (measureBatchCheck) finds it.
  const batch = await measureBatch(base, key, Math.floor(Math.random() * (oneClickFrom - BATCH)), { withoutLinks: true, cpuMs });
  const caps = await measureCaps(base, adminKey, key, cpuMs);
  console.log(`  warming up, then ${DURATION_SECONDS} s per endpoint with ${CONNECTIONS} connections…`);
  await load(base, postJson("/bench/lookup", null, singleLookup, contacts));
  const baseline = await load(base, postJson("/bench/lookup", null, singleLookup, contacts), cpuMs);
  const check = await load(base, postJson("/v1/send-checks", key, singleCheck, contacts), cpuMs);

  // One-click: the links a check gave the last 10,000 contacts, clicked at random (a repeat
  // click is part of life: mail providers retry).
  const linked = await post(base, "/v1/send-checks", key, batchCheck(oneClickFrom));
  const paths = linked.allowed.map((entry) => new URL(entry.unsubscribe.url).pathname);
  if (paths.length === 0) throw new Error("the one-click run got no links");
  const oneClick = await load(base, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "List-Unsubscribe=One-Click",
    setupRequest: (request) => ({ ...request, path: paths[Math.floor(Math.random() * paths.length)] }),
  }, cpuMs);
  return { contacts, baseline, check, batch, caps, oneClick };
}

/**
 * The 10,000-recipient check and its raw query, median ms, on contacts beyond `skipFirst`:
 * the scale line's point at a larger list, and the campaign benchmark's per-recipient reference.
 */
export async function measureBatchCheck(base, adminKey, contacts, { skipFirst = 0 } = {}) {
  const key = await sendCheckKey(base, adminKey);
  return measureBatch(base, key, skipFirst + Math.floor(Math.random() * (contacts - skipFirst - BATCH)));
}
