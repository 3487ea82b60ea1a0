import type { Contact } from "../../consent/types";
import { CONTACT_COLUMNS, ERASURE_COLUMNS, LEDGER_EVENT_COLUMNS, toErasure, toLedgerEvent, type ErasureRow, type LedgerEventRow } from "../rows";
import type { ConsentBeforeVersion, ConsentLedger, ExpiringGrant, ExpiringQuery } from "../types";
import type { Database } from "./database";

// Twins of src/store/d1/proof.ts.

/** The proof of consent for one contact: one snapshot, so contact, state and ledger agree. */
export async function getConsentLedger(db: Database, contactId: string): Promise<ConsentLedger | undefined> {
  const [contact, states, events, suppressions, erasure] = await db.transaction(async (tx) => {
    return [
      await tx.first<Contact>(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE id = $1`, contactId),
      await tx.all<ConsentLedger["states"][number]>(
        `SELECT s.topic, s.channel, s.status, s.occurred_at AS "occurredAt", e.id AS "eventId", e.source
         FROM consent_states s JOIN consent_events e ON e.seq = s.event_seq
         WHERE s.contact_id = $1 AND s.status <> 'cleared' ORDER BY s.topic COLLATE "C", s.channel COLLATE "C"`,
        contactId,
      ),
      await tx.all<LedgerEventRow>(`SELECT ${LEDGER_EVENT_COLUMNS} FROM consent_events WHERE contact_id = $1 ORDER BY seq`, contactId),
      await tx.all<ConsentLedger["suppressions"][number]>(
        `SELECT CASE WHEN x.address_hash = c.email_hash THEN 'email' ELSE 'phone' END AS address,
           x.channel, x.reason, x.created_at AS "createdAt"
         FROM contacts c JOIN suppressions x ON x.address_hash IN (c.email_hash, c.phone_hash)
         WHERE c.id = $1 ORDER BY x.created_at COLLATE "C", x.channel COLLATE "C"`,
        contactId,
      ),
      await tx.first<ErasureRow>(`SELECT ${ERASURE_COLUMNS} FROM erasures WHERE contact_id = $1`, contactId),
    ] as const;
  }, { snapshot: true });
  if (!contact) return undefined;
  return { contact, states, events: events.map(toLedgerEvent), suppressions, erasure: erasure && toErasure(erasure) };
}

/**
 * Contacts whose latest grant (by occurredAt, then seq) has a policy version before
 * `before`, in id order from the cursor. Ids and versions compare byte by byte (COLLATE
 * "C"), as on D1, whatever the database's collation.
 */
export function listConsentsBefore(db: Database, query: { before: string; after: string | undefined; limit: number }): Promise<ConsentBeforeVersion[]> {
  return db.all<ConsentBeforeVersion>(
    `SELECT c.id, e.occurred_at AS "lastConsentAt", e.policy_version AS "policyVersion"
     FROM contacts c JOIN consent_events e ON e.seq = (
       SELECT g.seq FROM consent_events g WHERE g.contact_id = c.id AND g.status = 'granted'
       ORDER BY g.occurred_at COLLATE "C" DESC, g.seq DESC LIMIT 1)
     WHERE c.erased_at IS NULL AND c.id COLLATE "C" > $2 AND e.policy_version COLLATE "C" < $1
     ORDER BY c.id COLLATE "C" LIMIT $3`,
    query.before,
    query.after ?? "",
    query.limit,
  );
}

/** A current grant of a topic with a lifespan, older than its cutoff, that still counts (ExpiringQuery); text compared byte by byte. */
const EXPIRING = `s.status = 'granted' AND s.topic = l.topic AND s.occurred_at COLLATE "C" < l.cutoff
  AND NOT EXISTS (SELECT 1 FROM consent_states w WHERE w.contact_id = s.contact_id AND w.status = 'withdrawn'
    AND ((w.topic = '*' AND w.channel IN ('*', s.channel)) OR (w.topic = s.topic AND w.channel = '*')))
  AND NOT EXISTS (SELECT 1 FROM consent_states f WHERE f.contact_id = s.contact_id AND f.topic = s.topic AND f.channel = '*'
    AND f.status = 'granted' AND f.occurred_at COLLATE "C" >= l.cutoff)`;

/** Grants expiring before a date, in contact id order from the cursor (store.listExpiringGrants). */
export function listExpiringGrants(db: Database, query: ExpiringQuery): Promise<ExpiringGrant[]> {
  return db.all<ExpiringGrant>(
    `WITH l AS (SELECT * FROM unnest($1::text[], $2::text[]) AS l(topic, cutoff)),
     page AS (
       SELECT c.id FROM contacts c
       WHERE c.erased_at IS NULL AND c.id COLLATE "C" > $3 AND EXISTS (SELECT 1 FROM consent_states s, l WHERE s.contact_id = c.id AND ${EXPIRING})
       ORDER BY c.id COLLATE "C" LIMIT $4)
     SELECT s.contact_id AS id, s.topic, s.channel, s.occurred_at AS "grantedAt"
     FROM page JOIN consent_states s ON s.contact_id = page.id CROSS JOIN l
     WHERE ${EXPIRING}
     ORDER BY s.contact_id COLLATE "C", s.topic COLLATE "C", s.channel COLLATE "C"`,
    query.cutoffs.map((c) => c.topic),
    query.cutoffs.map((c) => c.grantedBefore),
    query.after ?? "",
    query.limit,
  );
}
