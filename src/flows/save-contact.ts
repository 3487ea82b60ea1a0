import { findTopic } from "../consent/catalog";
import { ALL, type Channel } from "../consent/channels";
import { localeOf } from "../consent/locales";
import { needsConfirmation } from "../consent/preference-choices";
import type { CallerSource, CallerStatus } from "../consent/sources";
import type { ContactInput } from "../consent/types";
import { mailConfirmations } from "./confirmation-mails";
import type { Services } from "./services";
import { consentEvent } from "../consent/events";

/** A consent as an API caller records it. */
export interface CallerConsent {
  topic: string;
  channel: Channel | typeof ALL;
  status: CallerStatus;
  source: CallerSource;
  occurredAt?: string;
  /** A pause's end (status "paused"). */
  until?: string;
  policyVersion?: string;
  evidence?: Record<string, unknown>;
}

export interface SaveContactRequest {
  contact: ContactInput;
  consents: CallerConsent[];
  /** Grants of opt_in topics wait for a confirmation mailed to the contact's email. */
  doubleOptIn: boolean;
  /** "api_key:<id>" */
  actor: string;
}

/**
 * POST /v1/contacts: creates or updates a contact and appends its consents in one atomic
 * store call; with double opt-in, opt_in grants are written as pending and their
 * confirmations mailed. Identifiers naming two different contacts: nothing is written.
 */
export async function saveContact(services: Services, request: SaveContactRequest) {
  const { store, config } = services;
  const awaitsConfirmation = (consent: CallerConsent) =>
    request.doubleOptIn && consent.status === "granted" && consent.channel !== ALL && needsConfirmation(findTopic(consent.topic)!);
  const events = request.consents.map((consent) =>
    consentEvent({
      topic: consent.topic,
      channel: consent.channel,
      status: awaitsConfirmation(consent) ? "pending" : consent.status,
      source: consent.source,
      ...(consent.occurredAt ? { occurredAt: new Date(consent.occurredAt).toISOString() } : {}),
      policyVersion: consent.policyVersion ?? config.policyVersion,
      locale: request.contact.locale ?? null,
      actor: request.actor,
      evidence: consent.evidence ?? {},
      ...(consent.until ? { until: new Date(consent.until).toISOString() } : {}),
    }),
  );
  const saved = await store.saveContact(request.contact, events);
  if (!saved.ok) return saved;
  const found = await store.getContact(saved.id);
  if (!found) throw new Error(`contact ${saved.id} vanished after saving`);
  const pending = request.consents.flatMap((consent, i) =>
    awaitsConfirmation(consent) ? [{ eventId: saved.eventIds[i]!, topic: consent.topic, channel: consent.channel as Channel }] : [],
  );
  const confirmations = found.contact.email
    ? await mailConfirmations(services, { id: saved.id, email: found.contact.email }, pending, localeOf(found.contact.locale))
    : [];
  return { ...saved, ...found, awaiting: await store.findAwaitingConfirmation(saved.id), confirmations };
}
