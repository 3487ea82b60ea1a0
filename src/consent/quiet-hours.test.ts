import { describe, expect, it } from "vitest";
import { isQuietTime, parseUtcOffset, parseWindow, type QuietHours } from "./quiet-hours";

const kz: QuietHours = { startMinute: 21 * 60, endMinute: 9 * 60, utcOffsetMinutes: 300, channels: ["sms", "voice"] };

describe("isQuietTime (21:00-09:00, UTC+5)", () => {
  it.each([
    ["2026-11-24T15:59:59Z", false, "20:59:59 local"],
    ["2026-11-24T16:00:00Z", true, "21:00 local: the window starts"],
    ["2026-11-24T19:00:00Z", true, "midnight local"],
    ["2026-11-25T03:59:59Z", true, "08:59:59 local"],
    ["2026-11-25T04:00:00Z", false, "09:00 local: the window ends"],
    ["2026-11-25T07:00:00Z", false, "noon local"],
  ])("%s is quiet: %s (%s)", (at, quiet) => {
    expect(isQuietTime(kz, "sms", new Date(at))).toBe(quiet);
  });

  it("applies only to the configured channels", () => {
    expect(isQuietTime(kz, "email", new Date("2026-11-24T19:00:00Z"))).toBe(false);
  });

  it("handles a window that does not cross midnight", () => {
    const lunch = { ...kz, startMinute: 13 * 60, endMinute: 14 * 60 };
    expect(isQuietTime(lunch, "sms", new Date("2026-11-24T08:30:00Z"))).toBe(true);
    expect(isQuietTime(lunch, "sms", new Date("2026-11-24T09:00:00Z"))).toBe(false);
  });

  it("treats an empty window as never quiet", () => {
    expect(isQuietTime({ ...kz, startMinute: 0, endMinute: 0 }, "sms", new Date())).toBe(false);
  });
});

describe("configuration parsing", () => {
  it.each([
    ["21:00-09:00", { startMinute: 1260, endMinute: 540 }],
    ["24:00-09:00", undefined],
    ["9:00-21:00", undefined],
    ["21:60-09:00", undefined],
  ])("parseWindow(%s)", (text, expected) => expect(parseWindow(text)).toEqual(expected));

  it.each([
    ["+05:00", 300],
    ["-03:30", -210],
    ["+5", undefined],
    ["+15:00", undefined],
  ])("parseUtcOffset(%s)", (text, expected) => expect(parseUtcOffset(text)).toEqual(expected));
});
