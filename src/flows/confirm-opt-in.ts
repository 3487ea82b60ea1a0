import type { ValidLink } from "./resolve-link";
import type { Services } from "./services";

/**
 * The second step of double opt-in: records the grant a confirm link's pending event asked
 * for (source double_opt_in, evidence naming the pending event), if that event is still
 * the latest word on its scope and was mailed to the address the contact has now
 * (store.confirmPending says which, when not).
 */
export function confirmOptIn({ store, config }: Services, input: { link: ValidLink; locale: string; evidence: Record<string, unknown> }) {
  const { claims, contact } = input.link;
  return store.confirmPending(contact.id, claims.eventId!, {
    topic: claims.topic,
    channel: claims.channel,
    status: "granted",
    source: "double_opt_in",
    occurredAt: new Date().toISOString(),
    policyVersion: config.policyVersion,
    locale: input.locale,
    actor: "recipient",
    evidence: { confirms: claims.eventId!, ...input.evidence, linkKeyId: claims.keyId },
  });
}
