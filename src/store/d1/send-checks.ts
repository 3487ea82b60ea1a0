import { SEND_CHECK_COLUMNS, toSendCheck, type SendCheckRow } from "../rows";
import type { CommittedSends, SendCheckRecord } from "../types";

/**
 * The record of one send check: its counts and reasons, no recipient; committed, one send
 * per contact not erased, in the same batch (one transaction).
 */
export async function recordSendCheck(db: D1Database, record: SendCheckRecord, committed?: CommittedSends): Promise<void> {
  const check = db
    .prepare(
      `INSERT INTO send_checks (id, api_key_id, topic, channel, campaign, send_at, created_at, recipients, allowed, blocked, reasons, digest, committed)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)`,
    )
    .bind(
      record.id,
      record.apiKeyId,
      record.topic,
      record.channel,
      record.campaign,
      record.sendAt,
      record.createdAt,
      record.recipients,
      record.allowed,
      record.blocked,
      JSON.stringify(record.reasons),
      Number(record.digest),
      Number(record.committed),
    );
  if (!committed || committed.contactIds.length === 0) {
    await check.run();
    return;
  }
  await db.batch([
    check,
    db
      .prepare(
        `INSERT INTO sends (contact_id, channel, sent_at, topic, origin)
         SELECT c.id, ?2, ?3, ?4, ?5 FROM json_each(?1) j JOIN contacts c ON c.id = j.value WHERE c.erased_at IS NULL
         ON CONFLICT DO NOTHING`,
      )
      .bind(JSON.stringify(committed.contactIds), record.channel, committed.sentAt, record.topic, record.id),
  ]);
}

export async function getSendCheck(db: D1Database, id: string): Promise<SendCheckRecord | undefined> {
  const row = await db.prepare(`SELECT ${SEND_CHECK_COLUMNS} FROM send_checks WHERE id = ?1`).bind(id).first<SendCheckRow>();
  return row ? toSendCheck(row) : undefined;
}

/** Newest first, optionally of one campaign, after the check `after` (a cursor: its id). */
export async function listSendChecks(db: D1Database, query: { campaign: string | undefined; after: string | undefined; limit: number }) {
  const { results } = await db
    .prepare(
      `SELECT ${SEND_CHECK_COLUMNS} FROM send_checks
       WHERE (?1 IS NULL OR campaign = ?1)
         AND (?2 IS NULL OR (created_at, id) < (SELECT created_at, id FROM send_checks WHERE id = ?2))
       ORDER BY created_at DESC, id DESC LIMIT ?3`,
    )
    .bind(query.campaign ?? null, query.after ?? null, query.limit)
    .all<SendCheckRow>();
  return results.map(toSendCheck);
}
