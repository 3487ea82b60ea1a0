import { findTopic } from "../consent/catalog";
import type { Channel } from "../consent/channels";
import type { Locale } from "../consent/locales";
import { logError } from "../log";
import { confirmLink } from "../signing/links";
import type { Services } from "./services";

export interface PendingGrant {
  eventId: string;
  topic: string;
  channel: Channel;
}

/**
 * Double opt-in, the step two flows share (saving a contact, saving preferences): one
 * email per pending grant, with its signed confirmation link, to the contact's address.
 * The pending event is already in the ledger; a mail that cannot be sent leaves it there
 * unconfirmed (nothing is granted) and says so to the caller. The event id is the
 * idempotency key, so a retried request never mails twice.
 */
export async function mailConfirmations(
  { config, mailer }: Services,
  contact: { id: string; email: string },
  pending: PendingGrant[],
  locale: Locale,
): Promise<(PendingGrant & { mailed: boolean })[]> {
  if (pending.length === 0) return [];
  const outgoing = mailer();
  return Promise.all(
    pending.map(async (grant) => {
      if (!outgoing) return { ...grant, mailed: false };
      try {
        const link = await confirmLink(config, { contactId: contact.id, ...grant });
        await outgoing.send(
          contact.email,
          {
            template: "confirm_opt_in",
            locale,
            url: link.url,
            topicTitle: findTopic(grant.topic)!.title[locale],
            channel: grant.channel,
            expiresAt: link.expiresAt,
            policyUrl: config.policyUrl,
          },
          `confirm/${grant.eventId}`,
        );
        return { ...grant, mailed: true };
      } catch (error) {
        // Whatever failed, the pending event stays unconfirmed: nothing is granted, and the
        // caller is told. A 500 here would invite a retry of what is already recorded.
        logError({ event: "confirmation_not_mailed", pendingEventId: grant.eventId, error });
        return { ...grant, mailed: false };
      }
    }),
  );
}
