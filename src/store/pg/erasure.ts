import { SERVICE_SOURCES } from "../../consent/sources";
import type { ErasureRecord } from "../../consent/types";
import { newId } from "../../ids";
import { ERASURE_COLUMNS, EVIDENCE_KEPT_THROUGH_ERASURE, SUPPRESSION_EVIDENCE_KEPT_THROUGH_ERASURE, toErasure, type ErasureRow } from "../rows";
import type { EraseResult } from "../types";
import type { Database } from "./database";
import { lockContact } from "./ledger";

// Twin of src/store/d1/erasure.ts.

/**
 * Erases a contact in one transaction (docs/erasure.md), once: the contact's row is taken
 * first, so a write in flight for it finishes before, and none starts after. The ledger's
 * append-only trigger accepts the update below, which only takes evidence away, and only
 * once the erasures row exists.
 */
export async function eraseContact(db: Database, contactId: string, apiKeyId: string): Promise<EraseResult> {
  const id = newId("er");
  const now = new Date().toISOString();
  const written = await db.transaction(async (tx) => {
    if (!(await lockContact(tx, contactId))) return undefined;
    const addresses = "(SELECT email_hash AS hash FROM contacts WHERE id = $1 UNION ALL SELECT phone_hash FROM contacts WHERE id = $1)";
    const erasure = await tx.first<ErasureRow>(
      `INSERT INTO erasures (id, contact_id, erased_at, api_key_id, ledger_events, addresses)
       SELECT $1, c.id, $3, $4, (SELECT count(*) FROM consent_events e WHERE e.contact_id = c.id),
         CASE WHEN c.email_hash IS NOT NULL AND c.phone_hash IS NOT NULL THEN '["email","phone"]'
              WHEN c.email_hash IS NOT NULL THEN '["email"]' WHEN c.phone_hash IS NOT NULL THEN '["phone"]' ELSE '[]' END
       FROM contacts c WHERE c.id = $2
       RETURNING ${ERASURE_COLUMNS}`,
      id,
      contactId,
      now,
      apiKeyId,
    );
    // Channel "*": the address is blocked everywhere; an earlier suppression of it on "*" becomes this one.
    await tx.run(
      `INSERT INTO suppressions (address_hash, channel, reason, created_at, evidence)
       SELECT h.hash, '*', 'erased', $2, json_build_object('erasure', $3::text)::text FROM ${addresses} AS h WHERE h.hash IS NOT NULL
       ON CONFLICT (address_hash, channel) DO UPDATE SET reason = 'erased', created_at = excluded.created_at, evidence = excluded.evidence`,
      contactId,
      now,
      id,
    );
    await tx.run(
      `UPDATE suppressions SET evidence = (SELECT coalesce(jsonb_object_agg(j.key, j.value), '{}')::text
         FROM jsonb_each(suppressions.evidence::jsonb) AS j WHERE j.key = ANY($2::text[]))
       WHERE address_hash IN ${addresses}`,
      contactId,
      SUPPRESSION_EVIDENCE_KEPT_THROUGH_ERASURE,
    );
    await tx.run(
      `UPDATE consent_events SET locale = NULL, evidence = ((SELECT coalesce(jsonb_object_agg(j.key, j.value), '{}')
         FROM jsonb_each(consent_events.evidence::jsonb) AS j
         WHERE consent_events.source = ANY($2::text[]) AND j.key = ANY($3::text[])) || '{"erased": true}')::text
       WHERE contact_id = $1`,
      contactId,
      SERVICE_SOURCES,
      EVIDENCE_KEPT_THROUGH_ERASURE,
    );
    // The local outbox (development only) keeps the messages it did not send, addresses included.
    await tx.run("DELETE FROM dev_outbox WHERE to_address IN (SELECT email FROM contacts WHERE id = $1)", contactId);
    // What the frequency caps counted: of no use once the person is gone.
    await tx.run("DELETE FROM sends WHERE contact_id = $1", contactId);
    await tx.run(
      `UPDATE contacts SET external_id = NULL, email = NULL, phone = NULL, email_hash = NULL, phone_hash = NULL,
         locale = 'kk', updated_at = $2, erased_at = $2
       WHERE id = $1`,
      contactId,
      now,
    );
    return erasure;
  });
  if (written) return { status: "erased", erasure: toErasure(written) };

  const contact = await db.first<{ erasedAt: string | null }>(`SELECT erased_at AS "erasedAt" FROM contacts WHERE id = $1`, contactId);
  if (!contact) return { status: "unknown" };
  if (contact.erasedAt === null) throw new Error(`erasure of ${contactId} wrote nothing, yet the contact is not erased`);
  return { status: "already_erased", erasure: await findErasure(db, contactId) };
}

export async function findErasure(db: Database, contactId: string): Promise<ErasureRecord | undefined> {
  const row = await db.first<ErasureRow>(`SELECT ${ERASURE_COLUMNS} FROM erasures WHERE contact_id = $1`, contactId);
  return row && toErasure(row);
}
