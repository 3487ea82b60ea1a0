import { ALL, type Channel } from "./channels";
import type { Topic } from "./catalog";
import { isQuietTime, type QuietHours } from "./quiet-hours";
import type { Locale } from "./locales";
import type { ConsentStatus } from "./sources";

/**
 * Every reason a send can be allowed or blocked, in the order the decision tries them.
 * docs/decision.md describes each; the set is closed and part of the public API.
 */
export const BLOCK_REASONS = [
  "unknown_contact", // no contact matches the recipient as given
  "erased", // the person was erased, or the address belongs to an erased person
  "no_address", // the contact has no address for this channel
  "suppressed", // the address is suppressed on this channel (hard bounce, complaint)
  "withdrawn_all", // withdrawal of all topics on all channels
  "withdrawn_channel", // withdrawal of all topics on this channel
  "withdrawn_topic", // withdrawal of this topic on all channels
  "pending_confirmation", // a grant of this topic on this channel awaits its email confirmation (double opt-in)
  "withdrawn_topic_channel", // withdrawal of this topic on this channel
  "no_consent", // nothing grants it (an opt_in or partner topic needs an explicit grant)
  "paused", // consent allows it, but the person paused this topic or everything until `until`
  "digest_only", // consent allows it, but the person wants only this topic's digest, and this is not it
  "quiet_hours", // allowed, but not at this time on this channel
] as const;
export const ALLOW_REASONS = [
  "explicit_consent", // a grant of this topic, on this channel or on all channels
  "baseline_consent", // a grant of all topics (opt_out topics only)
] as const;

export type BlockReason = (typeof BLOCK_REASONS)[number];
export type AllowReason = (typeof ALLOW_REASONS)[number];
/** `until`: with "paused", when the pause ends (ISO time): a tool may send again from then. */
export type Decision = { allowed: true; reason: AllowReason } | { allowed: false; reason: BlockReason; until?: string };

/** The current status of each scope a contact has any record for, keyed by scopeKey(). */
export type ConsentStates = ReadonlyMap<string, ConsentStatus>;

export function scopeKey(topic: string, channel: string): string {
  return `${topic} ${channel}`;
}

/** The states a store read, keyed for the decision. */
export function consentStates(states: readonly { topic: string; channel: string; status: ConsentStatus }[]): ConsentStates {
  return new Map(states.map((s) => [scopeKey(s.topic, s.channel), s.status]));
}

/** What is known of one recipient, as the store found it. */
export type RecipientFacts =
  | { found: false; erased: boolean }
  | {
      found: true;
      contactId: string;
      /** The language the person reads (not a fact the decision uses: the sender needs it). */
      locale: Locale;
      erased: boolean;
      hasAddress: boolean;
      suppressed: boolean;
      states: ConsentStates;
      /** The latest event on (topic, channel) is a grant awaiting its confirmation. */
      awaitingConfirmation: boolean;
      /**
       * The latest end of the active pauses of (T,C), (T,*), (*,C) and (*,*), or null. Every
       * pause began no later than now, so the contact is paused from now until then.
       */
      pausedUntil: string | null;
      /** (T,C) or (T,*) is kept to the topic's digest campaigns. */
      digestOnly: boolean;
    };

export interface SendRequest {
  topic: Topic;
  channel: Channel;
  sendAt: Date;
  /** The send is the topic's digest campaign (only a topic with `digest` has one). */
  digest?: boolean;
}

/** Decides one recipient. Pure: same inputs, same answer; no clock, no database. */
export function decideSend(request: SendRequest, recipient: RecipientFacts, quiet: QuietHours): Decision {
  if (recipient.erased) return blocked("erased");
  if (!recipient.found) return blocked("unknown_contact");
  if (!recipient.hasAddress) return blocked("no_address");
  if (recipient.suppressed) return blocked("suppressed");
  const verdict = decideConsent(request.topic, request.channel, recipient.states, recipient.awaitingConfirmation);
  if (!verdict.allowed) return verdict;
  // Less often, not never: these hold what consent allows, so a withdrawal still wins.
  const until = recipient.pausedUntil;
  if (until !== null && Date.parse(until) > request.sendAt.getTime()) return { allowed: false, reason: "paused", until };
  if (recipient.digestOnly && !request.digest) return blocked("digest_only");
  if (isQuietTime(quiet, request.channel, request.sendAt)) return blocked("quiet_hours");
  return verdict;
}

/**
 * The precedence rules of DESIGN.md over the scopes (T,C), (T,*), (*,C), (*,*):
 * a broad withdrawal beats any narrower grant until that same scope is granted again.
 * `awaitingConfirmation`: the latest event on (T,C) is a grant awaiting its confirmation.
 */
export function decideConsent(topic: Topic, channel: Channel, states: ConsentStates, awaitingConfirmation = false): Decision {
  const verdict = decideByStates(topic, channel, states);
  // What the person asked for on this very scope but has not confirmed yet: the caller
  // should know that a confirmation, not a new consent, is missing.
  return !verdict.allowed && awaitingConfirmation && NARROW_BLOCKS.has(verdict.reason) ? blocked("pending_confirmation") : verdict;
}

function decideByStates(topic: Topic, channel: Channel, states: ConsentStates): Decision {
  const status = (t: string, c: string) => states.get(scopeKey(t, c));
  if (status(ALL, ALL) === "withdrawn") return blocked("withdrawn_all");
  if (status(ALL, channel) === "withdrawn") return blocked("withdrawn_channel");
  if (status(topic.key, ALL) === "withdrawn") return blocked("withdrawn_topic");
  if (status(topic.key, channel) === "withdrawn") return blocked("withdrawn_topic_channel");
  if (status(topic.key, channel) === "granted" || status(topic.key, ALL) === "granted") {
    return { allowed: true, reason: "explicit_consent" };
  }
  const baseline = status(ALL, channel) === "granted" || status(ALL, ALL) === "granted";
  if (baseline && topic.consent === "opt_out" && !topic.partner) {
    return { allowed: true, reason: "baseline_consent" };
  }
  return blocked("no_consent");
}

/** The blocks a confirmed grant of (topic, channel) would end. */
const NARROW_BLOCKS: ReadonlySet<BlockReason> = new Set(["withdrawn_topic_channel", "no_consent"]);

function blocked(reason: BlockReason): Decision {
  return { allowed: false, reason };
}
