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
