import { describe, expect, it } from "vitest";
import { findTopic, type Topic } from "./catalog";
import type { Channel } from "./channels";
import { ALLOW_REASONS, BLOCK_REASONS, decideSend, RETIRED_REASONS, scopeKey, type RecipientFacts } from "./decision";
import { HOLIDAYS } from "./holidays";
import { parseSendingWindows, type SendingWindow, type SendingWindows } from "./sending-window";
import type { CapCount } from "./frequency-caps";
import type { ConsentStatus } from "./sources";

const rule = parseSendingWindows("sms,voice,whatsapp,telegram: mon-fri 09:00-21:00 except holidays") as { value: Record<string, SendingWindow> };
const windows: SendingWindows = { utcOffsetMinutes: 300, holidays: HOLIDAYS, byChannel: rule.value };
const NOON_ALMATY = new Date("2026-11-24T07:00:00Z"); // Tuesday 12:00 UTC+5
const NIGHT_ALMATY = new Date("2026-11-24T17:30:00Z"); // Tuesday 22:30 UTC+5
const kz = (local: string) => new Date(`${local}+05:00`);
const LONG_AGO = "2020-01-01T00:00:00.000Z";

const optOut = findTopic("newsletter")!; // opt_out
const optIn = findTopic("advertising")!; // opt_in
const partner = findTopic("partner_offers")!; // opt_in, partner
const smsOptOut = findTopic("event_invitations")!; // opt_out, sends by sms too

type Scopes = [topic: string, channel: string, status: ConsentStatus, since?: string][];

function contact(scopes: Scopes, facts: Partial<Extract<RecipientFacts, { found: true }>> = {}): RecipientFacts {
  const states = new Map(scopes.map(([t, c, status, since = "2026-11-01T00:00:00.000Z"]) => [scopeKey(t, c), { status, since }]));
  return { found: true, contactId: "ct_x", locale: "kk", erased: false, hasAddress: true, suppressed: false, awaitingConfirmation: false, pausedUntil: null, digestOnly: false, states, capsReached: [], ...facts };
}

/** A cap with this person's count in its window: [channel, topic or null, max, sent]. */
function caps(...rows: [channel: Channel, topic: string | null, max: number, sent: number][]): { capsReached: CapCount[] } {
  return { capsReached: rows.map(([channel, topic, max, sent]) => ({ channel, topic, max, sent, period: "week" })) };
}

interface Case {
  name: string;
  topic?: Topic;
  channel?: Channel;
  at?: Date;
  digest?: boolean;
  recipient: RecipientFacts;
  expected: string;
  retryAt?: string;
  /** With "paused": the pause's end the answer carries. */
  until?: string;
}

const NEXT_MONTH = "2026-12-24T07:00:00.000Z";

const smsInvite = { topic: findTopic("event_invitations")!, channel: "sms" as const, recipient: contact([["*", "*", "granted"]]) };
const adsByEmail = (scopes: Scopes, at: Date, facts = {}) => ({ topic: optIn, at, recipient: contact(scopes, facts) });
/** A topic as a future catalog might have it: opt_out, with a lifespan, so a baseline grant could allow it. */
const optOutWithLifespan: Topic = { ...optOut, lifespanMonths: 12 };

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
  // sending windows: weekdays 09:00-21:00 Astana time, not on holidays
  { name: "sms at 22:30 on a Tuesday waits for 09:00 on Wednesday", ...smsInvite, at: NIGHT_ALMATY, expected: "outside_sending_window", retryAt: "2026-11-25T04:00:00.000Z" },
  { name: "sms at noon on a Tuesday is allowed", ...smsInvite, expected: "baseline_consent" },
  { name: "sms at 09:00 sharp is allowed", ...smsInvite, at: kz("2026-11-24T09:00:00"), expected: "baseline_consent" },
  { name: "sms at 08:59 waits a minute", ...smsInvite, at: kz("2026-11-24T08:59:00"), expected: "outside_sending_window", retryAt: "2026-11-24T04:00:00.000Z" },
  { name: "sms at 20:59:59 is allowed", ...smsInvite, at: kz("2026-11-24T20:59:59"), expected: "baseline_consent" },
  { name: "sms at 21:00 sharp waits for the next morning", ...smsInvite, at: kz("2026-11-24T21:00:00"), expected: "outside_sending_window", retryAt: "2026-11-25T04:00:00.000Z" },
  { name: "sms on a Saturday noon waits for Monday 09:00", ...smsInvite, at: kz("2026-11-28T12:00:00"), expected: "outside_sending_window", retryAt: "2026-11-30T04:00:00.000Z" },
  { name: "sms on a Sunday evening waits for Monday 09:00", ...smsInvite, at: kz("2026-11-29T20:00:00"), expected: "outside_sending_window", retryAt: "2026-11-30T04:00:00.000Z" },
  { name: "sms at noon on Independence Day (a Wednesday) waits for Thursday", ...smsInvite, at: kz("2026-12-16T12:00:00"), expected: "outside_sending_window", retryAt: "2026-12-17T04:00:00.000Z" },
  { name: "sms on Kurban Ait 2026 (a Wednesday) waits for Thursday", ...smsInvite, at: kz("2026-05-27T10:00:00"), expected: "outside_sending_window", retryAt: "2026-05-28T04:00:00.000Z" },
  { name: "Friday night before Nauryz waits past the weekend and three holidays", ...smsInvite, at: kz("2026-03-20T21:30:00"), expected: "outside_sending_window", retryAt: "2026-03-26T04:00:00.000Z" },
  { name: "New Year's Eve at 21:00 waits past two holidays, a weekend and 4 January's day off", ...smsInvite, at: kz("2026-12-31T21:00:00"), expected: "outside_sending_window", retryAt: "2027-01-05T04:00:00.000Z" },
  { name: "a holiday's day off (Monday 9 March) has no window", ...smsInvite, at: kz("2026-03-09T12:00:00"), expected: "outside_sending_window", retryAt: "2026-03-10T04:00:00.000Z" },
  { name: "voice on a Saturday is outside the window", ...smsInvite, channel: "voice", at: kz("2026-11-28T12:00:00"), expected: "outside_sending_window", retryAt: "2026-11-30T04:00:00.000Z" },
  { name: "whatsapp at night is outside the window", ...smsInvite, channel: "whatsapp", at: NIGHT_ALMATY, expected: "outside_sending_window", retryAt: "2026-11-25T04:00:00.000Z" },
  { name: "email has no window: Saturday night on a holiday is allowed", at: kz("2026-12-16T23:30:00"), recipient: contact([["*", "*", "granted"]]), expected: "baseline_consent" },
  { name: "a withdrawal, not the window, is the reason at night", ...smsInvite, at: NIGHT_ALMATY, recipient: contact([["*", "sms", "withdrawn"]]), expected: "withdrawn_channel" },
  { name: "no consent, not the window, is the reason on a Sunday", ...smsInvite, at: kz("2026-11-29T12:00:00"), recipient: contact([]), expected: "no_consent" },
  // consent lifespans (advertising: 24 months)
  { name: "an advertising grant holds for 24 months", ...adsByEmail([["advertising", "email", "granted", "2024-11-24T07:00:00.001Z"]], NOON_ALMATY), expected: "explicit_consent" },
  { name: "an advertising grant 24 months old has expired", ...adsByEmail([["advertising", "email", "granted", "2024-11-24T07:00:00.000Z"]], NOON_ALMATY), expected: "consent_expired" },
  { name: "a (T,*) grant that expired is expired too", ...adsByEmail([["advertising", "*", "granted", LONG_AGO]], NOON_ALMATY), expected: "consent_expired" },
  { name: "a fresh (T,*) grant allows beside an expired (T,C) one", ...adsByEmail([["advertising", "email", "granted", LONG_AGO], ["advertising", "*", "granted"]], NOON_ALMATY), expected: "explicit_consent" },
  { name: "a withdrawal beats an expired grant as the reason", ...adsByEmail([["advertising", "email", "granted", LONG_AGO], ["*", "email", "withdrawn"]], NOON_ALMATY), expected: "withdrawn_channel" },
  { name: "an expired grant with a renewal awaiting confirmation is pending", ...adsByEmail([["advertising", "email", "granted", LONG_AGO]], NOON_ALMATY, { awaitingConfirmation: true }), expected: "pending_confirmation" },
  { name: "a topic without a lifespan keeps an old grant", recipient: contact([["newsletter", "email", "granted", LONG_AGO]]), expected: "explicit_consent" },
  { name: "a topic without a lifespan keeps an old baseline", recipient: contact([["*", "*", "granted", LONG_AGO]]), expected: "baseline_consent" },
  { name: "a baseline grant older than the topic's lifespan has expired for it", topic: optOutWithLifespan, recipient: contact([["*", "*", "granted", LONG_AGO]]), expected: "consent_expired" },
  { name: "a fresh baseline allows a topic with a lifespan beside an expired explicit grant", topic: optOutWithLifespan, recipient: contact([["newsletter", "email", "granted", LONG_AGO], ["*", "email", "granted"]]), expected: "baseline_consent" },
  { name: "an expired grant is the reason before the window", topic: optIn, channel: "sms", at: kz("2026-11-28T12:00:00"), recipient: contact([["advertising", "sms", "granted", LONG_AGO]]), expected: "consent_expired" },
  // frequency caps: counted by the store, compared here
  { name: "a channel cap reached blocks", recipient: contact([["*", "*", "granted"]], caps(["email", null, 2, 2])), expected: "frequency_capped" },
  { name: "a channel cap passed (data from before a lower cap) blocks", recipient: contact([["*", "*", "granted"]], caps(["email", null, 2, 5])), expected: "frequency_capped" },
  { name: "a channel cap not yet reached allows", recipient: contact([["*", "*", "granted"]], caps(["email", null, 2, 1])), expected: "baseline_consent" },
  { name: "a topic cap reached blocks its topic", recipient: contact([["newsletter", "email", "granted"]], caps(["email", "newsletter", 1, 1])), expected: "frequency_capped" },
  { name: "a cap of another topic does not apply", recipient: contact([["*", "*", "granted"]], caps(["email", "advertising", 1, 3])), expected: "baseline_consent" },
  { name: "a cap of another channel does not apply", recipient: contact([["*", "*", "granted"]], caps(["sms", null, 1, 3])), expected: "baseline_consent" },
  { name: "the strictest cap wins: the topic's reached, the channel's not", recipient: contact([["*", "*", "granted"]], caps(["email", null, 8, 3], ["email", "newsletter", 2, 2])), expected: "frequency_capped" },
  { name: "the strictest cap wins: the channel's reached, the topic's not", recipient: contact([["*", "*", "granted"]], caps(["email", null, 3, 3], ["email", "newsletter", 8, 3])), expected: "frequency_capped" },
  { name: "a withdrawal, not the cap, is the reason", recipient: contact([["*", "email", "withdrawn"]], caps(["email", null, 1, 1])), expected: "withdrawn_channel" },
  { name: "no consent, not the cap, is the reason", topic: optIn, recipient: contact([["*", "*", "granted"]], caps(["email", null, 1, 1])), expected: "no_consent" },
  { name: "a capped sms at night is capped, not outside the window", ...smsInvite, at: NIGHT_ALMATY, recipient: contact([["*", "*", "granted"]], caps(["sms", null, 2, 2])), expected: "frequency_capped" },
  // pause: holds what consent allows, until its end
  { name: "a pause blocks what a grant allows, with its end", recipient: contact([["newsletter", "email", "granted"]], { pausedUntil: NEXT_MONTH }), expected: "paused", until: NEXT_MONTH },
  { name: "a pause blocks what a baseline allows", recipient: contact([["*", "*", "granted"]], { pausedUntil: NEXT_MONTH }), expected: "paused", until: NEXT_MONTH },
  { name: "a pause blocks a digest campaign too", recipient: contact([["*", "*", "granted"]], { pausedUntil: NEXT_MONTH, digestOnly: true }), digest: true, expected: "paused", until: NEXT_MONTH },
  { name: "a send at the pause's end is allowed", at: new Date(NEXT_MONTH), recipient: contact([["*", "*", "granted"]], { pausedUntil: NEXT_MONTH }), expected: "baseline_consent" },
  { name: "a pause that ended before the send does not block", recipient: contact([["*", "*", "granted"]], { pausedUntil: "2026-11-01T00:00:00.000Z" }), expected: "baseline_consent" },
  { name: "a withdrawal during a pause is the reason", recipient: contact([["*", "*", "withdrawn"]], { pausedUntil: NEXT_MONTH }), expected: "withdrawn_all" },
  { name: "no consent, not the pause, is the reason", topic: optIn, recipient: contact([["*", "*", "granted"]], { pausedUntil: NEXT_MONTH }), expected: "no_consent" },
  { name: "a pause, not the sending window, is the reason at night", ...smsInvite, at: NIGHT_ALMATY, recipient: contact([["*", "*", "granted"]], { pausedUntil: NEXT_MONTH }), expected: "paused", until: NEXT_MONTH },
  // digest only
  { name: "digest only blocks an ordinary send of the topic", recipient: contact([["*", "*", "granted"]], { digestOnly: true }), expected: "digest_only" },
  { name: "digest only allows the topic's digest campaign", recipient: contact([["*", "*", "granted"]], { digestOnly: true }), digest: true, expected: "baseline_consent" },
  { name: "a digest campaign needs consent like any send", recipient: contact([["newsletter", "*", "withdrawn"]], { digestOnly: true }), digest: true, expected: "withdrawn_topic" },
  { name: "a digest campaign goes to those who did not choose digest only", recipient: contact([["newsletter", "email", "granted"]]), digest: true, expected: "explicit_consent" },
];

describe("decideSend", () => {
  it.each(cases)("$name", ({ topic = optOut, channel = "email", at = NOON_ALMATY, digest, recipient, expected, retryAt, until }) => {
    const decision = decideSend({ topic, channel, sendAt: at, digest }, recipient, windows);
    expect(decision.reason).toBe(expected);
    expect(decision.allowed).toBe((ALLOW_REASONS as readonly string[]).includes(expected));
    expect(decision.allowed ? undefined : decision.retryAt).toBe(retryAt);
    expect(decision.allowed ? undefined : decision.until).toBe(until);
  });

  it("has a case for every reason code it still gives", () => {
    const covered = new Set(cases.map((c) => c.expected));
    expect([...BLOCK_REASONS, ...ALLOW_REASONS].filter((reason) => !covered.has(reason))).toEqual([...RETIRED_REASONS]);
  });

  it("blocks without retryAt a channel whose window never opens within a year", () => {
    const shut: SendingWindows = { ...windows, byChannel: { sms: { days: [6], startMinute: 540, endMinute: 1260, exceptHolidays: true } }, holidays: new Set(saturdays(2026, 2028)) };
    const decision = decideSend({ topic: smsOptOut, channel: "sms", sendAt: NOON_ALMATY }, contact([["*", "*", "granted"]]), shut);
    expect(decision).toEqual({ allowed: false, reason: "outside_sending_window" });
  });
});

function saturdays(fromYear: number, toYear: number): string[] {
  const days: string[] = [];
  for (let t = Date.UTC(fromYear, 0, 1); t < Date.UTC(toYear + 1, 0, 1); t += 86_400_000) {
    if (new Date(t).getUTCDay() === 6) days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}
