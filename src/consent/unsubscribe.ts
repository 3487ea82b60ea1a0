import { ALL, type Channel } from "./channels";
import type { Store } from "../store";

/** What a recipient may stop from an unsubscribe link, narrowest first. */
export const UNSUBSCRIBE_CHOICES = ["link", "channel", "everything"] as const;
export type UnsubscribeChoice = (typeof UNSUBSCRIBE_CHOICES)[number];

export interface Scope {
  topic: string; // a topic key or "*"
  channel: Channel | typeof ALL;
}

/**
 * The scope each choice withdraws: the link's own (this topic on this channel), every
 * topic on the link's channel, or everything. Choices that would withdraw the same scope
 * as a narrower one are left out, so every button on the page does something different.
 */
export function unsubscribeChoices(link: Scope): { choice: UnsubscribeChoice; scope: Scope }[] {
  const all = UNSUBSCRIBE_CHOICES.map((choice) => ({ choice, scope: scopeOfChoice(link, choice) }));
  return all.filter(({ scope }, i) => all.findIndex((other) => sameScope(other.scope, scope)) === i);
}

export function scopeOfChoice(link: Scope, choice: UnsubscribeChoice): Scope {
  if (choice === "link") return link;
  if (choice === "channel") return { topic: ALL, channel: link.channel };
  return { topic: ALL, channel: ALL };
}

const sameScope = (a: Scope, b: Scope) => a.topic === b.topic && a.channel === b.channel;

export type UnsubscribeSource = "one_click" | "unsubscribe_page" | "email_reply";

export interface Withdrawal {
  contactId: string;
  scope: Scope;
  source: UnsubscribeSource;
  policyVersion: string;
  locale: string | null;
  evidence: Record<string, unknown>;
}

/**
 * Records a recipient's own withdrawal, once: clicking again, or a mail provider
 * retrying its one-click POST, finds the scope withdrawn and records nothing new.
 */
export function recordWithdrawal(store: Store, w: Withdrawal): Promise<{ recorded: boolean }> {
  return store.withdrawOnce(w.contactId, {
    topic: w.scope.topic,
    channel: w.scope.channel,
    status: "withdrawn",
    source: w.source,
    occurredAt: new Date().toISOString(),
    policyVersion: w.policyVersion,
    locale: w.locale,
    actor: "recipient",
    evidence: w.evidence,
  });
}
