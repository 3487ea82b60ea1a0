// The D1 run: the Worker on its local D1 (workerd's SQLite), seeded with `wrangler d1 execute`.
// The table's list lives in .wrangler/bench-state, apart from npm start's, and is seeded once;
// any other size (the scale line's 1,000,000) goes to a temporary folder, seeded each run:
// ~60 s on the 2-core machine for 1,000,000, not worth ~630 MB of disk kept for reuse.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BENCH_ID_SQL, BENCH_TOPIC, benchSendsSql, SENT_TO, writeSeedSql } from "./seed.mjs";
import { policyVersion, startWorker, wrangler } from "./worker.mjs";

const PERSIST = ".wrangler/bench-state";
const PERSISTED_COUNT = 100_000;

export function d1Backend(vars) {
  const temporary = [];
  let persist;
  return {
    name: "D1 (local, workerd's SQLite)",
    /** Makes the database of `count` bench contacts the next Worker runs on; answers how. */
    async prepare(count) {
      const started = performance.now();
      if (count === PERSISTED_COUNT) {
        persist = PERSIST;
        const how = prepare(PERSIST, count, vars);
        return `${how} in ${PERSIST}${how === "seeded" ? ` in ${seconds(started)}` : ""}`;
      }
      persist = mkdtempSync(join(tmpdir(), "bench-d1-"));
      temporary.push(persist);
      prepare(persist, count, vars);
      return `seeded in ${seconds(started)} (a temporary folder)`;
    },
    /** `options`: startWorker's `config` and `env` (the campaign run's variables). */
    startWorker: (options = {}) => startWorker({ ...options, persist, store: "d1" }),
    async close() {
      for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
    },
  };
}

const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

const execute = (persist, ...args) => wrangler(["d1", "execute", "DB", "--local", "--persist-to", persist, ...args]);

function prepare(persist, count, vars) {
  wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persist]);
  // Bench contacts in the current id format, and any contact with a bench address at all.
  const counts = () =>
    JSON.parse(execute(persist, "--json", "--command",
      `SELECT count(CASE WHEN ${BENCH_ID_SQL} THEN 1 END) AS ours, count(*) AS all_bench FROM contacts WHERE email LIKE 'bench-%'`))[0].results[0];
  const existing = counts();
  if (existing.ours === count && existing.all_bench === count) {
    regrantOneClickers(persist);
    replaceSends(persist, count);
    return "reused";
  }
  if (existing.all_bench !== 0) {
    throw new Error(`${persist} holds bench contacts from another version of this script: delete it and rerun`);
  }
  const dir = mkdtempSync(join(tmpdir(), "bench-seed-"));
  try {
    const file = join(dir, "seed.sql");
    writeSeedSql(file, { count, addressHashKey: vars.ADDRESS_HASH_KEY, policyVersion: policyVersion() });
    execute(persist, "--yes", "--file", file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (counts().ours !== count) throw new Error("seeding did not write every contact");
  replaceSends(persist, count);
  return "seeded";
}

/** The sends (f) counts, in place of whatever earlier runs left (benchSendsSql). */
function replaceSends(persist, count) {
  const dir = mkdtempSync(join(tmpdir(), "bench-sends-"));
  try {
    const file = join(dir, "sends.sql");
    writeFileSync(file, benchSendsSql(Math.min(count, SENT_TO)).map((statement) => `${statement};\n`).join(""));
    execute(persist, "--yes", "--file", file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Grants the bench topic again to those whose one-click in an earlier run withdrew it (the
 * ledger only grows): every withdrawal the seed did not write.
 */
function regrantOneClickers(persist) {
  const now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
  execute(persist, "--yes", "--command",
    `INSERT INTO consent_events (id, contact_id, topic, channel, status, source, occurred_at, recorded_at, policy_version, locale, actor, evidence)
     SELECT 'ce_' || lower(hex(randomblob(10))), s.contact_id, s.topic, s.channel, 'granted', 'import', ${now}, ${now}, '${policyVersion()}', 'kk', 'bench', '{}'
     FROM consent_states s JOIN consent_events e ON e.seq = s.event_seq
     WHERE s.topic = '${BENCH_TOPIC}' AND s.channel = 'email' AND s.status = 'withdrawn' AND e.actor <> 'bench'`);
}

/**
 * Deletes the campaigns earlier runs of npm run bench:campaign left in .wrangler/bench-state
 * (~90,000 recipient rows, ~30 MB each), so that every run starts from the same database.
 */
export function deleteBenchCampaigns() {
  const ours = "SELECT id FROM campaigns WHERE reference LIKE 'bench-%'";
  execute(PERSIST, "--yes", "--command", `DELETE FROM campaign_recipients WHERE campaign_id IN (${ours}); DELETE FROM campaigns WHERE id IN (${ours});`);
}
