import { SEND_CHECK_COLUMNS, toSendCheck, type SendCheckRow } from "../rows";
import type { CommittedSends, SendCheckRecord } from "../types";
import type { Database } from "./database";

// Twins of src/store/d1/send-checks.ts, raw: a send check records itself on every request.

const INSERT_CHECK = `INSERT INTO send_checks (id, api_key_id, topic, channel, campaign, send_at, created_at, recipients, allowed, blocked, reasons, digest, committed)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`;

const checkValues = (r: SendCheckRecord) =>
  [r.id, r.apiKeyId, r.topic, r.channel, r.campaign, r.sendAt, r.createdAt, r.recipients, r.allowed, r.blocked, JSON.stringify(r.reasons), Number(r.digest), Number(r.committed)] as const;

/**
 * The record of one send check: its counts and reasons, no recipient; committed, one send
 * per contact not erased, in the same statement (one round trip, one transaction).
 */
export async function recordSendCheck(db: Database, record: SendCheckRecord, committed?: CommittedSends): Promise<void> {
  if (!committed || committed.contactIds.length === 0) {
    await db.run(INSERT_CHECK, ...checkValues(record));
    return;
  }
  await db.run(
    `WITH recorded AS (${INSERT_CHECK})
     INSERT INTO sends (contact_id, channel, sent_at, topic, origin)
     SELECT c.id, $4, $15, $3, $1 FROM unnest($14::text[]) AS v(id) JOIN contacts c ON c.id = v.id WHERE c.erased_at IS NULL
     ON CONFLICT DO NOTHING`,
    ...checkValues(record),
    committed.contactIds,
    committed.sentAt,
  );
}

export async function getSendCheck(db: Database, id: string): Promise<SendCheckRecord | undefined> {
  const row = await db.first<SendCheckRow>(`SELECT ${SEND_CHECK_COLUMNS} FROM send_checks WHERE id = $1`, id);
  return row ? toSendCheck(row) : undefined;
}

/** Newest first, optionally of one campaign, after the check `after` (a cursor: its id). */
export async function listSendChecks(db: Database, query: { campaign: string | undefined; after: string | undefined; limit: number }) {
  const rows = await db.all<SendCheckRow>(
    `SELECT ${SEND_CHECK_COLUMNS} FROM send_checks
     WHERE ($1::text IS NULL OR campaign = $1)
       AND ($2::text IS NULL OR (created_at COLLATE "C", id COLLATE "C") < (SELECT created_at, id FROM send_checks WHERE id = $2))
     ORDER BY created_at COLLATE "C" DESC, id COLLATE "C" DESC LIMIT $3`,
    query.campaign ?? null,
    query.after ?? null,
    query.limit,
  );
  return rows.map(toSendCheck);
}
