import { consentStates, type ConsentStates } from "../consent/decision";
import { decodeFromUrl } from "../signing/link-token";
import { resolveLink, type ValidLink } from "./resolve-link";
import type { Services } from "./services";
import { consentEvent } from "../consent/events";

/**
 * "Undo" on the page after a withdrawal: its signed reference (kind undo, 48 hours) names
 * the withdrawal, which must be this link's contact's and still the latest word on its
 * scope; the scope goes back to what it was just before (store.undoWithdrawal).
 */
export async function undoWithdrawal(
  services: Services,
  input: { link: ValidLink; reference: string; locale: string; evidence: Record<string, unknown> },
): Promise<{ outcome: "undone" | "already" | "stale"; states: ConsentStates }> {
  const outcome = await undo(services, input);
  const after = await services.store.getContact(input.link.contact.id);
  return { outcome, states: consentStates(after?.states ?? []) };
}

async function undo(services: Services, input: { link: ValidLink; reference: string; locale: string; evidence: Record<string, unknown> }) {
  const ref = await resolveLink(services, decodeFromUrl(input.reference), "undo");
  if (ref.status !== "valid" || ref.claims.contactId !== input.link.contact.id) return "stale";
  // The status is the one the scope had before the withdrawal: the store finds it.
  const { status: _, ...reversal } = consentEvent({
    topic: ref.claims.topic,
    channel: ref.claims.channel,
    status: "cleared",
    source: "unsubscribe_page",
    policyVersion: services.config.policyVersion,
    locale: input.locale,
    actor: "recipient",
    evidence: { ...input.evidence, linkKeyId: ref.claims.keyId },
  });
  return services.store.undoWithdrawal(ref.claims.contactId, ref.claims.eventId!, reversal);
}
