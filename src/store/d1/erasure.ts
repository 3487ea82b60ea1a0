import { SERVICE_SOURCES } from "../../consent/sources";
import type { ErasureRecord } from "../../consent/types";
import { newId } from "../../ids";
import { ERASURE_COLUMNS, EVIDENCE_KEPT_THROUGH_ERASURE, SUPPRESSION_EVIDENCE_KEPT_THROUGH_ERASURE, toErasure, type ErasureRow } from "../rows";
import type { EraseResult } from "../types";

/** Runs only once statement 1 has written this erasure's row (?1): a second erasure does nothing. */
const THIS_ERASURE = "EXISTS (SELECT 1 FROM erasures WHERE id = ?1)";

/**
 * Erases a contact in one D1 batch, which D1 runs as one transaction (docs/erasure.md).
 * The ledger's append-only trigger (migration 0010) accepts the update below, which only
 * takes evidence away, and only once the erasures row exists.
 */
export async function eraseContact(db: D1Database, contactId: string, apiKeyId: string): Promise<EraseResult> {
  const id = newId("er");
  const now = new Date().toISOString();
  const statements = [
    db
      .prepare(
        `INSERT INTO erasures (id, contact_id, erased_at, api_key_id, ledger_events, addresses)
         SELECT ?1, c.id, ?3, ?4, (SELECT count(*) FROM consent_events e WHERE e.contact_id = c.id),
           CASE WHEN c.email_hash IS NOT NULL AND c.phone_hash IS NOT NULL THEN '["email","phone"]'
                WHEN c.email_hash IS NOT NULL THEN '["email"]' WHEN c.phone_hash IS NOT NULL THEN '["phone"]' ELSE '[]' END
         FROM contacts c WHERE c.id = ?2 AND c.erased_at IS NULL`,
      )
      .bind(id, contactId, now, apiKeyId),
    // Channel "*": the address is blocked everywhere; an earlier suppression of it on "*" becomes this one.
    db
      .prepare(
        `INSERT INTO suppressions (address_hash, channel, reason, created_at, evidence)
         SELECT h.hash, '*', 'erased', ?3, json_object('erasure', ?1)
         FROM (SELECT email_hash AS hash FROM contacts WHERE id = ?2 UNION ALL SELECT phone_hash FROM contacts WHERE id = ?2) AS h
         WHERE h.hash IS NOT NULL AND ${THIS_ERASURE}
         ON CONFLICT (address_hash, channel) DO UPDATE SET reason = 'erased', created_at = excluded.created_at, evidence = excluded.evidence`,
      )
      .bind(id, contactId, now),
    db
      .prepare(
        `UPDATE suppressions SET evidence = json_patch(evidence,
           (SELECT json_group_object(j.key, NULL) FROM json_each(suppressions.evidence) AS j WHERE j.key NOT IN (SELECT value FROM json_each(?3))))
         WHERE address_hash IN (SELECT email_hash FROM contacts WHERE id = ?2 UNION ALL SELECT phone_hash FROM contacts WHERE id = ?2)
           AND ${THIS_ERASURE}`,
      )
      .bind(id, contactId, JSON.stringify(SUPPRESSION_EVIDENCE_KEPT_THROUGH_ERASURE)),
    // json_patch removes the members its patch sets to null and leaves the others as they are, types included.
    db
      .prepare(
        `UPDATE consent_events SET locale = NULL, evidence = json_set(json_patch(evidence,
           (SELECT json_group_object(j.key, NULL) FROM json_each(consent_events.evidence) AS j
            WHERE NOT (consent_events.source IN (SELECT value FROM json_each(?3))
                       AND j.key IN (SELECT value FROM json_each(?4))))), '$.erased', json('true'))
         WHERE contact_id = ?2 AND ${THIS_ERASURE}`,
      )
      .bind(id, contactId, JSON.stringify(SERVICE_SOURCES), JSON.stringify(EVIDENCE_KEPT_THROUGH_ERASURE)),
    // The local outbox (development only) keeps the messages it did not send, addresses included.
    db
      .prepare(`DELETE FROM dev_outbox WHERE to_address IN (SELECT email FROM contacts WHERE id = ?2) AND ${THIS_ERASURE}`)
      .bind(id, contactId),
    // What the frequency caps counted: of no use once the person is gone.
    db.prepare(`DELETE FROM sends WHERE contact_id = ?2 AND ${THIS_ERASURE}`).bind(id, contactId),
    db
      .prepare(
        `UPDATE contacts SET external_id = NULL, email = NULL, phone = NULL, email_hash = NULL, phone_hash = NULL,
           locale = 'kk', updated_at = ?3, erased_at = ?3
         WHERE id = ?2 AND ${THIS_ERASURE}`,
      )
      .bind(id, contactId, now),
    db.prepare(`SELECT ${ERASURE_COLUMNS} FROM erasures WHERE id = ?1`).bind(id),
  ];
  const results = await db.batch<ErasureRow>(statements);
  const written = results.at(-1)!.results[0];
  if (written) return { status: "erased", erasure: toErasure(written) };

  const contact = await db.prepare(`SELECT erased_at AS "erasedAt" FROM contacts WHERE id = ?1`).bind(contactId).first<{ erasedAt: string | null }>();
  if (!contact) return { status: "unknown" };
  if (contact.erasedAt === null) throw new Error(`erasure of ${contactId} wrote nothing, yet the contact is not erased`);
  return { status: "already_erased", erasure: await findErasure(db, contactId) };
}

export async function findErasure(db: D1Database, contactId: string): Promise<ErasureRecord | undefined> {
  const row = await db.prepare(`SELECT ${ERASURE_COLUMNS} FROM erasures WHERE contact_id = ?1`).bind(contactId).first<ErasureRow>();
  return row ? toErasure(row) : undefined;
}
