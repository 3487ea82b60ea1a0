import { describe, expect, it } from "vitest";
import { ConfigError, readConfig, type Config } from "./config";
import type { Bindings } from "./env";

const valid = {
  POLICY_VERSION: "2024-01",
  SENDING_WINDOWS: "sms,voice: mon-fri 09:00-21:00 except holidays; whatsapp: mon-sun 10:00-20:00",
  LOCAL_UTC_OFFSET: "+05:00",
  ADDRESS_HASH_KEY: "k".repeat(32),
  LINK_SIGNING_KEYS: `1:${"s".repeat(32)}`,
  PUBLIC_BASE_URL: "https://prefs.orleu.kz/",
  PREFERENCES_LINK_TTL_DAYS: "30",
  CONFIRM_LINK_TTL_DAYS: "7",
};
const config = (overrides: Record<string, string | undefined>) => readConfig({ ...valid, ...overrides } as unknown as Bindings);

describe("configuration", () => {
  it("reads a valid environment, trimming the base URL's trailing slash", () => {
    expect(config({})).toMatchObject({ publicBaseUrl: "https://prefs.orleu.kz", unsubscribeMailDomain: undefined });
    expect(config({ PUBLIC_BASE_URL: "https://orleu.kz/prefs/", UNSUBSCRIBE_MAIL_DOMAIN: "Unsubscribe.Orleu.KZ" })).toMatchObject({
      publicBaseUrl: "https://orleu.kz/prefs",
      unsubscribeMailDomain: "unsubscribe.orleu.kz",
    });
  });

  it("reads Cloudflare Access's settings both or neither, and names what is wrong with them", () => {
    const aud = "0123456789abcdef".repeat(4);
    expect(config({}).cloudflareAccess).toBeUndefined();
    expect(config({ ACCESS_TEAM_DOMAIN: "orleu.cloudflareaccess.com", ACCESS_AUD: aud }).cloudflareAccess).toEqual({ teamDomain: "orleu.cloudflareaccess.com", audience: aud });
    for (const [team, audience, named] of [
      ["orleu.cloudflareaccess.com", undefined, "ACCESS_AUD"],
      [undefined, aud, "ACCESS_TEAM_DOMAIN"],
      ["evil.example", aud, "ACCESS_TEAM_DOMAIN"],
      ["orleu.cloudflareaccess.com", "not-a-tag", "ACCESS_AUD"],
    ]) {
      const read = config({ ACCESS_TEAM_DOMAIN: team, ACCESS_AUD: audience });
      expect(() => read.cloudflareAccess).toThrow(ConfigError);
      expect(read.problems.join(" ")).toContain(named);
    }
  });

  it.each(["http://localhost:8787", "http://127.0.0.1:9000"])("allows plain http for the local machine: %s", (url) => {
    expect(config({ PUBLIC_BASE_URL: url }).publicBaseUrl).toBe(url);
  });

  it.each([
    ["PUBLIC_BASE_URL", "http://prefs.orleu.kz"],
    ["PUBLIC_BASE_URL", "prefs.orleu.kz"],
    ["PUBLIC_BASE_URL", "https://prefs.orleu.kz/?a=1"],
    ["PUBLIC_BASE_URL", undefined],
    ["LINK_SIGNING_KEYS", undefined],
    ["LINK_SIGNING_KEYS", "1:short"],
    ["ADDRESS_HASH_KEY", "short"],
    ["ADDRESS_HASH_KEY", undefined],
    ["PREFERENCES_LINK_TTL_DAYS", "0"],
    ["POLICY_VERSION", undefined],
    ["POLICY_VERSION", "v2"],
    ["POLICY_VERSION", "2025-13"],
  ])("refuses %s=%j, which links and the ledger need everywhere, naming it", (name, value) => {
    expect(() => config({ [name]: value })).toThrow(ConfigError);
    expect(() => config({ [name]: value })).toThrow(name);
  });

  it("reads link lifetimes in days", () => {
    expect(config({ PREFERENCES_LINK_TTL_DAYS: "14" }).linkLifetimes).toEqual({ preferences: 14 * 86_400_000, confirm: 7 * 86_400_000 });
  });

  it.each(["0", "366", "1.5", "", "30d", undefined])("refuses a link lifetime of %j", (days) => {
    expect(() => config({ PREFERENCES_LINK_TTL_DAYS: days })).toThrow(/PREFERENCES_LINK_TTL_DAYS must be a whole number of days/);
    expect(() => config({ CONFIRM_LINK_TTL_DAYS: days }).linkLifetimes.confirm).toThrow(/CONFIRM_LINK_TTL_DAYS must be a whole number of days/);
  });

  it("reads ADMIN_API_KEY when it is long enough, and leaves it out when unset", () => {
    expect(config({ ADMIN_API_KEY: "a".repeat(32) }).adminApiKey).toEqual({ key: "a".repeat(32) });
    expect(config({ ADMIN_API_KEY: undefined }).adminApiKey).toBeUndefined();
    expect(config({ ADMIN_API_KEY: "" }).adminApiKey).toBeUndefined();
  });
});

describe("an unusable optional setting", () => {
  it("disables only admin-key authentication when ADMIN_API_KEY is too short", () => {
    const read = config({ ADMIN_API_KEY: "short" });
    expect(read.adminApiKey).toEqual({ key: "short", problem: "ADMIN_API_KEY must be at least 32 characters when set" });
    expect(read.problems).toEqual(["ADMIN_API_KEY must be at least 32 characters when set"]);
    expect(read.policyVersion).toBe("2024-01");
  });

  const read = {
    sendingWindows: (c: Config) => c.sendingWindows,
    unsubscribeMailDomain: (c: Config) => c.unsubscribeMailDomain,
    confirmLifetime: (c: Config) => c.linkLifetimes.confirm,
  };
  it.each([
    ["SENDING_WINDOWS", "sms: 9-5", read.sendingWindows],
    ["SENDING_WINDOWS", "pigeon: mon-fri 09:00-21:00", read.sendingWindows],
    ["SENDING_WINDOWS", "sms: mon-fri 21:00-09:00", read.sendingWindows],
    ["SENDING_WINDOWS", "sms: weekdays 09:00-21:00", read.sendingWindows],
    ["SENDING_WINDOWS", "sms: mon-fri 09:00-21:00; sms: sat 10:00-12:00", read.sendingWindows],
    ["LOCAL_UTC_OFFSET", "UTC+5", read.sendingWindows],
    // Retired by issue 13: still set, the rule it meant must not be dropped silently.
    ["QUIET_HOURS", "21:00-09:00", read.sendingWindows],
    ["QUIET_HOURS_CHANNELS", "sms,voice", read.sendingWindows],
    ["UNSUBSCRIBE_MAIL_DOMAIN", "not a domain", read.unsubscribeMailDomain],
    ["CONFIRM_LINK_TTL_DAYS", "0", read.confirmLifetime],
  ])("%s=%j fails only what reads it, naming it", (name, value, use) => {
    const broken = config({ [name]: value });
    expect(() => use(broken)).toThrow(ConfigError);
    expect(() => use(broken)).toThrow(name);
    expect(broken.problems).toHaveLength(1);
    expect(broken.problems[0]).toContain(name);
    // What unsubscribing needs is all there.
    expect(broken).toMatchObject({ policyVersion: "2024-01", publicBaseUrl: "https://prefs.orleu.kz", addressHashKey: "k".repeat(32) });
    expect(broken.linkKeys.signingKeyId).toBe(1);
    expect(broken.linkLifetimes.preferences).toBe(30 * 86_400_000);
  });

  it("reads SENDING_WINDOWS per channel, with the holiday calendar, and no window for a channel it does not name", () => {
    const { sendingWindows } = config({});
    expect(sendingWindows.utcOffsetMinutes).toBe(300);
    expect(sendingWindows.byChannel.sms).toEqual({ days: [1, 2, 3, 4, 5], startMinute: 540, endMinute: 1260, exceptHolidays: true });
    expect(sendingWindows.byChannel.whatsapp).toEqual({ days: [0, 1, 2, 3, 4, 5, 6], startMinute: 600, endMinute: 1200, exceptHolidays: false });
    expect(sendingWindows.byChannel.email).toBeUndefined();
    expect(sendingWindows.holidays.has("2026-12-16")).toBe(true);
    expect(config({ SENDING_WINDOWS: "" }).sendingWindows.byChannel).toEqual({});
    expect(config({ SENDING_WINDOWS: "telegram: sat-mon 00:00-24:00" }).sendingWindows.byChannel.telegram?.days).toEqual([0, 1, 6]);
  });

  it("reads POLICY_URL as an optional https:// link: unset or unusable, there is no link and nothing else is lost", () => {
    expect(config({ POLICY_URL: "https://orleu-edu.kz/privacy-policy" })).toMatchObject({ policyUrl: "https://orleu-edu.kz/privacy-policy", problems: [] });
    expect(config({ POLICY_URL: undefined })).toMatchObject({ policyUrl: undefined, problems: [] });
    for (const unusable of ["http://orleu-edu.kz/policy", "not a url", "https://user:pw@orleu-edu.kz/"]) {
      const broken = config({ POLICY_URL: unusable });
      expect(broken.policyUrl).toBeUndefined();
      expect(broken.problems).toEqual([expect.stringContaining("POLICY_URL")]);
      expect(broken).toMatchObject({ publicBaseUrl: "https://prefs.orleu.kz", policyVersion: "2024-01" });
    }
  });

  it("lists nothing when every setting is usable", () => {
    expect(config({ ADMIN_API_KEY: "a".repeat(32), UNSUBSCRIBE_MAIL_DOMAIN: "unsubscribe.orleu.kz" }).problems).toEqual([]);
  });
});
