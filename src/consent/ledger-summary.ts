import { ALL } from "./channels";
import { findTopic } from "./catalog";

/** What the summary needs of a ledger event, of a current scope, and of a suppression. */
export interface LedgerEntry {
  id: string;
  topic: string;
  channel: string;
  status: string;
  source: string;
  occurredAt: string;
  policyVersion: string;
  until?: string | null;
}
export interface CurrentScope {
  topic: string;
  channel: string;
  status: string;
  occurredAt: string;
  eventId: string;
  source: string;
}
export interface AddressSuppression {
  address: string;
  channel: string;
  reason: string;
  createdAt: string;
}

export interface LedgerSummary {
  events: number;
  byStatus: Record<string, number>;
  firstOccurredAt: string | null;
  lastOccurredAt: string | null;
  policyVersions: string[];
  /** Sentences an operator can read out in a dispute; times in local time with the offset named. */
  text: string[];
}

/** Counts and plain sentences over one contact's ledger (pure; the HTTP edge adds nothing). */
export function summariseLedger(
  events: LedgerEntry[],
  current: CurrentScope[],
  suppressions: AddressSuppression[],
  utcOffsetMinutes: number,
): LedgerSummary {
  const when = (iso: string) => localTime(iso, utcOffsetMinutes);
  const byStatus: Record<string, number> = {};
  for (const event of events) byStatus[event.status] = (byStatus[event.status] ?? 0) + 1;
  const times = events.map((e) => e.occurredAt).sort();
  const policyVersions = [...new Set(events.map((e) => e.policyVersion))].sort();
  const text: string[] = [];

  if (events.length === 0) {
    text.push("No consent or withdrawal is recorded for this contact.");
  } else {
    const counts = Object.entries(byStatus).map(([status, n]) => `${n} ${status}`).join(", ");
    text.push(
      `${events.length} ledger event${events.length === 1 ? "" : "s"} (${counts}) that occurred from ${when(times[0]!)} ` +
        `to ${when(times.at(-1)!)} (${offsetName(utcOffsetMinutes)}), under policy version${policyVersions.length === 1 ? "" : "s"} ` +
        `${policyVersions.join(", ")}.`,
    );
  }
  for (const scope of current) {
    text.push(
      `${scopeName(scope.topic, scope.channel)}: ${scope.status} since ${when(scope.occurredAt)}, ` +
        `source ${scope.source} (event ${scope.eventId}).`,
    );
  }
  for (const event of events.filter((e) => e.status === "paused")) {
    text.push(`${scopeName(event.topic, event.channel)}: paused on ${when(event.occurredAt)} until ${when(event.until!)} (event ${event.id}).`);
  }
  for (const event of stillPending(events)) {
    text.push(`${scopeName(event.topic, event.channel)}: awaiting confirmation (double opt-in) since ${when(event.occurredAt)} (event ${event.id}).`);
  }
  for (const s of suppressions) {
    const on = s.channel === ALL ? "every channel" : s.channel;
    text.push(`The ${s.address} address is suppressed on ${on} since ${when(s.createdAt)}: ${s.reason}.`);
  }
  return { events: events.length, byStatus, firstOccurredAt: times[0] ?? null, lastOccurredAt: times.at(-1) ?? null, policyVersions, text };
}

/** Pending events still the latest event on their scope: asked, not yet confirmed or overtaken. */
export function stillPending<E extends LedgerEntry>(events: E[]): E[] {
  const latest = new Map<string, E>();
  for (const event of events) latest.set(`${event.topic} ${event.channel}`, event);
  return [...latest.values()].filter((e) => e.status === "pending");
}

function scopeName(topic: string, channel: string): string {
  const what = topic === ALL ? "All topics" : `${findTopic(topic)?.title.en ?? topic} (${topic})`;
  return `${what} ${channel === ALL ? "on every channel" : `by ${channel}`}`;
}

export function localTime(iso: string, offsetMinutes: number): string {
  return new Date(Date.parse(iso) + offsetMinutes * 60_000).toISOString().slice(0, 16).replace("T", " ");
}

export function offsetName(minutes: number): string {
  const abs = Math.abs(minutes);
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  return `UTC${minutes < 0 ? "-" : "+"}${hhmm}`;
}
