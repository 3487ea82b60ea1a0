// The audience benchmark's data (npm run bench:audience): bench contacts (seed.mjs's ids and
// addresses) with a ledger of EVENTS_PER_CONTACT events each, spread over SPAN_DAYS days
// before now, of every kind the day counts keep (grants, withdrawals, complaints, hard
// bounces) on every topic and the channels it uses; and SENDS_PER_CONTACT newsletter emails
// sent to each. Written as one SQL file for `wrangler d1 execute`; the ledger's triggers
// write the states and the day counts' deltas as they do for an import.
import { closeSync, openSync, writeSync } from "node:fs";
import { benchContacts } from "./seed.mjs";

export const EVENTS_PER_CONTACT = 10;
export const SENDS_PER_CONTACT = 3;
export const SPAN_DAYS = 120;
const ROWS_PER_INSERT = 500;
const DAY = 86_400_000;

const SCOPES = [
  ["newsletter", "email"], ["event_invitations", "email"], ["event_invitations", "sms"], ["advertising", "email"],
  ["surveys_research", "telegram"], ["service_updates", "whatsapp"], ["offers_prices", "email"], ["*", "email"], ["partner_offers", "sms"], ["*", "*"],
];

/** Event k of contact n: its scope, status, source and when it occurred (deterministic, so reruns make the same ledger). */
function eventOf(n, k, now) {
  const [topic, channel] = SCOPES[(n + k) % SCOPES.length];
  const roll = (n * 31 + k * 17) % 1000;
  const [status, source] =
    channel === "email" && topic === "*" && roll < 4 ? ["withdrawn", "complaint"]
    : channel === "email" && topic === "*" && roll < 12 ? ["suppressed", "bounce"]
    : roll < 700 ? ["granted", "web_form"]
    : ["withdrawn", "api"];
  // Older events first for each contact, so its states end on its latest choice.
  const daysAgo = SPAN_DAYS - 1 - Math.floor(((n % 97) * EVENTS_PER_CONTACT + k) * SPAN_DAYS / (97 * EVENTS_PER_CONTACT));
  return { topic, channel, status, source, occurredAt: new Date(now - daysAgo * DAY - ((n * 7919) % 36_000) * 1000).toISOString() };
}

/** Writes contacts 0..count-1, their ledgers and sends; answers the rows written. */
export function writeAudienceSeedSql(path, { count, addressHashKey, policyVersion }) {
  const now = Date.now();
  const recorded = new Date(now).toISOString();
  const file = openSync(path, "w");
  let events = 0;
  let sends = 0;
  try {
    for (let start = 0; start < count; start += ROWS_PER_INSERT / EVENTS_PER_CONTACT) {
      const rows = benchContacts(start, Math.min(start + ROWS_PER_INSERT / EVENTS_PER_CONTACT, count), addressHashKey);
      const contacts = rows.map((c) => `('${c.id}','${c.email}','${c.emailHash}','kk','${recorded}','${recorded}')`);
      writeSync(file, `INSERT INTO contacts (id, email, email_hash, locale, created_at, updated_at) VALUES ${contacts.join(",")};\n`);
      const ledger = [];
      const sent = [];
      rows.forEach((c, i) => {
        const n = start + i;
        for (let k = 0; k < EVENTS_PER_CONTACT; k++) {
          const e = eventOf(n, k, now);
          ledger.push(`('ce_aud${n}_${k}','${c.id}','${e.topic}','${e.channel}','${e.status}','${e.source}','${e.occurredAt}','${recorded}','${policyVersion}','kk','bench','{}')`);
        }
        for (let s = 0; s < SENDS_PER_CONTACT; s++) {
          const at = new Date(now - ((n + s * 29) % 89) * DAY - 3_600_000).toISOString();
          sent.push(`('${c.id}','email','${at}','newsletter','cm_bench${s}')`);
        }
      });
      writeSync(file,
        `INSERT INTO consent_events (id, contact_id, topic, channel, status, source, occurred_at, recorded_at, policy_version, locale, actor, evidence) VALUES ${ledger.join(",")};\n`);
      writeSync(file, `INSERT INTO sends (contact_id, channel, sent_at, topic, origin) VALUES ${sent.join(",")};\n`);
      events += ledger.length;
      sends += sent.length;
    }
  } finally {
    closeSync(file);
  }
  return { events, sends };
}
