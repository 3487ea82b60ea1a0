import { ALL, type Channel } from "./channels";
import { scopeKey, type ConsentStates } from "./decision";

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

/**
 * The choices already in effect: a withdrawal of that scope or of a wider one stands, so
 * the page must not say "you receive" it nor offer to stop it again.
 */
export function stoppedChoices(link: Scope, states: ConsentStates): Set<UnsubscribeChoice> {
  const withdrawn = (topic: string, channel: string) => states.get(scopeKey(topic, channel))?.status === "withdrawn";
  const stopped = new Set<UnsubscribeChoice>();
  if (withdrawn(ALL, ALL)) stopped.add("everything");
  if (stopped.has("everything") || withdrawn(ALL, link.channel)) stopped.add("channel");
  if (stopped.has("channel") || withdrawn(link.topic, link.channel) || withdrawn(link.topic, ALL)) stopped.add("link");
  return stopped;
}

export type UnsubscribeSource = "one_click" | "unsubscribe_page" | "email_reply";
