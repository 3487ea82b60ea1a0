import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "./config";
import type { Bindings } from "./env";

const valid = {
  POLICY_VERSION: "2024-01",
  QUIET_HOURS: "21:00-09:00",
  QUIET_HOURS_UTC_OFFSET: "+05:00",
  QUIET_HOURS_CHANNELS: "sms,voice",
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
    ["UNSUBSCRIBE_MAIL_DOMAIN", "not a domain"],
    ["ADDRESS_HASH_KEY", "short"],
    ["POLICY_VERSION", undefined],
    ["POLICY_VERSION", "v2"],
    ["POLICY_VERSION", "2025-13"],
  ])("refuses %s=%j, naming it", (name, value) => {
    expect(() => config({ [name]: value })).toThrow(ConfigError);
    expect(() => config({ [name]: value })).toThrow(name);
  });

  it("reads link lifetimes in days", () => {
    expect(config({ PREFERENCES_LINK_TTL_DAYS: "14" }).linkLifetimes).toEqual({ preferences: 14 * 86_400_000, confirm: 7 * 86_400_000 });
  });

  it.each(["0", "366", "1.5", "", "30d", undefined])("refuses a link lifetime of %j", (days) => {
    expect(() => config({ CONFIRM_LINK_TTL_DAYS: days })).toThrow(/CONFIRM_LINK_TTL_DAYS must be a whole number of days/);
  });
});
