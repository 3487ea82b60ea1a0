import { addressKindOf } from "../../consent/channels";
import { scopeKey, type RecipientFacts } from "../../consent/decision";
import { localeOf } from "../../consent/locales";
import type { ConsentStatus } from "../../consent/sources";
import type { AddressHasher } from "../../crypto/address-hash";
import type { RecipientKey, RecipientLookup } from "../types";

const RECIPIENT_COLUMNS: Record<RecipientKey, string> = {
  email: "email",
  phone: "phone",
  externalId: "external_id",
  contactId: "id",
};

type Found = Record<RecipientKey, Map<string, RecipientFacts>>;

/**
 * The send check's query. One query per way of naming recipients, all in one round trip:
 * each joins the given values (as a JSON array, so 10,000 of them are one bound parameter)
 * to contacts, with the contact's states for the four scopes that matter and its
 * suppression for the channel.
 */
export async function findRecipients(db: D1Database, hasher: AddressHasher, { topic, channel, values }: RecipientLookup): Promise<Found> {
  const hashColumn = addressKindOf(channel) === "email" ? "email_hash" : "phone_hash";
  const addressColumn = addressKindOf(channel);
  const keys = (Object.keys(RECIPIENT_COLUMNS) as RecipientKey[]).filter((key) => values[key].length > 0);
  const statements = keys.map((key) =>
    db
      .prepare(
        `SELECT j.value AS value, c.id AS contactId, c.locale AS locale, c.erased_at IS NOT NULL AS erased, c.${addressColumn} IS NOT NULL AS hasAddress,
           (SELECT max(x.reason = 'erased') FROM suppressions x WHERE x.address_hash = c.${hashColumn} AND x.channel IN (?3, '*')) AS suppression,
           (SELECT group_concat(s.topic || ' ' || s.channel || ' ' || s.status, char(10)) FROM consent_states s
             WHERE s.contact_id = c.id AND s.topic IN (?2, '*') AND s.channel IN (?3, '*')) AS states,
           EXISTS (SELECT 1 FROM consent_events p WHERE p.contact_id = c.id AND p.topic = ?2 AND p.channel = ?3 AND p.status = 'pending'
             AND NOT EXISTS (SELECT 1 FROM consent_events l WHERE l.contact_id = c.id AND l.topic = ?2 AND l.channel = ?3 AND l.seq > p.seq)) AS awaiting
         FROM json_each(?1) j JOIN contacts c ON c.${RECIPIENT_COLUMNS[key]} = j.value`,
      )
      .bind(JSON.stringify(values[key]), topic, channel),
  );
  const found = { email: new Map(), phone: new Map(), externalId: new Map(), contactId: new Map() } as Found;
  if (statements.length === 0) return found;
  const results = await db.batch<RecipientRow>(statements);
  keys.forEach((key, i) => {
    for (const row of results[i]!.results) found[key].set(row.value, toFacts(row));
  });
  await markErasedAddresses(db, hasher, found, values);
  return found;
}

/** An address nobody has any more may be one an erased person had: that is "erased", not "unknown". */
async function markErasedAddresses(db: D1Database, hasher: AddressHasher, found: Found, values: Record<RecipientKey, string[]>) {
  const unknown: { kind: "email" | "phone"; value: string; hash: string }[] = [];
  for (const kind of ["email", "phone"] as const) {
    for (const value of new Set(values[kind])) {
      if (!found[kind].has(value)) unknown.push({ kind, value, hash: await hasher.hash(kind, value) });
    }
  }
  const erased = await findErasedAddresses(db, unknown.map((u) => u.hash));
  for (const u of unknown) if (erased.has(u.hash)) found[u.kind].set(u.value, { found: false, erased: true });
}

async function findErasedAddresses(db: D1Database, hashes: string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const { results } = await db
    .prepare(
      `SELECT DISTINCT address_hash AS hash FROM suppressions
       WHERE reason = 'erased' AND address_hash IN (SELECT value FROM json_each(?1))`,
    )
    .bind(JSON.stringify(hashes))
    .all<{ hash: string }>();
  return new Set(results.map((row) => row.hash));
}

interface RecipientRow {
  value: string;
  contactId: string;
  locale: string;
  erased: number;
  hasAddress: number;
  /** null: none; 0: suppressed (bounce, complaint); 1: an erased person's address, until a new grant lifts it (0006). */
  suppression: number | null;
  states: string | null;
  awaiting: number;
}

function toFacts(row: RecipientRow): RecipientFacts {
  const states = new Map<string, ConsentStatus>();
  for (const line of row.states?.split("\n") ?? []) {
    const [topic = "", channel = "", status] = line.split(" ");
    states.set(scopeKey(topic, channel), status as ConsentStatus);
  }
  const erased = row.erased === 1 || row.suppression === 1;
  return { found: true, contactId: row.contactId, locale: localeOf(row.locale), erased, hasAddress: row.hasAddress === 1, suppressed: row.suppression !== null, states, awaitingConfirmation: row.awaiting === 1 };
}
