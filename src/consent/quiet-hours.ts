/**
 * Quiet hours: a daily window, in a fixed UTC offset, when some channels must not send.
 * Kazakhstan has one zone, UTC+5, since 2024, so a fixed offset is exact there.
 */
export interface QuietHours {
  /** Minutes after local midnight when the quiet window starts (inclusive) and ends (exclusive). */
  startMinute: number;
  endMinute: number;
  /** Offset of local time from UTC, in minutes (UTC+5 is 300). */
  utcOffsetMinutes: number;
  channels: readonly string[];
}

export function isQuietTime(quiet: QuietHours, channel: string, at: Date): boolean {
  if (!quiet.channels.includes(channel) || quiet.startMinute === quiet.endMinute) return false;
  const local = new Date(at.getTime() + quiet.utcOffsetMinutes * 60_000);
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  return quiet.startMinute < quiet.endMinute
    ? minute >= quiet.startMinute && minute < quiet.endMinute
    : minute >= quiet.startMinute || minute < quiet.endMinute;
}

/** "21:00-09:00" to minutes; undefined when the text is not of that form. */
export function parseWindow(text: string): { startMinute: number; endMinute: number } | undefined {
  const match = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const [h1, m1, h2, m2] = match.slice(1).map(Number) as [number, number, number, number];
  if (h1 > 23 || h2 > 23 || m1 > 59 || m2 > 59) return undefined;
  return { startMinute: h1 * 60 + m1, endMinute: h2 * 60 + m2 };
}

/** "+05:00" to 300; undefined when the text is not of that form. */
export function parseUtcOffset(text: string): number | undefined {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  if (minutes > 14 * 60) return undefined;
  return match[1] === "-" ? -minutes : minutes;
}
