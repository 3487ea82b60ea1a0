import { newId } from "../ids";
import type { Mailer, MailMessage } from "./outgoing";
import { renderMail } from "./render";

export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  createdAt: string;
}

const COLUMNS = `id, to_address AS "to", subject, html, text, created_at AS "createdAt"`;

/**
 * Local development without Resend: each message is kept in dev_outbox, and /dev/outbox
 * shows it. Only a localhost deployment gets this mailer (src/mail/transport.ts).
 */
export function outboxMailer(db: D1Database): Mailer {
  return {
    async send(to: string, message: MailMessage, idempotencyKey: string) {
      const { subject, html, text } = await renderMail(message);
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
  };
}

/** The newest messages first. */
export async function listOutbox(db: D1Database, limit = 50): Promise<OutboxMessage[]> {
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM dev_outbox ORDER BY created_at DESC, rowid DESC LIMIT ?1`)
    .bind(limit)
    .all<OutboxMessage>();
  return results;
}

export async function findOutboxMessage(db: D1Database, id: string): Promise<OutboxMessage | null> {
  return db.prepare(`SELECT ${COLUMNS} FROM dev_outbox WHERE id = ?1`).bind(id).first<OutboxMessage>();
}
