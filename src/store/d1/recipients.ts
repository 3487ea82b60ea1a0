import type { RecipientFacts } from "../../consent/decision";
import { windowStarts } from "../../consent/frequency-caps";
import type { AddressHasher } from "../../crypto/address-hash";
import { markErasedAddresses } from "../lookups";
import { addressColumns, capsReachedSql, RECIPIENT_COLUMNS, recipientFacts, type RecipientRow } from "../rows";
import type { RecipientKey, RecipientLookup } from "../types";

type Found = Record<RecipientKey, Map<string, RecipientFacts>>;

/**
 * The send check's query. One query per way of naming recipients, all in one round trip:
 * each joins the given values (as a JSON array, so 10,000 of them are one bound parameter)
 * to contacts, with the contact's states for the four scopes that matter, its active
 * pauses and digest choice for them (primary-key lookups), its suppression for the channel,
 * and the frequency caps it has reached. A row names its value by its place in the
 * array (json_each's key), which is shorter than the value itself: rows cross from D1 into
 * the Worker as JSON, and their bytes are much of what a 10,000-row answer costs.
 */
export async function findRecipients(db: D1Database, hasher: AddressHasher, { topic, channel, sendAt, values }: RecipientLookup): Promise<Found> {
  const columns = addressColumns(channel);
  const since = windowStarts(sendAt);
  const caps = capsReachedSql({ topic: "?2", channel: "?3", day: "?4", week: "?5", month: "?6" }, (line) => `group_concat(${line}, char(10))`);
  const keys = (Object.keys(RECIPIENT_COLUMNS) as RecipientKey[]).filter((key) => values[key].length > 0);
  const statements = keys.map((key) =>
    db
      .prepare(
        `${caps.with}
         SELECT j.key AS at, c.id AS "contactId", c.locale AS locale, c.erased_at IS NOT NULL AS erased, c.${columns.address} IS NOT NULL AS "hasAddress",
           (SELECT max(x.reason = 'erased') FROM suppressions x WHERE x.address_hash = c.${columns.hash} AND x.channel IN (?3, '*')) AS suppression,
           (SELECT group_concat(s.topic || ' ' || s.channel || ' ' || s.status || ' ' || s.occurred_at, char(10)) FROM consent_states s
             WHERE s.contact_id = c.id AND +s.topic IN (?2, '*') AND +s.channel IN (?3, '*')) AS states,
           EXISTS (SELECT 1 FROM consent_events p WHERE p.contact_id = c.id AND p.topic = ?2 AND p.channel = ?3 AND p.status = 'pending'
             AND NOT EXISTS (SELECT 1 FROM consent_events l WHERE l.contact_id = c.id AND l.topic = ?2 AND l.channel = ?3 AND l.seq > p.seq)) AS awaiting,
           ${caps.column},
           (SELECT coalesce(max(CASE WHEN z.kind = 'paused' AND z.topic IN (?2, '*') THEN z.until END), '') || ' ' || max(z.kind = 'digest' AND z.topic = ?2)
             FROM consent_cadence z WHERE z.contact_id = c.id AND z.channel IN (?3, '*')) AS cadence
         FROM json_each(?1) j JOIN contacts c ON c.${RECIPIENT_COLUMNS[key]} = j.value`,
      )
      .bind(JSON.stringify(values[key]), topic, channel, since.day, since.week, since.month),
  );
  const found = { email: new Map(), phone: new Map(), externalId: new Map(), contactId: new Map() } as Found;
  if (statements.length === 0) return found;
  const results = await db.batch<RecipientRow>(statements);
  keys.forEach((key, i) => {
    for (const row of results[i]!.results) found[key].set(values[key][row.at]!, recipientFacts(row, channel));
  });
  await markErasedAddresses(hasher, found, values, (hashes) => findErasedAddresses(db, hashes));
  return found;
}

async function findErasedAddresses(db: D1Database, hashes: string[]): Promise<Set<string>> {
  const { results } = await db
    .prepare(
      `SELECT DISTINCT address_hash AS hash FROM suppressions
       WHERE reason = 'erased' AND address_hash IN (SELECT value FROM json_each(?1))`,
    )
    .bind(JSON.stringify(hashes))
    .all<{ hash: string }>();
  return new Set(results.map((row) => row.hash));
}
