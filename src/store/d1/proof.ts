import type { Contact } from "../../consent/types";
import type { ConsentBeforeVersion, ConsentLedger, ExpiringGrant, ExpiringQuery } from "../types";
import { CONTACT_COLUMNS, ERASURE_COLUMNS, LEDGER_EVENT_COLUMNS, toErasure, toLedgerEvent, type ErasureRow, type LedgerEventRow } from "../rows";

/** The proof of consent for one contact: one batch, so contact, state and ledger agree. */
export async function getConsentLedger(db: D1Database, contactId: string): Promise<ConsentLedger | undefined> {
  const [contacts, states, events, suppressions, erasures] = await db.batch([
    db.prepare(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE id = ?1`).bind(contactId),
    db
      .prepare(
        `SELECT s.topic, s.channel, s.status, s.occurred_at AS "occurredAt", e.id AS "eventId", e.source
         FROM consent_states s JOIN consent_events e ON e.seq = s.event_seq
         WHERE s.contact_id = ?1 AND s.status <> 'cleared' ORDER BY s.topic, s.channel`,
      )
      .bind(contactId),
    db
      .prepare(
        `SELECT ${LEDGER_EVENT_COLUMNS} FROM consent_events WHERE contact_id = ?1 ORDER BY seq`,
      )
      .bind(contactId),
    db
      .prepare(
        `SELECT CASE WHEN x.address_hash = c.email_hash THEN 'email' ELSE 'phone' END AS address,
           x.channel, x.reason, x.created_at AS "createdAt"
         FROM contacts c JOIN suppressions x ON x.address_hash IN (c.email_hash, c.phone_hash)
         WHERE c.id = ?1 ORDER BY x.created_at, x.channel`,
      )
      .bind(contactId),
    db.prepare(`SELECT ${ERASURE_COLUMNS} FROM erasures WHERE contact_id = ?1`).bind(contactId),
  ]);
  const contact = contacts!.results[0] as Contact | undefined;
  if (!contact) return undefined;
  const erasure = erasures!.results[0] as ErasureRow | undefined;
  return {
    contact,
    states: states!.results as ConsentLedger["states"],
    events: (events!.results as LedgerEventRow[]).map(toLedgerEvent),
    suppressions: suppressions!.results as ConsentLedger["suppressions"],
    erasure: erasure && toErasure(erasure),
  };
}

/**
 * Contacts whose latest grant (by occurredAt, then seq) has a policy version before
 * `before`. Walks contacts in id order from the cursor; each contact's grants come from
 * the (contact_id, seq) index, so a page costs one short index range per contact passed.
 */
export async function listConsentsBefore(
  db: D1Database,
  query: { before: string; after: string | undefined; limit: number },
): Promise<ConsentBeforeVersion[]> {
  const { results } = await db
    .prepare(
      `SELECT c.id, e.occurred_at AS "lastConsentAt", e.policy_version AS "policyVersion"
       FROM contacts c JOIN consent_events e ON e.seq = (
         SELECT g.seq FROM consent_events g WHERE g.contact_id = c.id AND g.status = 'granted'
         ORDER BY g.occurred_at DESC, g.seq DESC LIMIT 1)
       WHERE c.erased_at IS NULL AND c.id > ?2 AND e.policy_version < ?1
       ORDER BY c.id LIMIT ?3`,
    )
    .bind(query.before, query.after ?? "", query.limit)
    .all<ConsentBeforeVersion>();
  return results;
}

/** A current grant of a topic with a lifespan, older than its cutoff, that still counts (ExpiringQuery). */
const EXPIRING = `s.status = 'granted' AND s.topic = l.topic AND s.occurred_at < l.cutoff
  AND NOT EXISTS (SELECT 1 FROM consent_states w WHERE w.contact_id = s.contact_id AND w.status = 'withdrawn'
    AND ((w.topic = '*' AND w.channel IN ('*', s.channel)) OR (w.topic = s.topic AND w.channel = '*')))
  AND NOT EXISTS (SELECT 1 FROM consent_states f WHERE f.contact_id = s.contact_id AND f.topic = s.topic AND f.channel = '*'
    AND f.status = 'granted' AND f.occurred_at >= l.cutoff)`;

/**
 * Grants expiring before a date (store.listExpiringGrants). Walks contacts in id order from
 * the cursor, each contact's states by the (contact_id, topic, channel) key, as
 * listConsentsBefore does; the topics' cutoffs are one JSON parameter.
 */
export async function listExpiringGrants(db: D1Database, query: ExpiringQuery): Promise<ExpiringGrant[]> {
  const { results } = await db
    .prepare(
      `WITH l AS (SELECT json_extract(value, '$.topic') AS topic, json_extract(value, '$.grantedBefore') AS cutoff FROM json_each(?1)),
       page AS (
         SELECT c.id FROM contacts c
         WHERE c.erased_at IS NULL AND c.id > ?2 AND EXISTS (SELECT 1 FROM consent_states s JOIN l WHERE s.contact_id = c.id AND ${EXPIRING})
         ORDER BY c.id LIMIT ?3)
       SELECT s.contact_id AS id, s.topic, s.channel, s.occurred_at AS "grantedAt"
       FROM page JOIN consent_states s ON s.contact_id = page.id JOIN l
       WHERE ${EXPIRING}
       ORDER BY s.contact_id, s.topic, s.channel`,
    )
    .bind(JSON.stringify(query.cutoffs), query.after ?? "", query.limit)
    .all<ExpiringGrant>();
  return results;
}
