import { CHANNELS } from "./consent/channels";
import { isPolicyVersion } from "./consent/policy-version";
import { parseUtcOffset, parseWindow, type QuietHours } from "./consent/quiet-hours";
import type { Bindings } from "./env";
import { parseKeyRing, type KeyRing } from "./signing/key-ring";

export interface Config {
  policyVersion: string;
  quietHours: QuietHours;
  adminApiKey: string | undefined;
  addressHashKey: string;
  /** Where links point: "https://prefs.orleu.kz", no trailing slash. */
  publicBaseUrl: string;
  /** The domain of the mailto: unsubscribe alternative (Email Routing), when there is one. */
  unsubscribeMailDomain: string | undefined;
  linkKeys: KeyRing;
  /** How long preference-page links and double opt-in confirmation links work, in ms. */
  linkLifetimes: { preferences: number; confirm: number };
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

const MIN_SECRET_LENGTH = 32;
const configs = new WeakMap<object, Config>();

/** The configuration, read from the environment once per isolate; throws on anything unusable. */
export function readConfig(env: Bindings): Config {
  let config = configs.get(env);
  if (!config) {
    config = parseConfig(env);
    configs.set(env, config);
  }
  return config;
}

function parseConfig(env: Bindings): Config {
  const problems: string[] = [];
  const window = parseWindow(env.QUIET_HOURS ?? "");
  if (!window) problems.push('QUIET_HOURS must look like "21:00-09:00"');
  const offset = parseUtcOffset(env.QUIET_HOURS_UTC_OFFSET ?? "");
  if (offset === undefined) problems.push('QUIET_HOURS_UTC_OFFSET must look like "+05:00"');
  const channels = (env.QUIET_HOURS_CHANNELS ?? "").split(",").map((c) => c.trim()).filter(Boolean);
  const unknown = channels.filter((c) => !(CHANNELS as readonly string[]).includes(c));
  if (unknown.length) problems.push(`QUIET_HOURS_CHANNELS has unknown channels: ${unknown.join(", ")}`);
  if (!isPolicyVersion(env.POLICY_VERSION?.trim() ?? "")) {
    problems.push('POLICY_VERSION must be the date the policy text took effect, "2025-01" or "2025-01-15"');
  }
  const addressHashKey = env.ADDRESS_HASH_KEY ?? "";
  if (addressHashKey.length < MIN_SECRET_LENGTH) {
    problems.push(`ADDRESS_HASH_KEY must be a secret of at least ${MIN_SECRET_LENGTH} characters`);
  }
  const adminApiKey = env.ADMIN_API_KEY || undefined;
  if (adminApiKey !== undefined && adminApiKey.length < MIN_SECRET_LENGTH) {
    problems.push(`ADMIN_API_KEY must be at least ${MIN_SECRET_LENGTH} characters when set`);
  }
  const publicBaseUrl = parsePublicBaseUrl(env.PUBLIC_BASE_URL ?? "", problems);
  const unsubscribeMailDomain = env.UNSUBSCRIBE_MAIL_DOMAIN?.trim().toLowerCase() || undefined;
  if (unsubscribeMailDomain !== undefined && !/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/.test(unsubscribeMailDomain)) {
    problems.push("UNSUBSCRIBE_MAIL_DOMAIN must be a domain name such as unsubscribe.orleu.kz");
  }
  const linkKeys = parseKeyRing(env.LINK_SIGNING_KEYS ?? "");
  if ("problems" in linkKeys) problems.push(...linkKeys.problems.map((p) => `LINK_SIGNING_KEYS: ${p}`));
  const linkLifetimes = {
    preferences: parseDays("PREFERENCES_LINK_TTL_DAYS", env.PREFERENCES_LINK_TTL_DAYS, problems),
    confirm: parseDays("CONFIRM_LINK_TTL_DAYS", env.CONFIRM_LINK_TTL_DAYS, problems),
  };
  if (problems.length || !window || offset === undefined || "problems" in linkKeys) throw new ConfigError(problems.join("; "));
  return {
    policyVersion: env.POLICY_VERSION.trim(),
    quietHours: { ...window, utcOffsetMinutes: offset, channels },
    adminApiKey,
    addressHashKey,
    publicBaseUrl,
    unsubscribeMailDomain,
    linkKeys,
    linkLifetimes,
  };
}

const DAY_MS = 86_400_000;

/** A whole number of days, 1 to 365. */
function parseDays(name: string, text: string | undefined, problems: string[]): number {
  const days = Number(text);
  if (!/^\d+$/.test(text?.trim() ?? "") || days < 1 || days > 365) problems.push(`${name} must be a whole number of days, 1 to 365`);
  return days * DAY_MS;
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Whether a URL points at this machine (where plain http and the local mail outbox are allowed). */
export function isLocalUrl(url: URL): boolean {
  return LOCAL_HOSTS.has(url.hostname);
}

/** https, or plain http only for the local machine: links in real mail must not be sniffable. */
function parsePublicBaseUrl(text: string, problems: string[]): string {
  let url: URL | undefined;
  try {
    url = new URL(text.trim());
  } catch {
    // reported below
  }
  const local = url?.protocol === "http:" && isLocalUrl(url);
  if (!url || (url.protocol !== "https:" && !local) || url.search || url.hash || url.username) {
    problems.push("PUBLIC_BASE_URL must be an https:// URL (http:// only for localhost), without query or fragment");
    return "";
  }
  return url.href.replace(/\/+$/, "");
}
