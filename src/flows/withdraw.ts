import { consentStates, type ConsentStates } from "../consent/decision";
import { scopeOfChoice, type Scope, type UnsubscribeChoice, type UnsubscribeSource } from "../consent/unsubscribe";
import { undoReference } from "../signing/links";
import { linkEvidence } from "../signing/unsubscribe-links";
import type { ValidLink } from "./resolve-link";
import type { Services } from "./services";
import { consentEvent } from "../consent/events";
import type { Locale } from "../consent/locales";
import type { NewConsentEvent, ScopeState } from "../consent/types";
import type { Config } from "../config";
import { isExpired, type VerifiedLink } from "../signing/link-token";

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
  const { scope, withdrawal } = withdrawalByLink(config, claims, w);
  const recorded = await store.withdrawOnce(contact.id, withdrawal);
  // A person who pressed a button read the page in this language: the mails follow it.
  if (w.source === "unsubscribe_page" && w.locale && w.locale !== contact.locale) await store.setLocale(contact.id, w.locale);
  return withdrawn(config, contact.id, scope, withdrawal, states, recorded);
}

export interface OneClick {
  claims: VerifiedLink;
  /** The language the request chose (?lang=, the cookie), if any: else the contact's is the page's. */
  chosenLocale: Locale | null;
  evidence: Record<string, unknown>;
}

/**
 * An RFC 8058 one-click: withdrawByLink's "link" choice, but the contact is read and the
 * withdrawal written in one store call (one D1 round trip) instead of resolveLink's read
 * and then the write: the link's checks, then the same event, recorded once. Undefined,
 * with nothing written, when resolveLink would not call the link valid.
 */
export async function withdrawByOneClick({ config, store }: Services, click: OneClick, now = new Date()) {
  const { claims } = click;
  if (isExpired(claims, now)) return undefined;
  const w = { choice: "link" as const, source: "one_click" as const, locale: click.chosenLocale, evidence: click.evidence };
  const { scope, withdrawal } = withdrawalByLink(config, claims, w);
  const found = await store.withdrawOnceAndRead(claims.contactId, withdrawal, click.chosenLocale);
  if (!found || found.contact.erasedAt !== null) return undefined;
  const link: ValidLink = { status: "valid", claims, contact: found.contact, states: found.states };
  return { link, done: await withdrawn(config, found.contact.id, scope, withdrawal, found.states, found.withdrawal) };
}

function withdrawalByLink(config: Config, claims: VerifiedLink, w: Omit<WithdrawByLink, "link">) {
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
  return { scope, withdrawal };
}

async function withdrawn(
  config: Config,
  contactId: string,
  scope: Scope,
  withdrawal: NewConsentEvent,
  states: ScopeState[],
  recorded: { recorded: true; eventId: string } | { recorded: false },
): Promise<Withdrawn> {
  const undo = recorded.recorded
    ? await undoReference(config, { contactId, topic: scope.topic, channel: scope.channel, eventId: recorded.eventId })
    : undefined;
  return { scope, undo, states: consentStates([...states, { ...scope, status: "withdrawn", occurredAt: withdrawal.occurredAt }]) };
}
