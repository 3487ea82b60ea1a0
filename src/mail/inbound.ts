import { normaliseEmail } from "../consent/addresses";
import type { Bindings } from "../env";
import { resolveLink } from "../flows/resolve-link";
import { createServices, type Services } from "../flows/services";
import { withdrawByLink } from "../flows/withdraw";
import { decodeFromMailbox } from "../signing/link-token";

export const UNKNOWN_ADDRESS = "Unknown address";

/**
 * Unsubscribe by email: mail to <token>@UNSUBSCRIBE_MAIL_DOMAIN (the mailto: alternative
 * of List-Unsubscribe, delivered by Cloudflare Email Routing) withdraws what the token
 * names, like a one-click POST. Mail to any other address of the domain is rejected, all
 * with the same answer. A configuration error throws, so the sender's server retries later.
 */
export async function receiveUnsubscribeMail(message: ForwardableEmailMessage, env: Bindings): Promise<void> {
  const services = createServices(env);
  try {
    await withdrawByMail(services, message);
  } finally {
    await services.store.close();
  }
}

async function withdrawByMail(services: Services, message: ForwardableEmailMessage): Promise<void> {
  const at = message.to.lastIndexOf("@");
  const mailbox = message.to.slice(0, at);
  const domain = message.to.slice(at + 1).toLowerCase();
  const token = services.config.unsubscribeMailDomain === domain ? decodeFromMailbox(mailbox) : undefined;
  const link = await resolveLink(services, token, "unsubscribe");
  if (link.status !== "valid") {
    message.setReject(UNKNOWN_ADDRESS);
    return;
  }
  await withdrawByLink(services, {
    link,
    choice: "link",
    source: "email_reply",
    locale: link.contact.locale,
    evidence: {
      messageId: message.headers.get("Message-ID")?.slice(0, 512) ?? null,
      // Whether the contact wrote themselves; the address itself is not kept.
      senderIsContact: link.contact.email !== null && normaliseEmail(message.from) === link.contact.email,
    },
  });
}
