import type { ValidLink } from "./resolve-link";
import type { Services } from "./services";
import { consentEvent } from "../consent/events";

/**
 * The second step of double opt-in: records the grant a confirm link's pending event asked
 * for (source double_opt_in, evidence naming the pending event), if that event is still
 * the latest word on its scope and was mailed to the address the contact has now
 * (store.confirmPending says which, when not).
 */
export function confirmOptIn({ store, config }: Services, input: { link: ValidLink; locale: string; evidence: Record<string, unknown> }) {
  const { claims, contact } = input.link;
  const grant = consentEvent({
    topic: claims.topic,
    channel: claims.channel,
    status: "granted",
    source: "double_opt_in",
    policyVersion: config.policyVersion,
    locale: input.locale,
    actor: "recipient",
    evidence: { confirms: claims.eventId!, ...input.evidence, linkKeyId: claims.keyId },
  });
  return store.confirmPending(contact.id, claims.eventId!, grant);
}
