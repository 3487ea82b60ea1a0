import { addressKindOf, type Channel } from "../../../../consent/channels";
import { TOPICS } from "../../../../consent/catalog";
import { consentStates, decideConsent, scopeKey, type Decision } from "../../../../consent/decision";
import type { Locale } from "../../../../consent/locales";
import type { Contact, ScopeState } from "../../../../consent/types";
import type { Cadence } from "../../../../consent/cadence";

/** The contact as /v1 shows it: its fields, its recorded scopes, and what they add up to. */
export function contactView(
  contact: Contact,
  states: ScopeState[],
  awaiting: { topic: string; channel: string }[],
  preferencesLink: { url: string; expiresAt: Date },
  at: Date,
  cadence: Cadence,
) {
  const preferences = effectivePreferences(contact, states, awaiting, at);
  return {
    ...contactFields(contact),
    consents: states.map(({ topic, channel, status, occurredAt }) => ({ topic, channel, status, occurredAt })),
    preferences,
    pauses: cadence.pauses,
    digests: cadence.digests,
    links: { preferences: preferencesLink.url, preferencesExpiresAt: preferencesLink.expiresAt.toISOString() },
  };
}

/** The contact's own fields, as /v1 shows them. */
export function contactFields(contact: Contact) {
  const { id, externalId, email, phone, createdAt, updatedAt } = contact;
  return { id, externalId, email, phone, locale: contact.locale as Locale, createdAt, updatedAt };
}

/**
 * Per topic, per channel it uses: whether a send would be allowed at `at` (now), sending
 * windows and suppressions aside. `awaiting`: the scopes whose grant awaits its confirmation.
 */
export function effectivePreferences(
  contact: Contact,
  states: Pick<ScopeState, "topic" | "channel" | "status" | "occurredAt">[],
  awaiting: { topic: string; channel: string }[],
  at: Date,
) {
  const statusByScope = consentStates(states);
  const awaitingScopes = new Set(awaiting.map((s) => scopeKey(s.topic, s.channel)));
  const preferences: Record<string, Record<string, Decision>> = {};
  for (const topic of TOPICS) {
    preferences[topic.key] = Object.fromEntries(
      topic.channels.map((channel) => [
        channel,
        hasAddress(contact, channel)
          ? decideConsent(topic, channel, statusByScope, awaitingScopes.has(scopeKey(topic.key, channel)), at)
          : { allowed: false, reason: "no_address" },
      ]),
    );
  }
  return preferences;
}

function hasAddress(contact: Contact, channel: Channel): boolean {
  return (addressKindOf(channel) === "email" ? contact.email : contact.phone) !== null;
}
