import { ALL } from "../consent/channels";
import { pauseEnd, type PauseMonths } from "../consent/cadence";
import { consentEvent } from "../consent/events";
import type { Locale } from "../consent/locales";
import type { LedgerStatus } from "../consent/sources";
import type { ValidLink } from "./resolve-link";
import type { Services } from "./services";

/** "Less often" from a page: pause a topic or everything, end a pause, or choose a topic's digest. */
export type CadenceRequest =
  | { kind: "pause"; topic: string; months: PauseMonths }
  | { kind: "resume"; topic: string; channel: string }
  | { kind: "digest"; topic: string; on: boolean };

export interface CadenceInput {
  link: ValidLink;
  request: CadenceRequest;
  source: "unsubscribe_page" | "preference_page";
  locale: Locale;
  evidence: Record<string, unknown>;
}

/**
 * Records a person's own "less often" choice from a link's page: one ledger event, which
 * moves no consent state (docs/preferences.md). False when the contact was erased meanwhile.
 * A pause's end is counted from now; its scope is the topic on every channel, or everything.
 */
export async function recordCadence({ config, store }: Services, input: CadenceInput): Promise<{ ok: boolean; until?: string }> {
  const { link, request } = input;
  const now = new Date();
  const base = {
    source: input.source,
    policyVersion: config.policyVersion,
    locale: input.locale,
    actor: "recipient",
    evidence: { ...input.evidence, linkKeyId: link.claims.keyId },
    occurredAt: now.toISOString(),
  };
  const until = request.kind === "pause" ? pauseEnd(now, request.months) : undefined;
  const status: LedgerStatus = request.kind === "pause" ? "paused" : request.kind === "resume" ? "resumed" : request.on ? "digest" : "digest_off";
  const channel = request.kind === "resume" ? request.channel : ALL;
  const event = consentEvent({ ...base, topic: request.topic, channel, status, ...(until && { until }) });
  const saved = await store.appendEvents(link.contact.id, [event]);
  if (saved.ok && input.locale !== link.contact.locale) await store.setLocale(link.contact.id, input.locale);
  return { ok: saved.ok, until };
}
