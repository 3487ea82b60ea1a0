import { describe, expect, it } from "vitest";
import { parseSendingWindows, parseUtcOffset, sendingWindowAt, type SendingWindows } from "./sending-window";

const weekdays = { days: [1, 2, 3, 4, 5], startMinute: 9 * 60, endMinute: 21 * 60, exceptHolidays: true };
const windows: SendingWindows = { utcOffsetMinutes: 300, holidays: new Set(["2026-12-16"]), byChannel: { sms: weekdays } };

describe("sendingWindowAt", () => {
  it.each([
    ["2026-11-24T12:00:00+05:00", true, undefined],
    ["2026-11-24T03:59:59Z", false, "2026-11-24T04:00:00.000Z"], // 08:59:59 local
    ["2026-11-24T23:59:59+05:00", false, "2026-11-25T04:00:00.000Z"],
    ["2026-11-24T19:30:00Z", false, "2026-11-25T04:00:00.000Z"], // 00:30 local on Wednesday
    ["2026-11-27T21:00:00+05:00", false, "2026-11-30T04:00:00.000Z"], // Friday 21:00
    ["2026-12-15T22:00:00+05:00", false, "2026-12-17T04:00:00.000Z"], // the eve of a holiday
  ])("at %s open: %s, next %s", (at, open, opensAt) => {
    const answer = sendingWindowAt(windows, "sms", new Date(at));
    expect(answer.open).toBe(open);
    if (!answer.open) expect(answer.opensAt?.toISOString()).toBe(opensAt);
  });

  it("leaves a channel without a window open at any time", () => {
    expect(sendingWindowAt(windows, "email", new Date("2026-12-16T23:00:00+05:00"))).toEqual({ open: true });
  });

  it("reads holidays in local time: 16 December starts at 19:00 UTC on the 15th", () => {
    expect(sendingWindowAt({ ...windows, byChannel: { sms: { ...weekdays, startMinute: 0, endMinute: 1440 } } }, "sms", new Date("2026-12-15T19:00:00Z")).open).toBe(false);
    expect(sendingWindowAt({ ...windows, byChannel: { sms: { ...weekdays, startMinute: 0, endMinute: 1440 } } }, "sms", new Date("2026-12-15T18:59:59Z")).open).toBe(true);
  });
});

describe("parseSendingWindows", () => {
  it("reads rules per channel, day ranges and lists", () => {
    expect(parseSendingWindows("sms,voice: mon-fri 09:00-21:00 except holidays; telegram: sat,sun 10:00-18:30")).toEqual({
      value: { sms: weekdays, voice: weekdays, telegram: { days: [0, 6], startMinute: 600, endMinute: 1110, exceptHolidays: false } },
    });
  });

  it.each(["sms mon-fri 09:00-21:00", "sms: mon-fri 9:00-21:00", "sms: mon-xyz 09:00-21:00", "sms: mon-fri 21:00-21:00", "sms: mon-fri 09:00-25:00", "fax: mon 09:00-10:00"])(
    "refuses %j",
    (text) => {
      expect(parseSendingWindows(text)).toHaveProperty("problems");
    },
  );

  it("reads offsets", () => {
    expect(parseUtcOffset("+05:00")).toBe(300);
    expect(parseUtcOffset("-03:30")).toBe(-210);
    expect(parseUtcOffset("UTC+5")).toBeUndefined();
  });
});
