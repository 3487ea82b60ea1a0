import { consentStates, type ConsentStates } from "../consent/decision";
import { scopeOfChoice, type Scope, type UnsubscribeChoice, type UnsubscribeSource } from "../consent/unsubscribe";
import { undoReference } from "../signing/links";
import { linkEvidence } from "../signing/unsubscribe-links";
import type { ValidLink } from "./resolve-link";
import type { Services } from "./services";
import { consentEvent } from "../consent/events";

export interface WithdrawByLink {
  link: ValidLink;
  choice: UnsubscribeChoice;
  source: UnsubscribeSource;
  locale: string | null;
  /** What the adapter knows of the request: ip and user agent, or the mail's message id. */
  evidence: Record<string, unknown>;
}

export interface Withdrawn {
  scope: Scope;
  /** The signed reference that undoes exactly this withdrawal, when this call recorded it. */
  undo: string | undefined;
  /** The contact's states now: the scope stands withdrawn, whether recorded now or before. */
  states: ConsentStates;
}

/**
 * A recipient's own withdrawal through an unsubscribe link: the page's buttons, an RFC 8058
 * one-click, a mailed unsubscribe. Recorded once: clicking again, or a mail provider
 * retrying, finds the scope withdrawn and records nothing new (and offers no undo).
 */
export async function withdrawByLink({ config, store }: Services, w: WithdrawByLink): Promise<Withdrawn> {
  const { claims, contact, states } = w.link;
  const scope = scopeOfChoice(claims, w.choice);
  const withdrawal = consentEvent({
    ...scope,
    status: "withdrawn",
    source: w.source,
    policyVersion: config.policyVersion,
    locale: w.locale,
    actor: "recipient",
    evidence: { ...w.evidence, ...linkEvidence(claims), choice: w.choice },
  });
  const recorded = await store.withdrawOnce(contact.id, withdrawal);
  // A person who pressed a button read the page in this language: the mails follow it.
  if (w.source === "unsubscribe_page" && w.locale && w.locale !== contact.locale) await store.setLocale(contact.id, w.locale);
  const undo = recorded.recorded
    ? await undoReference(config, { contactId: contact.id, topic: scope.topic, channel: scope.channel, eventId: recorded.eventId })
    : undefined;
  return { scope, undo, states: consentStates([...states, { ...scope, status: "withdrawn", occurredAt: withdrawal.occurredAt }]) };
}
