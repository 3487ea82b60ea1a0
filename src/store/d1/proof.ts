import type { Contact } from "../../consent/types";
import type { ConsentBeforeVersion, ConsentLedger } from "../types";
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
