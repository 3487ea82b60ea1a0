import { describe, expect, it } from "vitest";
import { findTopic, type Topic } from "./catalog";
import type { Channel } from "./channels";
import { ALLOW_REASONS, BLOCK_REASONS, decideSend, scopeKey, type RecipientFacts } from "./decision";
import type { QuietHours } from "./quiet-hours";
import type { ConsentStatus } from "./sources";

const quiet: QuietHours = { startMinute: 21 * 60, endMinute: 9 * 60, utcOffsetMinutes: 300, channels: ["sms", "voice"] };
const NOON_ALMATY = new Date("2026-11-24T07:00:00Z"); // 12:00 UTC+5
const NIGHT_ALMATY = new Date("2026-11-24T17:30:00Z"); // 22:30 UTC+5

const optOut = findTopic("newsletter")!; // opt_out
const optIn = findTopic("advertising")!; // opt_in
const partner = findTopic("partner_offers")!; // opt_in, partner
const smsOptOut = findTopic("event_invitations")!; // opt_out, sends by sms too

type Scopes = [topic: string, channel: string, status: ConsentStatus][];

function contact(scopes: Scopes, facts: Partial<Extract<RecipientFacts, { found: true }>> = {}): RecipientFacts {
  const states = new Map(scopes.map(([t, c, s]) => [scopeKey(t, c), s]));
  return { found: true, contactId: "ct_x", locale: "kk", erased: false, hasAddress: true, suppressed: false, awaitingConfirmation: false, pausedUntil: null, digestOnly: false, states, ...facts };
}

interface Case {
  name: string;
  topic?: Topic;
  channel?: Channel;
  at?: Date;
  digest?: boolean;
  recipient: RecipientFacts;
  expected: string;
  /** With "paused": the pause's end the answer carries. */
  until?: string;
}

const NEXT_MONTH = "2026-12-24T07:00:00.000Z";

const cases: Case[] = [
  // who the recipient is
  { name: "an unknown recipient is blocked", recipient: { found: false, erased: false }, expected: "unknown_contact" },
  { name: "an address left by an erasure is blocked", recipient: { found: false, erased: true }, expected: "erased" },
  { name: "an erased contact is blocked even with grants", recipient: contact([["*", "*", "granted"]], { erased: true }), expected: "erased" },
  { name: "no address for the channel blocks", recipient: contact([["*", "*", "granted"]], { hasAddress: false }), expected: "no_address" },
  { name: "a suppressed address blocks even an explicit grant", recipient: contact([["newsletter", "email", "granted"]], { suppressed: true }), expected: "suppressed" },
  // rule 1: broad withdrawals beat narrower grants
  { name: "(*,*) withdrawn beats a (T,C) grant", recipient: contact([["*", "*", "withdrawn"], ["newsletter", "email", "granted"]]), expected: "withdrawn_all" },
  { name: "(*,*) withdrawn beats a (*,C) grant", recipient: contact([["*", "*", "withdrawn"], ["*", "email", "granted"]]), expected: "withdrawn_all" },
  { name: "(*,C) withdrawn beats a (T,C) grant", recipient: contact([["*", "email", "withdrawn"], ["newsletter", "email", "granted"]]), expected: "withdrawn_channel" },
  { name: "(*,C) withdrawn beats a (*,*) grant", recipient: contact([["*", "*", "granted"], ["*", "email", "withdrawn"]]), expected: "withdrawn_channel" },
  { name: "(T,*) withdrawn beats a (T,C) grant", recipient: contact([["newsletter", "*", "withdrawn"], ["newsletter", "email", "granted"]]), expected: "withdrawn_topic" },
  { name: "(T,*) withdrawn beats a (*,*) grant", recipient: contact([["*", "*", "granted"], ["newsletter", "*", "withdrawn"]]), expected: "withdrawn_topic" },
  { name: "with (*,*) and (*,C) both withdrawn, (*,*) is the reason", recipient: contact([["*", "*", "withdrawn"], ["*", "email", "withdrawn"]]), expected: "withdrawn_all" },
  { name: "with (*,C) and (T,*) both withdrawn, (*,C) is the reason", recipient: contact([["*", "email", "withdrawn"], ["newsletter", "*", "withdrawn"]]), expected: "withdrawn_channel" },
  { name: "a withdrawal on another channel does not block", recipient: contact([["*", "*", "granted"], ["*", "sms", "withdrawn"]]), expected: "baseline_consent" },
  { name: "a withdrawal of another topic does not block", recipient: contact([["*", "*", "granted"], ["offers_prices", "*", "withdrawn"]]), expected: "baseline_consent" },
  // rule 2: a (T,C) withdrawal blocks
  { name: "(T,C) withdrawn beats a (T,*) grant", recipient: contact([["newsletter", "*", "granted"], ["newsletter", "email", "withdrawn"]]), expected: "withdrawn_topic_channel" },
  { name: "(T,C) withdrawn beats a (*,*) grant", recipient: contact([["*", "*", "granted"], ["newsletter", "email", "withdrawn"]]), expected: "withdrawn_topic_channel" },
  // rule 3: explicit grants
  { name: "a (T,C) grant allows", recipient: contact([["newsletter", "email", "granted"]]), expected: "explicit_consent" },
  { name: "a (T,*) grant allows", recipient: contact([["newsletter", "*", "granted"]]), expected: "explicit_consent" },
  { name: "a (T,C) grant allows an opt_in topic", topic: optIn, recipient: contact([["advertising", "email", "granted"]]), expected: "explicit_consent" },
  { name: "a (T,*) grant allows a partner topic", topic: partner, recipient: contact([["partner_offers", "*", "granted"]]), expected: "explicit_consent" },
  // rule 4: baseline consent
  { name: "a (*,*) grant allows an opt_out topic", recipient: contact([["*", "*", "granted"]]), expected: "baseline_consent" },
  { name: "a (*,C) grant allows an opt_out topic", recipient: contact([["*", "email", "granted"]]), expected: "baseline_consent" },
  { name: "a (*,*) grant never allows an opt_in topic", topic: optIn, recipient: contact([["*", "*", "granted"]]), expected: "no_consent" },
  { name: "a (*,C) grant never allows an opt_in topic", topic: optIn, recipient: contact([["*", "email", "granted"]]), expected: "no_consent" },
  { name: "a (*,*) grant never allows a partner topic", topic: partner, recipient: contact([["*", "*", "granted"]]), expected: "no_consent" },
  { name: "a grant on another channel is no baseline here", recipient: contact([["*", "sms", "granted"]]), expected: "no_consent" },
  // rule 5
  { name: "no record at all is no consent", recipient: contact([]), expected: "no_consent" },
  // grants awaiting their confirmation (double opt-in)
  { name: "an unconfirmed grant is pending, not no consent", topic: optIn, recipient: contact([["*", "*", "granted"]], { awaitingConfirmation: true }), expected: "pending_confirmation" },
  { name: "an unconfirmed grant after a (T,C) withdrawal is pending", topic: optIn, recipient: contact([["advertising", "sms", "withdrawn"]], { awaitingConfirmation: true }), channel: "sms", expected: "pending_confirmation" },
  { name: "an unconfirmed grant does not hide a stopped channel", topic: optIn, recipient: contact([["*", "email", "withdrawn"]], { awaitingConfirmation: true }), expected: "withdrawn_channel" },
  { name: "an unconfirmed grant does not hide a withdrawn topic", topic: optIn, recipient: contact([["advertising", "*", "withdrawn"]], { awaitingConfirmation: true }), expected: "withdrawn_topic" },
  { name: "an unconfirmed grant changes nothing that is already allowed", topic: optIn, recipient: contact([["advertising", "*", "granted"]], { awaitingConfirmation: true }), expected: "explicit_consent" },
  { name: "a grant of another topic is no consent for this one", recipient: contact([["offers_prices", "email", "granted"]]), expected: "no_consent" },
  // quiet hours
  { name: "sms at 22:30 Almaty time is quiet", topic: smsOptOut, channel: "sms", at: NIGHT_ALMATY, recipient: contact([["*", "*", "granted"]]), expected: "quiet_hours" },
  { name: "sms at noon Almaty time is allowed", topic: smsOptOut, channel: "sms", recipient: contact([["*", "*", "granted"]]), expected: "baseline_consent" },
  { name: "voice at night is quiet", topic: smsOptOut, channel: "voice", at: NIGHT_ALMATY, recipient: contact([["event_invitations", "voice", "granted"]]), expected: "quiet_hours" },
  { name: "email at night is not quiet", at: NIGHT_ALMATY, recipient: contact([["*", "*", "granted"]]), expected: "baseline_consent" },
  { name: "a withdrawal, not quiet hours, is the reason at night", topic: smsOptOut, channel: "sms", at: NIGHT_ALMATY, recipient: contact([["*", "sms", "withdrawn"]]), expected: "withdrawn_channel" },
  // pause: holds what consent allows, until its end
  { name: "a pause blocks what a grant allows, with its end", recipient: contact([["newsletter", "email", "granted"]], { pausedUntil: NEXT_MONTH }), expected: "paused", until: NEXT_MONTH },
  { name: "a pause blocks what a baseline allows", recipient: contact([["*", "*", "granted"]], { pausedUntil: NEXT_MONTH }), expected: "paused", until: NEXT_MONTH },
  { name: "a pause blocks a digest campaign too", recipient: contact([["*", "*", "granted"]], { pausedUntil: NEXT_MONTH, digestOnly: true }), digest: true, expected: "paused", until: NEXT_MONTH },
  { name: "a send at the pause's end is allowed", at: new Date(NEXT_MONTH), recipient: contact([["*", "*", "granted"]], { pausedUntil: NEXT_MONTH }), expected: "baseline_consent" },
  { name: "a pause that ended before the send does not block", recipient: contact([["*", "*", "granted"]], { pausedUntil: "2026-11-01T00:00:00.000Z" }), expected: "baseline_consent" },
  { name: "a withdrawal during a pause is the reason", recipient: contact([["*", "*", "withdrawn"]], { pausedUntil: NEXT_MONTH }), expected: "withdrawn_all" },
  { name: "no consent, not the pause, is the reason", topic: optIn, recipient: contact([["*", "*", "granted"]], { pausedUntil: NEXT_MONTH }), expected: "no_consent" },
  { name: "a pause, not quiet hours, is the reason at night", topic: smsOptOut, channel: "sms", at: NIGHT_ALMATY, recipient: contact([["*", "*", "granted"]], { pausedUntil: NEXT_MONTH }), expected: "paused", until: NEXT_MONTH },
  // digest only
  { name: "digest only blocks an ordinary send of the topic", recipient: contact([["*", "*", "granted"]], { digestOnly: true }), expected: "digest_only" },
  { name: "digest only allows the topic's digest campaign", recipient: contact([["*", "*", "granted"]], { digestOnly: true }), digest: true, expected: "baseline_consent" },
  { name: "a digest campaign needs consent like any send", recipient: contact([["newsletter", "*", "withdrawn"]], { digestOnly: true }), digest: true, expected: "withdrawn_topic" },
  { name: "a digest campaign goes to those who did not choose digest only", recipient: contact([["newsletter", "email", "granted"]]), digest: true, expected: "explicit_consent" },
];

describe("decideSend", () => {
  it.each(cases)("$name", ({ topic = optOut, channel = "email", at = NOON_ALMATY, digest, recipient, expected, until }) => {
    const decision = decideSend({ topic, channel, sendAt: at, digest }, recipient, quiet);
    expect(decision.reason).toBe(expected);
    expect(decision.allowed).toBe((ALLOW_REASONS as readonly string[]).includes(expected));
    expect(decision.allowed ? undefined : decision.until).toBe(until);
  });

  it("has a case for every reason code", () => {
    const covered = new Set(cases.map((c) => c.expected));
    expect([...BLOCK_REASONS, ...ALLOW_REASONS].filter((reason) => !covered.has(reason))).toEqual([]);
  });
});
