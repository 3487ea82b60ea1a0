import { ALL, type Channel } from "../consent/channels";
import { consentStates, scopeKey } from "../consent/decision";
import { consentEvent } from "../consent/events";
import type { Locale } from "../consent/locales";
import { needsConfirmation, preferenceChoices, type PreferenceChoices } from "../consent/preference-choices";
import { planPreferenceChanges, type PreferenceForm } from "../consent/preference-plan";
import type { Contact, ScopeState } from "../consent/types";
import { mailConfirmations } from "./confirmation-mails";
import type { ValidLink } from "./resolve-link";
import type { Services } from "./services";

/**
 * What the preference page shows a contact: every box and switch as it stands, on the
 * channels they can be reached on. The ledger tells which channels have ever been recorded
 * for them (a state alone would miss a pending grant or a cleared stop).
 */
export async function showPreferences({ store }: Services, contact: Contact, states: ScopeState[], now = new Date()): Promise<PreferenceChoices> {
  const [awaiting, stoppedGrants, recorded, cadence] = await Promise.all([
    store.findAwaitingConfirmation(contact.id),
    store.findStoppedGrants(contact.id),
    store.findRecordedChannels(contact.id).then((channels) => new Set(channels)),
    store.findCadence(contact.id, now.toISOString()),
  ]);
  return preferenceChoices(
    { email: contact.email, phone: contact.phone, recorded },
    consentStates(states),
    new Set(awaiting.map((s) => scopeKey(s.topic, s.channel))),
    new Set(stoppedGrants),
    cadence,
    now,
  );
}

export interface SavedPreferences {
  /** Events that took effect (pending grants not counted). */
  changes: number;
  /** Each box and switch the person moved, but grants that wait for their confirmation. */
  moved: { topic?: string; channel: Channel | typeof ALL; on: boolean }[];
  /** Each "digest only" box the person moved (topic keys). */
  digest: { topic: string; on: boolean }[];
  /** A confirmation per pending grant, and whether it was mailed. */
  confirmations: { topic: string; mailed: boolean }[];
  /** The contact and its states after the save. */
  contact: Contact;
  states: ScopeState[];
}

/**
 * POST /p/{token}: the ledger events that take the contact's states to what the form asks
 * (docs/preferences.md), in one atomic store call, then a confirmation mail per grant that
 * needs one. Undefined when the contact was erased meanwhile: nothing is written.
 */
export async function savePreferences(
  services: Services,
  input: { link: ValidLink; choices: PreferenceChoices; form: PreferenceForm; locale: Locale; evidence: Record<string, unknown> },
): Promise<SavedPreferences | undefined> {
  const { store, config } = services;
  const { link, form, locale } = input;
  const { contact } = link;
  const planned = planPreferenceChanges(form, consentStates(link.states), needsConfirmation, input.choices.stoppedGrants, new Date());
  const evidence = { ...input.evidence, linkKeyId: link.claims.keyId };
  // "Digest only" moves no consent state (docs/preferences.md): its events come after the plan's.
  const digest = form.digest.filter(({ choice }) => choice.was !== choice.now).map(({ topic, choice }) => ({ topic: topic.key, on: choice.now }));
  const cadence = digest.map((d) => ({ topic: d.topic, channel: ALL, status: d.on ? ("digest" as const) : ("digest_off" as const) }));
  const events = [...planned, ...cadence].map((p) =>
    consentEvent({
      ...p,
      source: "preference_page",
      policyVersion: config.policyVersion,
      locale,
      actor: "recipient",
      evidence: p.status === "pending" ? { ...evidence, confirmBy: "email" } : evidence,
    }),
  );
  const saved = events.length ? await store.appendEvents(contact.id, events) : { ok: true as const, eventIds: [] };
  if (!saved.ok) return undefined;
  // The person saved the page in this language: the mails (confirmations included) follow it.
  if (locale !== contact.locale) await store.setLocale(contact.id, locale);

  const pending = planned.flatMap((p, i) =>
    p.status === "pending" && p.channel !== ALL ? [{ eventId: saved.eventIds[i]!, topic: p.topic, channel: p.channel }] : [],
  );
  const mailed = contact.email ? await mailConfirmations(services, { id: contact.id, email: contact.email }, pending, locale) : [];
  const after = (await store.getContact(contact.id))!;
  const switches = [[ALL, form.stopAll] as const, ...(Object.entries(form.stopChannel) as [Channel, PreferenceForm["stopAll"]][])];
  return {
    changes: planned.length - pending.length + cadence.length,
    digest,
    moved: [
      ...switches.filter(([, t]) => t.was !== t.now).map(([channel, t]) => ({ channel, on: t.now })),
      ...form.boxes
        .filter(({ topic, choice }) => choice.was !== choice.now && !(choice.now && needsConfirmation(topic)))
        .map(({ topic, channel, choice }) => ({ topic: topic.key, channel, on: choice.now })),
    ],
    confirmations: mailed.map((m) => ({ topic: m.topic, mailed: m.mailed })),
    contact: after.contact,
    states: after.states,
  };
}
