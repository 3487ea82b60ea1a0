import { decodeFromUrl } from "../signing/link-token";
import { resolveLink, type ValidLink } from "./resolve-link";
import type { Services } from "./services";

/**
 * "Undo" on the page after a withdrawal: its signed reference (kind undo, 48 hours) names
 * the withdrawal, which must be this link's contact's and still the latest word on its
 * scope; the scope goes back to what it was just before (store.undoWithdrawal).
 */
export async function undoWithdrawal(
  services: Services,
  input: { link: ValidLink; reference: string; locale: string; evidence: Record<string, unknown> },
): Promise<"undone" | "already" | "stale"> {
  const ref = await resolveLink(services, decodeFromUrl(input.reference), "undo");
  if (ref.status !== "valid" || ref.claims.contactId !== input.link.contact.id) return "stale";
  return services.store.undoWithdrawal(ref.claims.contactId, ref.claims.eventId!, {
    topic: ref.claims.topic,
    channel: ref.claims.channel,
    source: "unsubscribe_page",
    occurredAt: new Date().toISOString(),
    policyVersion: services.config.policyVersion,
    locale: input.locale,
    actor: "recipient",
    evidence: { ...input.evidence, linkKeyId: ref.claims.keyId },
  });
}
