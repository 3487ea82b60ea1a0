import { ALL, type Channel } from "./channels";
import { grantHolds, type Topic } from "./catalog";
import { isCapped, type CapCount } from "./frequency-caps";
import type { Locale } from "./locales";
import { sendingWindowAt, type SendingWindows } from "./sending-window";
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
  "consent_expired", // the grant that would allow it is older than the topic's lifespan
  "no_consent", // nothing grants it (an opt_in or partner topic needs an explicit grant)
  "paused", // consent allows it, but the person paused this topic or everything until `until`
  "digest_only", // consent allows it, but the person wants only this topic's digest, and this is not it
  "frequency_capped", // allowed, but the person already had as many messages as a frequency cap allows in its period
  "quiet_hours", // deprecated, never produced since issue 13: outside_sending_window took its place
  "outside_sending_window", // allowed, but not at this time on this channel (with retryAt)
] as const;

/** Reasons kept in the public set for old clients, which the decision no longer produces. */
export const RETIRED_REASONS: readonly BlockReason[] = ["quiet_hours"];

export const ALLOW_REASONS = [
  "explicit_consent", // a grant of this topic, on this channel or on all channels
  "baseline_consent", // a grant of all topics (opt_out topics only)
] as const;

export type BlockReason = (typeof BLOCK_REASONS)[number];
export type AllowReason = (typeof ALLOW_REASONS)[number];
/**
 * retryAt (ISO): with outside_sending_window, when the channel's window next opens.
 * until (ISO): with paused, when the pause ends: a tool may send again from then.
 */
export type Decision = { allowed: true; reason: AllowReason } | { allowed: false; reason: BlockReason; retryAt?: string; until?: string };

/** A scope's current status and since when (its latest event's occurredAt, consent_states.occurred_at). */
export interface ScopeConsent {
  status: ConsentStatus;
  since: string;
}

/** The current status of each scope a contact has any record for, keyed by scopeKey(). */
export type ConsentStates = ReadonlyMap<string, ScopeConsent>;

export function scopeKey(topic: string, channel: string): string {
  return `${topic} ${channel}`;
}

/** The states a store read, keyed for the decision. */
export function consentStates(states: readonly { topic: string; channel: string; status: ConsentStatus; occurredAt: string }[]): ConsentStates {
  return new Map(states.map((s) => [scopeKey(s.topic, s.channel), { status: s.status, since: s.occurredAt }]));
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
       * The frequency caps on this channel that may apply and that this person has reached,
       * each with the sends counted in its window (the store leaves out those not reached,
       * which cannot block).
       */
      capsReached: readonly CapCount[];
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

/**
 * Decides one recipient. Pure: same inputs, same answer; no clock, no database. The
 * channels' sending windows come in as a rule (config), the time as request.sendAt.
 */
export function decideSend(request: SendRequest, recipient: RecipientFacts, windows: SendingWindows): Decision {
  if (recipient.erased) return blocked("erased");
  if (!recipient.found) return blocked("unknown_contact");
  if (!recipient.hasAddress) return blocked("no_address");
  if (recipient.suppressed) return blocked("suppressed");
  const verdict = decideConsent(request.topic, request.channel, recipient.states, recipient.awaitingConfirmation, request.sendAt);
  if (!verdict.allowed) return verdict;
  // Less often, not never: these hold what consent allows, so a withdrawal still wins.
  const until = recipient.pausedUntil;
  if (until !== null && Date.parse(until) > request.sendAt.getTime()) return { allowed: false, reason: "paused", until };
  if (recipient.digestOnly && !request.digest) return blocked("digest_only");
  if (isCapped(recipient.capsReached, request.topic.key, request.channel)) return blocked("frequency_capped");
  const window = sendingWindowAt(windows, request.channel, request.sendAt);
  if (!window.open) {
    return window.opensAt ? { allowed: false, reason: "outside_sending_window", retryAt: window.opensAt.toISOString() } : blocked("outside_sending_window");
  }
  return verdict;
}

/**
 * The precedence rules of DESIGN.md over the scopes (T,C), (T,*), (*,C), (*,*):
 * a broad withdrawal beats any narrower grant until that same scope is granted again.
 * `awaitingConfirmation`: the latest event on (T,C) is a grant awaiting its confirmation.
 * `at`: the send time, against which a topic's consent lifespan is measured; without it
 * (the preference page's boxes) lifespans are not looked at.
 */
export function decideConsent(topic: Topic, channel: Channel, states: ConsentStates, awaitingConfirmation = false, at?: Date): Decision {
  const verdict = decideByStates(topic, channel, states, at);
  // What the person asked for on this very scope but has not confirmed yet: the caller
  // should know that a confirmation, not a new consent, is missing.
  return !verdict.allowed && awaitingConfirmation && NARROW_BLOCKS.has(verdict.reason) ? blocked("pending_confirmation") : verdict;
}

function decideByStates(topic: Topic, channel: Channel, states: ConsentStates, at: Date | undefined): Decision {
  const status = (t: string, c: string) => states.get(scopeKey(t, c))?.status;
  if (status(ALL, ALL) === "withdrawn") return blocked("withdrawn_all");
  if (status(ALL, channel) === "withdrawn") return blocked("withdrawn_channel");
  if (status(topic.key, ALL) === "withdrawn") return blocked("withdrawn_topic");
  if (status(topic.key, channel) === "withdrawn") return blocked("withdrawn_topic_channel");
  const grants = (scopes: [string, string][]) =>
    scopes.map(([t, c]) => states.get(scopeKey(t, c))).filter((s): s is ScopeConsent => s?.status === "granted");
  const explicit = grants([[topic.key, channel], [topic.key, ALL]]);
  const holds = (grant: ScopeConsent) => at === undefined || grantHolds(topic, grant.since, at);
  if (explicit.some(holds)) return { allowed: true, reason: "explicit_consent" };
  // A baseline grant is measured against the topic's lifespan too (docs/decision.md).
  const baseline = topic.consent === "opt_out" && !topic.partner ? grants([[ALL, channel], [ALL, ALL]]) : [];
  if (baseline.some(holds)) return { allowed: true, reason: "baseline_consent" };
  return blocked(explicit.length || baseline.length ? "consent_expired" : "no_consent");
}

/** The blocks a confirmed grant of (topic, channel) would end. */
const NARROW_BLOCKS: ReadonlySet<BlockReason> = new Set(["withdrawn_topic_channel", "consent_expired", "no_consent"]);

function blocked(reason: BlockReason): Decision {
  return { allowed: false, reason };
}
