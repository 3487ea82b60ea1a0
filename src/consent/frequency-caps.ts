import type { Channel } from "./channels";

/** How far back a cap counts: a rolling window ending at the send time (docs/decision.md). */
export const CAP_PERIODS = ["day", "week", "month"] as const;
export type CapPeriod = (typeof CAP_PERIODS)[number];

const HOUR_MS = 60 * 60 * 1000;
/** A month is 30 days: a rolling window has no calendar, so no edge to send twice across. */
export const PERIOD_MS: Record<CapPeriod, number> = { day: 24 * HOUR_MS, week: 7 * 24 * HOUR_MS, month: 30 * 24 * HOUR_MS };

/** "At most `max` messages on `channel` (of `topic`, or of any topic when null) per `period`." */
export interface FrequencyCap {
  channel: Channel;
  topic: string | null;
  max: number;
  period: CapPeriod;
}

/** A cap with how many messages it counts for one person in its window. */
export type CapCount = FrequencyCap & { sent: number };

/** Where each period's window starts for a send at `sendAt`: sends after this instant count. */
export function windowStarts(sendAt: Date): Record<CapPeriod, string> {
  const start = (period: CapPeriod) => new Date(sendAt.getTime() - PERIOD_MS[period]).toISOString();
  return { day: start("day"), week: start("week"), month: start("month") };
}

export function capApplies(cap: FrequencyCap, topic: string, channel: Channel): boolean {
  return cap.channel === channel && (cap.topic === null || cap.topic === topic);
}

/** Whether one more message of `topic` on `channel` would pass a cap: any cap reached blocks, so the strictest wins. */
export function isCapped(counts: readonly CapCount[], topic: string, channel: Channel): boolean {
  return counts.some((cap) => capApplies(cap, topic, channel) && cap.sent >= cap.max);
}
