import type { ConsentCountKind } from "../store/types";

/** The trends' span: the last 90 Astana days, today included. */
export const TREND_DAYS = 90;
/** The day counts are Astana days (UTC+5, fixed in the migrations' SQL), whatever the sending windows say. */
const ASTANA_OFFSET_MS = 5 * 3_600_000;
/** Gmail's and Yahoo's bulk-sender complaint thresholds: stay below the first, mail is refused above the second. */
export const COMPLAINT_LINES = [0.001, 0.003] as const;

/** The last `count` Astana days up to `now`'s, oldest first (YYYY-MM-DD). */
export function astanaDays(now: Date, count = TREND_DAYS): string[] {
  const today = Date.parse(new Date(now.getTime() + ASTANA_OFFSET_MS).toISOString().slice(0, 10));
  return Array.from({ length: count }, (_, i) => new Date(today - (count - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

/** One number per day and kind, 0 where nothing was counted. */
export function seriesOf(rows: readonly { day: string; kind: ConsentCountKind; count: number }[], days: readonly string[]): Record<ConsentCountKind, number[]> {
  const index = new Map(days.map((day, i) => [day, i]));
  const series = { granted: [], withdrawn: [], bounced: [], complained: [], sent: [] } as Record<ConsentCountKind, number[]>;
  for (const kind of Object.keys(series) as ConsentCountKind[]) series[kind] = days.map(() => 0);
  for (const row of rows) {
    const i = index.get(row.day);
    if (i !== undefined) series[row.kind][i]! += Number(row.count);
  }
  return series;
}

/** Complaints / sent per day; null on a day nothing was sent (no rate, neither 0 nor infinity). */
export function complaintRates(sent: readonly number[], complained: readonly number[]): (number | null)[] {
  return sent.map((n, i) => (n > 0 ? complained[i]! / n : null));
}

/** The rate over the whole span; null when nothing was sent in it. */
export function overallRate(sent: readonly number[], complained: readonly number[]): { sent: number; complaints: number; rate: number | null } {
  const total = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  const s = total(sent);
  const complaints = total(complained);
  return { sent: s, complaints, rate: s > 0 ? complaints / s : null };
}
