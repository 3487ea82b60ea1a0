import type { SendCheckRecord } from "../types";

/** The record of one send check: its counts and reasons, no recipient. */
export async function recordSendCheck(db: D1Database, record: SendCheckRecord): Promise<void> {
  await db
    .prepare(
      `INSERT INTO send_checks (id, api_key_id, topic, channel, campaign, send_at, created_at, recipients, allowed, blocked, reasons)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)`,
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
    )
    .run();
}
