import { newId } from "../../ids";
import type { DevOutbox, OutboxMessage } from "../types";
import type { Database } from "./database";

// Twin of src/store/d1/outbox.ts.

const COLUMNS = `id, to_address AS "to", subject, html, text, created_at AS "createdAt"`;

export function pgOutbox(db: Database): DevOutbox {
  return {
    async keep({ to, subject, html, text }, idempotencyKey) {
      await db.run(
        `INSERT INTO dev_outbox (id, idempotency_key, to_address, subject, html, text, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (idempotency_key) DO NOTHING`,
        newId("mail"),
        idempotencyKey,
        to,
        subject,
        html,
        text,
        new Date().toISOString(),
      );
      return (await db.first<{ id: string }>("SELECT id FROM dev_outbox WHERE idempotency_key = $1", idempotencyKey))!;
    },
    list: (limit) => db.all<OutboxMessage>(`SELECT ${COLUMNS} FROM dev_outbox ORDER BY created_at COLLATE "C" DESC, id DESC LIMIT $1`, limit),
    find: (id) => db.first<OutboxMessage>(`SELECT ${COLUMNS} FROM dev_outbox WHERE id = $1`, id),
  };
}
