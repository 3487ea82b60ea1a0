import type { RecipientFacts } from "../../consent/decision";
import { windowStarts } from "../../consent/frequency-caps";
import type { AddressHasher } from "../../crypto/address-hash";
import { markErasedAddresses } from "../lookups";
import { addressColumns, capsReachedSql, RECIPIENT_COLUMNS, recipientFacts, type RecipientRow } from "../rows";
import type { RecipientKey, RecipientLookup } from "../types";
import type { Database } from "./database";

// Twin of src/store/d1/recipients.ts.

type Found = Record<RecipientKey, Map<string, RecipientFacts>>;

/**
 * The send check's query: one statement per way of naming recipients, run side by side,
 * each joining the given values (one text[] parameter, unnested with their places) to
 * contacts, with the contact's states for the four scopes that matter, its active pauses
 * and digest choice for them, its suppression for the channel, and the frequency caps it
 * has reached. A row names its value by its place, as on D1.
 */
export async function findRecipients(db: Database, hasher: AddressHasher, { topic, channel, sendAt, values }: RecipientLookup): Promise<Found> {
  const columns = addressColumns(channel);
  const since = windowStarts(sendAt);
  const caps = capsReachedSql(
    { topic: "$2", channel: "$3", day: "$4::text", week: "$5::text", month: "$6::text" },
    (line) => `string_agg(${line}, E'\\n')`,
  );
  const keys = (Object.keys(RECIPIENT_COLUMNS) as RecipientKey[]).filter((key) => values[key].length > 0);
  const results = await Promise.all(
    keys.map((key) =>
      db.all<RecipientRow>(
        `${caps.with}
         SELECT (v.n - 1)::int AS at, c.id AS "contactId", c.locale, (c.erased_at IS NOT NULL)::int AS erased,
           (c.${columns.address} IS NOT NULL)::int AS "hasAddress",
           (SELECT max((x.reason = 'erased')::int) FROM suppressions x WHERE x.address_hash = c.${columns.hash} AND x.channel IN ($3, '*')) AS suppression,
           (SELECT string_agg(s.topic || ' ' || s.channel || ' ' || s.status || ' ' || s.occurred_at, E'\\n') FROM consent_states s
             WHERE s.contact_id = c.id AND s.topic IN ($2, '*') AND s.channel IN ($3, '*')) AS states,
           EXISTS (SELECT 1 FROM consent_events p WHERE p.contact_id = c.id AND p.topic = $2 AND p.channel = $3 AND p.status = 'pending'
             AND NOT EXISTS (SELECT 1 FROM consent_events l WHERE l.contact_id = c.id AND l.topic = $2 AND l.channel = $3 AND l.seq > p.seq))::int AS awaiting,
           ${caps.column},
           (SELECT coalesce(max(CASE WHEN z.kind = 'paused' AND z.topic IN ($2, '*') THEN z.until END COLLATE "C"), '') || ' ' || max((z.kind = 'digest' AND z.topic = $2)::int)
             FROM consent_cadence z WHERE z.contact_id = c.id AND z.channel IN ($3, '*')) AS cadence
         FROM unnest($1::text[]) WITH ORDINALITY AS v(value, n) JOIN contacts c ON c.${RECIPIENT_COLUMNS[key]} = v.value`,
        values[key],
        topic,
        channel,
        since.day,
        since.week,
        since.month,
      ),
    ),
  );
  const found = { email: new Map(), phone: new Map(), externalId: new Map(), contactId: new Map() } as Found;
  keys.forEach((key, i) => {
    for (const row of results[i]!) found[key].set(values[key][row.at]!, recipientFacts(row, channel));
  });
  await markErasedAddresses(hasher, found, values, async (hashes) => {
    const rows = await db.all<{ hash: string }>(
      "SELECT DISTINCT address_hash AS hash FROM suppressions WHERE reason = 'erased' AND address_hash = ANY($1::text[])",
      hashes,
    );
    return new Set(rows.map((row) => row.hash));
  });
  return found;
}
