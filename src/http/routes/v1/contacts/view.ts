import { addressKindOf, type Channel } from "../../../../consent/channels";
import { TOPICS } from "../../../../consent/catalog";
import { decideConsent, scopeKey, type Decision } from "../../../../consent/decision";
import type { Locale } from "../../../../consent/locales";
import type { Contact, ScopeState } from "../../../../store";

/** The contact as /v1 shows it: its fields, its recorded scopes, and what they add up to. */
export function contactView(contact: Contact, states: ScopeState[], preferencesLink: { url: string; expiresAt: Date }) {
  const preferences = effectivePreferences(contact, states);
  return {
    id: contact.id,
    externalId: contact.externalId,
    email: contact.email,
    phone: contact.phone,
    locale: contact.locale as Locale,
    createdAt: contact.createdAt,
    updatedAt: contact.updatedAt,
    consents: states.map(({ topic, channel, status, occurredAt }) => ({ topic, channel, status, occurredAt })),
    preferences,
    links: { preferences: preferencesLink.url, preferencesExpiresAt: preferencesLink.expiresAt.toISOString() },
  };
}

/** Per topic, per channel it uses: whether a send would be allowed now, quiet hours and suppressions aside. */
export function effectivePreferences(contact: Contact, states: Pick<ScopeState, "topic" | "channel" | "status">[]) {
  const statusByScope = new Map(states.map((s) => [scopeKey(s.topic, s.channel), s.status]));
  const preferences: Record<string, Record<string, Decision>> = {};
  for (const topic of TOPICS) {
    preferences[topic.key] = Object.fromEntries(
      topic.channels.map((channel) => [
        channel,
        hasAddress(contact, channel)
          ? decideConsent(topic, channel, statusByScope)
          : { allowed: false, reason: "no_address" },
      ]),
    );
  }
  return preferences;
}

function hasAddress(contact: Contact, channel: Channel): boolean {
  return (addressKindOf(channel) === "email" ? contact.email : contact.phone) !== null;
}
