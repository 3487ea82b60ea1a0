import { newId } from "../../ids";
import type { DevOutbox, OutboxMessage } from "../types";

const COLUMNS = `id, to_address AS "to", subject, html, text, created_at AS "createdAt"`;

/** The local outbox (development without Resend, src/mail/outbox.ts). */
export function d1Outbox(db: D1Database): DevOutbox {
  return {
    async keep({ to, subject, html, text }, idempotencyKey) {
      // One batch: the insert is skipped when the key is known, and the id read is the first one's.
      const [, stored] = await db.batch<{ id: string }>([
        db
          .prepare(
            `INSERT INTO dev_outbox (id, idempotency_key, to_address, subject, html, text, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (idempotency_key) DO NOTHING`,
          )
          .bind(newId("mail"), idempotencyKey, to, subject, html, text, new Date().toISOString()),
        db.prepare("SELECT id FROM dev_outbox WHERE idempotency_key = ?1").bind(idempotencyKey),
      ]);
      return { id: stored!.results[0]!.id };
    },
    async list(limit) {
      const { results } = await db
        .prepare(`SELECT ${COLUMNS} FROM dev_outbox ORDER BY created_at DESC, rowid DESC LIMIT ?1`)
        .bind(limit)
        .all<OutboxMessage>();
      return results;
    },
    async find(id) {
      return (await db.prepare(`SELECT ${COLUMNS} FROM dev_outbox WHERE id = ?1`).bind(id).first<OutboxMessage>()) ?? undefined;
    },
  };
}
