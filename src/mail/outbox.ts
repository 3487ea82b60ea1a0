import type { DevOutbox } from "../store";
import type { Mailer, MailMessage } from "./outgoing";
import { renderMail } from "./render";

/**
 * Local development without Resend: each message is kept in the store's outbox
 * (dev_outbox), and /dev/outbox shows it. Only a localhost deployment gets this mailer
 * (src/mail/transport.ts).
 */
export function outboxMailer(outbox: DevOutbox): Mailer {
  return {
    async send(to: string, message: MailMessage, idempotencyKey: string) {
      const { subject, html, text } = await renderMail(message);
      return outbox.keep({ to, subject, html, text }, idempotencyKey);
    },
  };
}
