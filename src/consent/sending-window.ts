import { CHANNELS } from "./channels";

/**
 * Sending windows: per channel, the local days and hours a marketing message may go out
 * and whether public holidays are excluded (docs/sending-windows.md). Local time is one
 * fixed UTC offset: Kazakhstan has had one zone, UTC+5, since 2024.
 */
export interface SendingWindow {
  /** Days of the week sending is allowed, local time: 0 Sunday … 6 Saturday. */
  days: readonly number[];
  /** Minutes after local midnight: allowed from start (inclusive) to end (exclusive); start < end. */
  startMinute: number;
  endMinute: number;
  /** No sending on the holiday calendar's days. */
  exceptHolidays: boolean;
}

export interface SendingWindows {
  /** Offset of local time from UTC, in minutes (UTC+5 is 300). */
  utcOffsetMinutes: number;
  /** Local dates ("YYYY-MM-DD") the windows with `exceptHolidays` leave out. */
  holidays: ReadonlySet<string>;
  /** A channel with no window may send at any time. */
  byChannel: Readonly<Record<string, SendingWindow | undefined>>;
}

export type WindowAnswer = { open: true } | { open: false; opensAt: Date | undefined };

const MINUTE = 60_000;
const DAY = 86_400_000;
/** How far ahead the next opening is looked for; a window that stays shut longer has none. */
const SEARCH_DAYS = 400;

/** Whether `channel` may send at `at`; when not, the next moment it may (undefined: not within a year). */
export function sendingWindowAt(windows: SendingWindows, channel: string, at: Date): WindowAnswer {
  const window = windows.byChannel[channel];
  if (!window) return { open: true };
  const offset = windows.utcOffsetMinutes * MINUTE;
  const local = at.getTime() + offset;
  const today = Math.floor(local / DAY) * DAY;
  const minute = (local - today) / MINUTE;
  for (let d = 0; d <= SEARCH_DAYS; d++) {
    const day = today + d * DAY;
    if (!isSendingDay(windows, window, day)) continue;
    if (d === 0 && minute >= window.endMinute) continue;
    if (d === 0 && minute >= window.startMinute) return { open: true };
    return { open: false, opensAt: new Date(day + window.startMinute * MINUTE - offset) };
  }
  return { open: false, opensAt: undefined };
}

function isSendingDay(windows: SendingWindows, window: SendingWindow, localMidnight: number): boolean {
  const date = new Date(localMidnight);
  if (!window.days.includes(date.getUTCDay())) return false;
  return !(window.exceptHolidays && windows.holidays.has(date.toISOString().slice(0, 10)));
}

const DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/**
 * SENDING_WINDOWS: rules separated by ";", each "channels: days hours [except holidays]",
 * e.g. "sms,voice: mon-fri 09:00-21:00 except holidays". Empty: no channel has a window.
 */
export function parseSendingWindows(text: string): { value: Record<string, SendingWindow> } | { problems: string[] } {
  const byChannel: Record<string, SendingWindow> = {};
  const problems: string[] = [];
  for (const rule of text.split(";").map((r) => r.trim()).filter(Boolean)) {
    const match = /^([a-z,\s]+):\s*([a-z,-]+)\s+(\d{2}:\d{2})-(\d{2}:\d{2})(\s+except holidays)?$/.exec(rule);
    const days = match ? parseDays(match[2]!) : undefined;
    const start = match ? parseClock(match[3]!) : undefined;
    const end = match ? parseClock(match[4]!) : undefined;
    if (!match || !days || start === undefined || end === undefined || start >= end) {
      problems.push(`"${rule}" is not "channels: mon-fri 09:00-21:00 [except holidays]" (days mon…sun, start before end)`);
      continue;
    }
    for (const channel of match[1]!.split(",").map((c) => c.trim()).filter(Boolean)) {
      if (!(CHANNELS as readonly string[]).includes(channel)) problems.push(`unknown channel ${channel}`);
      else if (byChannel[channel]) problems.push(`${channel} has two rules`);
      else byChannel[channel] = { days, startMinute: start, endMinute: end, exceptHolidays: match[5] !== undefined };
    }
  }
  return problems.length ? { problems } : { value: byChannel };
}

/** "mon-fri", "mon,wed,fri", "sat-sun" … to day numbers; undefined when unreadable. */
function parseDays(text: string): number[] | undefined {
  const days = new Set<number>();
  for (const part of text.split(",")) {
    const [from, to = from] = part.split("-").map((name) => DAY_NAMES.indexOf(name));
    if (from === undefined || from < 0 || to === undefined || to < 0 || part.split("-").length > 2) return undefined;
    for (let d = from; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === to) break;
    }
  }
  return [...days].sort();
}

/** "09:00" to minutes; "24:00" is the end of the day. */
function parseClock(text: string): number | undefined {
  const [h, m] = text.split(":").map(Number) as [number, number];
  if (h > 24 || m > 59 || (h === 24 && m !== 0)) return undefined;
  return h * 60 + m;
}

/** "+05:00" to 300; undefined when the text is not of that form. */
export function parseUtcOffset(text: string): number | undefined {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  if (minutes > 14 * 60) return undefined;
  return match[1] === "-" ? -minutes : minutes;
}
