// Synthetic contacts for the benchmark, written as one SQL file for `wrangler d1 execute`.
// Addresses are made up (bench-<n>@example.kz); their keyed hashes use the same HMAC as the
// Worker (src/crypto/address-hash.ts) so suppression lookups behave as in production.
import { createHmac } from "node:crypto";
import { writeFileSync } from "node:fs";

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
 * Writes `count` contacts; 90% granted the bench topic on email, 5% withdrew it, 5% have
 * no record at all (blocked as no_consent), so the decision takes every path it takes in life.
 */
export function writeSeedSql(path, { count, addressHashKey, policyVersion }) {
  const hash = (value) => createHmac("sha256", addressHashKey).update(`email:${value}`).digest("hex");
  const now = new Date().toISOString();
  const lines = [];
  for (let start = 0; start < count; start += ROWS_PER_INSERT) {
    const contacts = [];
    const events = [];
    for (let n = start; n < Math.min(start + ROWS_PER_INSERT, count); n++) {
      const id = benchContactId(n);
      const email = benchEmail(n);
      contacts.push(`('${id}','${email}','${hash(email)}','kk','${now}','${now}')`);
      const status = n % 20 === 0 ? null : n % 20 === 1 ? "withdrawn" : "granted";
      if (status) {
        events.push(
          `('ce_bench${n}','${id}','${BENCH_TOPIC}','email','${status}','import','${now}','${now}','${policyVersion}','kk','bench','{}')`,
        );
      }
    }
    lines.push(`INSERT INTO contacts (id, email, email_hash, locale, created_at, updated_at) VALUES ${contacts.join(",")};`);
    if (events.length) {
      lines.push(
        `INSERT INTO consent_events (id, contact_id, topic, channel, status, source, occurred_at, recorded_at, policy_version, locale, actor, evidence) VALUES ${events.join(",")};`,
      );
    }
  }
  writeFileSync(path, lines.join("\n") + "\n");
}
