import { ALL } from "./channels";
import { findTopic } from "./catalog";

/** How long a person may pause from a page: one or three months (the API takes up to a year). */
export const PAUSE_MONTHS = [1, 3] as const;
export type PauseMonths = (typeof PAUSE_MONTHS)[number];

/** The end of a pause of `months` calendar months from `from` (the 31st runs into the next month, as Date does). */
export function pauseEnd(from: Date, months: PauseMonths): string {
  const end = new Date(from);
  end.setUTCMonth(end.getUTCMonth() + months);
  return end.toISOString();
}

/** What a page's pause names: one topic on every channel, or everything. */
export function pauseScope(topic: string): { topic: string; channel: typeof ALL } {
  return { topic: topic === ALL || !findTopic(topic) ? ALL : topic, channel: ALL };
}

export function parsePauseMonths(value: unknown): PauseMonths | undefined {
  return PAUSE_MONTHS.find((m) => String(m) === value);
}

/** A contact's "less often" choices in force (consent_cadence): pauses not yet ended, soonest end first, and digest-only scopes. */
export interface Cadence {
  pauses: { topic: string; channel: string; until: string }[];
  digests: { topic: string; channel: string }[];
}

/** The running pause that holds the link's scope back (of its topic or of all, on its channel or all): the one ending last. */
export function pauseCovering(pauses: Cadence["pauses"], scope: { topic: string; channel: string }): Cadence["pauses"][number] | undefined {
  const covering = pauses.filter((p) => [scope.topic, ALL].includes(p.topic) && [scope.channel, ALL].includes(p.channel));
  return covering.reduce<Cadence["pauses"][number] | undefined>((last, p) => (!last || p.until > last.until ? p : last), undefined);
}
