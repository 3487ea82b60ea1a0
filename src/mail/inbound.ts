import { readConfig } from "../config";
import { normaliseEmail } from "../consent/addresses";
import { recordWithdrawal } from "../consent/unsubscribe";
import type { Bindings } from "../env";
import { decodeFromMailbox } from "../signing/link-token";
import { resolveLink } from "../signing/links";
import { linkEvidence } from "../signing/unsubscribe-links";
import { createStore } from "../store";

export const UNKNOWN_ADDRESS = "Unknown address";

/**
 * Unsubscribe by email: mail to <token>@UNSUBSCRIBE_MAIL_DOMAIN (the mailto: alternative
 * of List-Unsubscribe, delivered by Cloudflare Email Routing) withdraws what the token
 * names, like a one-click POST. Mail to any other address of the domain is rejected, all
 * with the same answer. A configuration error throws, so the sender's server retries later.
 */
export async function receiveUnsubscribeMail(message: ForwardableEmailMessage, env: Bindings): Promise<void> {
  const config = readConfig(env);
  const at = message.to.lastIndexOf("@");
  const mailbox = message.to.slice(0, at);
  const domain = message.to.slice(at + 1).toLowerCase();
  const token = config.unsubscribeMailDomain === domain ? decodeFromMailbox(mailbox) : undefined;
  const store = createStore(env.DB, config.addressHashKey);
  const found = await resolveLink(config, store, token, "unsubscribe");
  if (found.status !== "valid") {
    message.setReject(UNKNOWN_ADDRESS);
    return;
  }
  const { claims, contact } = found;
  await recordWithdrawal(store, {
    contactId: claims.contactId,
    scope: claims,
    source: "email_reply",
    policyVersion: config.policyVersion,
    locale: contact.locale,
    evidence: {
      messageId: message.headers.get("Message-ID")?.slice(0, 512) ?? null,
      // Whether the contact wrote themselves; the address itself is not kept.
      senderIsContact: contact.email !== null && normaliseEmail(message.from) === contact.email,
      ...linkEvidence(claims),
    },
  });
}
