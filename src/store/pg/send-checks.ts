import { SEND_CHECK_COLUMNS, toSendCheck, type SendCheckRow } from "../rows";
import type { SendCheckRecord } from "../types";
import type { Database } from "./database";

// Twins of src/store/d1/send-checks.ts: Prisma's model API, and the page raw (a keyset in byte order).

/** The record of one send check: its counts and reasons, no recipient. */
export async function recordSendCheck(db: Database, record: SendCheckRecord): Promise<void> {
  await db.model.sendCheck.create({ data: { ...record, reasons: JSON.stringify(record.reasons) } });
}

export async function getSendCheck(db: Database, id: string): Promise<SendCheckRecord | undefined> {
  const row = await db.model.sendCheck.findUnique({ where: { id } });
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
