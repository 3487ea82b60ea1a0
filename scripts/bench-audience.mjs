// npm run bench:audience: the figure issue 12 asks of the console's audience page, that it
// answers in under 300 ms with 1,000,000 ledger events. Against the Worker under `wrangler
// dev`, on its local D1 (a temporary folder) and on PostgreSQL through the Hyperdrive binding
// (a throwaway server, as npm run bench starts it), each seeded afresh: 100,000 contacts with
// 10 ledger events each over 120 days (scripts/bench/audience-seed.mjs) and 300,000 sends;
// the ten-minute cron folds the deltas the triggers wrote, the hourly one computes the reach,
// then GET /admin/audience is timed (sequential requests, signed in as the admin), unfiltered
// and filtered to one topic and channel. Not a test: it prints. About 4 minutes a backend.
//
//   BENCH_AUDIENCE_REQUESTS=200   requests per measured page (default 200, after 10 warm-up)
//   BENCH_AUDIENCE_CONTACTS=100000
//   BENCH_BACKENDS=d1             or =postgres: one backend only (default both)
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EVENTS_PER_CONTACT, SPAN_DAYS, writeAudienceSeedSql } from "./bench/audience-seed.mjs";
import { migratedPostgres, postgresMissing, withClient } from "./bench/postgres.mjs";
import { policyVersion, readDevVars, startWorker, wrangler } from "./bench/worker.mjs";

const CONTACTS = Number(process.env.BENCH_AUDIENCE_CONTACTS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_AUDIENCE_REQUESTS ?? 200);
const WARMUP = 10;
const TARGET_MS = 300;
const BACKENDS = (process.env.BENCH_BACKENDS ?? "d1,postgres").split(",").map((name) => name.trim());

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(130));

const vars = readDevVars();
const count = (n) => n.toLocaleString("en-US");
const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** Local D1 in a temporary folder, seeded with `wrangler d1 execute`. */
function d1Database() {
  const persist = mkdtempSync(join(tmpdir(), "bench-audience-"));
  const execute = (...args) => wrangler(["d1", "execute", "DB", "--local", "--persist-to", persist, ...args]);
  return {
    name: "D1 (local, workerd's SQLite)",
    where: persist,
    async seed(file) {
      wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persist]);
      execute("--yes", "--file", file);
    },
    scalar: async (sql) => Object.values(JSON.parse(execute("--json", "--command", sql))[0].results[0])[0],
    startWorker: () => startWorker({ persist, store: "d1", config: ["--test-scheduled"] }),
    close: async () => rmSync(persist, { recursive: true, force: true }),
  };
}

/** A throwaway PostgreSQL server with the migrations, seeded statement by statement, bound as HYPERDRIVE. */
function postgresDatabase() {
  const db = migratedPostgres("audience");
  let url;
  return {
    name: "PostgreSQL 15 (local, through the Hyperdrive binding)",
    where: "a throwaway server",
    async seed(file) {
      url = await db.open();
      await withClient(url, async (client) => {
        for (const statement of readFileSync(file, "utf8").split(";\n").filter((text) => text.trim())) await client.query(statement);
        // As autovacuum would before long, so the planner sees the tables it has.
        await client.query("VACUUM ANALYZE");
      });
    },
    scalar: (sql) => withClient(url, async (client) => Number(Object.values((await client.query(sql)).rows[0])[0])),
    startWorker: () => db.startWorker(["--test-scheduled"]),
    close: () => db.close(),
  };
}

console.log(`Node ${process.version}; backends: ${BACKENDS.join(", ")}`);
for (const name of BACKENDS) {
  if (name === "postgres" && postgresMissing()) {
    console.log(`\nPostgreSQL skipped: ${postgresMissing()}`);
    continue;
  }
  await measure(name === "postgres" ? postgresDatabase() : d1Database());
}

async function measure(db) {
  try {
    let started = performance.now();
    const seedDir = mkdtempSync(join(tmpdir(), "bench-audience-seed-"));
    let written;
    try {
      const seedFile = join(seedDir, "seed.sql");
      written = writeAudienceSeedSql(seedFile, { count: CONTACTS, addressHashKey: vars.ADDRESS_HASH_KEY, policyVersion: policyVersion() });
      await db.seed(seedFile);
    } finally {
      rmSync(seedDir, { recursive: true, force: true });
    }
    const events = await db.scalar("SELECT COUNT(*) FROM consent_events");
    const deltas = await db.scalar("SELECT COUNT(*) FROM consent_count_deltas");
    console.log(`\n${db.name} (${db.where}): seeded ${count(CONTACTS)} contacts, ${count(events)} ledger events (${EVENTS_PER_CONTACT} each over ${SPAN_DAYS} days) and ${count(written.sends)} sends in ${seconds(started)}; ${count(deltas)} deltas to fold`);

    const { base, stop } = await db.startWorker();
    try {
      const origin = /PUBLIC_BASE_URL\s*=\s*"([^"]+)"/.exec(readFileSync("wrangler.toml", "utf8"))[1];
      const signIn = await fetch(`${base}/admin/sign-in`, {
        method: "POST",
        headers: { Origin: new URL(origin).origin, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ key: vars.ADMIN_API_KEY }),
        redirect: "manual",
      });
      const cookie = /^console_session=[^;]+/.exec(signIn.headers.get("Set-Cookie") ?? "")?.[0];
      if (!cookie) throw new Error(`the console sign-in failed: ${signIn.status} ${await signIn.text()}`);
      const get = async (path) => {
        const start = performance.now();
        const response = await fetch(base + path, { headers: { Cookie: cookie } });
        const body = await response.text();
        if (response.status !== 200) throw new Error(`${path}: ${response.status} ${body.slice(0, 300)}`);
        return { ms: performance.now() - start, body };
      };
      const timed = async (path) => {
        for (let i = 0; i < WARMUP; i++) await get(path);
        const times = [];
        for (let i = 0; i < REQUESTS; i++) times.push((await get(path)).ms);
        times.sort((a, b) => a - b);
        return { median: percentile(times, 50), p99: percentile(times, 99), max: times.at(-1) };
      };
      // wrangler's /__scheduled may answer before the work it started (waitUntil) ends, as it
      // does on PostgreSQL: each run is waited for by what it leaves.
      const cron = async (expression, done) => {
        const response = await fetch(`${base}/__scheduled?cron=${encodeURIComponent(expression)}`);
        if (!response.ok) throw new Error(`cron ${expression}: ${response.status} ${await response.text()}`);
        for (let waited = 0; !(await done()); waited += 100) {
          if (waited > 300_000) throw new Error(`cron ${expression} did not finish in 300 s`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      };

      // Before the first fold every event is still a delta: the page's worst case, once.
      const unfolded = (await get("/admin/audience")).ms;
      started = performance.now();
      await cron("*/10 * * * *", async () => (await db.scalar("SELECT COUNT(*) FROM consent_count_deltas")) === 0);
      console.log(`Folded by the ten-minute cron in ${seconds(started)}: ${count(await db.scalar("SELECT COUNT(*) FROM consent_day_counts"))} day-count rows, ${count(await db.scalar("SELECT COUNT(*) FROM consent_count_deltas"))} deltas left`);
      started = performance.now();
      await cron("7 * * * *", async () => (await get("/admin/audience")).body.includes("data-computed-at="));
      console.log(`Reach computed by the hourly cron in ${seconds(started)}`);

      const all = await timed("/admin/audience");
      const filtered = await timed("/admin/audience?topic=event_invitations&channel=email");
      const row = (name, t) => `| ${name} | ${t.median.toFixed(1)} | ${t.p99.toFixed(1)} | ${t.max.toFixed(1)} | < ${TARGET_MS}: ${t.p99 < TARGET_MS ? "met" : "NOT MET"} |`;
      console.log(`
### GET /admin/audience, ${db.name}, ${count(events)} ledger events, ${count(CONTACTS)} contacts (${REQUESTS} sequential requests after ${WARMUP})

| page | median ms | p99 ms | max ms | target (p99) |
|---|---|---|---|---|
${row("unfiltered", all)}
${row("topic=event_invitations&channel=email", filtered)}

Before the first fold (${count(deltas)} deltas, no day counts), one request: ${unfolded.toFixed(0)} ms.`);
    } finally {
      await stop();
    }
  } finally {
    await db.close();
  }
}
