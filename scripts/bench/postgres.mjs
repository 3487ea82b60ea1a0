// The PostgreSQL run: a throwaway server (Debian's, as the tests start it), one database with
// the PostgreSQL migrations, and the Worker bound to it as HYPERDRIVE the way
// `DATABASE_URL=… npm start` binds it. The list grows in place: prepare(1,000,000) after
// prepare(100,000) adds the other 900,000.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { postgresMissing, startPostgres } from "../../test/support/postgres.mjs";
import { HYPERDRIVE_URL_VARIABLE, writePostgresConfig } from "../lib/local-postgres.mjs";
import { migratePostgres } from "../lib/pg-migrate.mjs";
import { BENCH_TOPIC, benchContacts, benchSendsSql, SENT_TO } from "./seed.mjs";
import { policyVersion, startWorker } from "./worker.mjs";

/** Rows per statement: one text[] parameter per column, unnested server-side. */
const ROWS_PER_INSERT = 20_000;

export { postgresMissing };

/**
 * A throwaway server (started by the first open()) with one database of the PostgreSQL
 * migrations, and the Worker bound to it as HYPERDRIVE the way `DATABASE_URL=… npm start`
 * binds it; `config` adds to wrangler dev's arguments. npm run bench's and bench:audience's.
 */
export function migratedPostgres(database) {
  let server;
  let url;
  // wrangler dev still declares the D1 binding; with HYPERDRIVE bound the store never opens it.
  const persist = mkdtempSync(join(tmpdir(), "bench-pg-d1-"));
  return {
    /** The database's URL, the server started and migrated if it was not yet. */
    async open() {
      if (!server) {
        server = await startPostgres();
        url = await server.createDatabase(database);
        await migratePostgres(url);
      }
      return url;
    },
    startWorker: (config = []) =>
      startWorker({ persist, store: "postgres", config: ["--config", writePostgresConfig(), ...config], env: { [HYPERDRIVE_URL_VARIABLE]: url } }),
    async close() {
      await server?.stop();
      rmSync(persist, { recursive: true, force: true });
    },
  };
}

export function postgresBackend(vars) {
  const db = migratedPostgres("bench");
  let url;
  let seeded = 0;
  return {
    name: "PostgreSQL 15 (local, through the Hyperdrive binding)",
    async prepare(count) {
      const started = performance.now();
      url = await db.open();
      await withClient(url, async (client) => {
        await seed(client, seeded, count, vars);
        for (const statement of benchSendsSql(Math.min(count, SENT_TO))) await client.query(statement);
        await client.query("VACUUM ANALYZE sends");
      });
      seeded = count;
      return `seeded in ${((performance.now() - started) / 1000).toFixed(1)} s (a throwaway server)`;
    },
    startWorker: () => db.startWorker(),
    /** The database's URL while the server runs, for a look at its plans. */
    url: () => url,
    close: () => db.close(),
  };
}

export async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Adds contacts from..to-1 as D1's seed writes them, through plain INSERTs so that the
 * ledger's triggers write consent_states as they do for any event; then VACUUM ANALYZE, as
 * autovacuum would before long, so the planner sees the list it has.
 */
async function seed(client, from, to, vars) {
  const now = new Date().toISOString();
  for (let start = from; start < to; start += ROWS_PER_INSERT) {
    const rows = benchContacts(start, Math.min(start + ROWS_PER_INSERT, to), vars.ADDRESS_HASH_KEY);
    const events = rows.filter((c) => c.status);
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO contacts (id, email, email_hash, locale, created_at, updated_at)
       SELECT id, email, email_hash, 'kk', $4, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, email, email_hash)`,
      [rows.map((c) => c.id), rows.map((c) => c.email), rows.map((c) => c.emailHash), now],
    );
    await client.query(
      `INSERT INTO consent_events (id, contact_id, topic, channel, status, source, occurred_at, recorded_at, policy_version, locale, actor, evidence)
       SELECT id, contact_id, $4, 'email', status, 'import', $5, $5, $6, 'kk', 'bench', '{}'
       FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, contact_id, status)`,
      [events.map((c) => c.eventId), events.map((c) => c.id), events.map((c) => c.status), BENCH_TOPIC, now, policyVersion()],
    );
    // The triggers' work, checked: one state per event, as a fresh contact's first event makes.
    const { rows: [states] } = await client.query("SELECT count(*)::int AS n FROM consent_states WHERE contact_id = ANY($1::text[])", [
      rows.map((c) => c.id),
    ]);
    if (states.n !== events.length) throw new Error(`the ledger's triggers wrote ${states.n} states for ${events.length} events`);
    await client.query("COMMIT");
  }
  const { rows: [contacts] } = await client.query("SELECT count(*)::int AS n FROM contacts");
  if (contacts.n !== to) throw new Error(`seeding left ${contacts.n} contacts, not ${to}`);
  await client.query("VACUUM ANALYZE contacts, consent_events, consent_states");
}
