// Synthetic contacts for the benchmark, the same on both backends: contact n has the id
// benchContactId(n), the address bench-<n>@example.kz (made up) and its keyed hash under the
// Worker's own HMAC (src/crypto/address-hash.ts), so suppression lookups behave as in
// production; its one ledger event, if any, is ce_bench<n>. The ledger's triggers write the
// states on each backend, as they would for an import.
import { createHmac } from "node:crypto";
import { closeSync, openSync, writeSync } from "node:fs";

export const BENCH_TOPIC = "newsletter";
const ROWS_PER_INSERT = 500;

export const benchEmail = (n) => `bench-${n}@example.kz`;

const ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
/** An id in the service's own format (ct_ and 16 base-32 characters), so links can be signed for it. */
export function benchContactId(n) {
  let digits = "";
  for (let rest = n, i = 0; i < 11; i++, rest = Math.floor(rest / 32)) digits = ID_ALPHABET[rest % 32] + digits;
  return `ct_bench${digits}`;
}
/** Matches exactly the ids benchContactId makes. */
export const BENCH_ID_SQL = "id LIKE 'ct\\_bench%' ESCAPE '\\' AND length(id) = 19";

/**
 * 90% granted the bench topic on email, 5% withdrew it, 5% have no record at all (blocked
 * as no_consent), so the decision takes every path it takes in life.
 */
export const benchStatus = (n) => (n % 20 === 0 ? null : n % 20 === 1 ? "withdrawn" : "granted");

/** The rows of contacts from..to-1: { id, email, emailHash, eventId, status } each. */
export function benchContacts(from, to, addressHashKey) {
  const hash = (value) => createHmac("sha256", addressHashKey).update(`email:${value}`).digest("hex");
  return Array.from({ length: to - from }, (_, i) => {
    const n = from + i;
    const email = benchEmail(n);
    return { id: benchContactId(n), email, emailHash: hash(email), eventId: `ce_bench${n}`, status: benchStatus(n) };
  });
}

/** Writes contacts 0..count-1 and their events as one SQL file for `wrangler d1 execute`. */
export function writeSeedSql(path, { count, addressHashKey, policyVersion }) {
  const now = new Date().toISOString();
  const file = openSync(path, "w");
  try {
    for (let start = 0; start < count; start += ROWS_PER_INSERT) {
      const rows = benchContacts(start, Math.min(start + ROWS_PER_INSERT, count), addressHashKey);
      const contacts = rows.map((c) => `('${c.id}','${c.email}','${c.emailHash}','kk','${now}','${now}')`);
      const events = rows
        .filter((c) => c.status)
        .map((c) => `('${c.eventId}','${c.id}','${BENCH_TOPIC}','email','${c.status}','import','${now}','${now}','${policyVersion}','kk','bench','{}')`);
      writeSync(file, `INSERT INTO contacts (id, email, email_hash, locale, created_at, updated_at) VALUES ${contacts.join(",")};\n`);
      if (events.length) {
        writeSync(file,
          `INSERT INTO consent_events (id, contact_id, topic, channel, status, source, occurred_at, recorded_at, policy_version, locale, actor, evidence) VALUES ${events.join(",")};\n`);
      }
    }
  } finally {
    closeSync(file);
  }
}

/**
 * The contacts (f) checks with frequency caps set: 10,000 from here, below the last 10,000
 * (who click unsubscribe) of the 100,000. Like every contact of the table they have
 * SENDS_EACH sends to count, an hour apart before the run, written with the contacts
 * (benchSendsSql) rather than by committed checks during it: sends written a moment before
 * sit in SQLite's write-ahead log, which local D1 reads more slowly than its file, and made
 * the caps look dearer than they are (1.27x the check without instead of 1.12x, in a pair).
 */
export const CAPPED_FROM = 70_000;
export const SENDS_EACH = 3;

/** Contacts with sends: the 100,000 of the table (the scale line's other 900,000 have none). */
export const SENT_TO = 100_000;

/**
 * SQL, the same on both backends, replacing every bench contact's sends (earlier runs',
 * bench:campaign's) with SENDS_EACH for each of the first `count` contacts, as if three
 * campaigns had gone to everyone in the last hours: the sends table a check with caps reads
 * has its size in life, the database is the same at every run, and it stops growing.
 */
export function benchSendsSql(count, now = Date.now()) {
  const rows = [];
  for (let n = 0; n < count; n++) {
    for (let k = 1; k <= SENDS_EACH; k++) rows.push(`('${benchContactId(n)}','email','${new Date(now - k * 3_600_000).toISOString()}','${BENCH_TOPIC}','bench')`);
  }
  const statements = ["DELETE FROM sends WHERE contact_id LIKE 'ct\\_bench%' ESCAPE '\\'"];
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    statements.push(`INSERT INTO sends (contact_id, channel, sent_at, topic, origin) VALUES ${rows.slice(start, start + ROWS_PER_INSERT).join(",")}`);
  }
  return statements;
}
