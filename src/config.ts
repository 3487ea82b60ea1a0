import { HOLIDAYS } from "./consent/holidays";
import { isPolicyVersion } from "./consent/policy-version";
import { parseSendingWindows, parseUtcOffset, type SendingWindows } from "./consent/sending-window";
import type { Bindings } from "./env";
import { parseKeyRing, type KeyRing } from "./signing/key-ring";

export interface Config {
  policyVersion: string;
  /** SENDING_WINDOWS and LOCAL_UTC_OFFSET, with the holiday calendar; unusable, reading this throws (send checks and ledger summaries fail, nothing else). */
  sendingWindows: SendingWindows;
  /** ADMIN_API_KEY when set; with `problem` when it is unusable, and then it authenticates nothing. */
  adminApiKey: { key: string; problem?: string } | undefined;
  addressHashKey: string;
  /** Where links point: "https://prefs.orleu.kz", no trailing slash. */
  publicBaseUrl: string;
  /** The domain of the mailto: unsubscribe alternative (Email Routing), when there is one; throws when unusable. */
  unsubscribeMailDomain: string | undefined;
  linkKeys: KeyRing;
  /** The privacy policy the pages and mails link to (POLICY_URL); undefined when unset or unusable: no link, nothing else lost. */
  policyUrl: string | undefined;
  /** Requests per second a campaign's fan-out makes to Resend (CAMPAIGN_SEND_RATE, default 2); throws when unusable. */
  campaignSendRate: number;
  /** How long preference-page links and double opt-in confirmation links work, in ms; `confirm` throws when unusable. */
  linkLifetimes: { preferences: number; confirm: number };
  /**
   * Cloudflare Access in front of /admin (ACCESS_TEAM_DOMAIN and ACCESS_AUD): its signed
   * identity is trusted instead of a console key; undefined when neither is set; throws when unusable.
   */
  cloudflareAccess: { teamDomain: string; audience: string } | undefined;
  /** What is wrong with the optional settings, each naming its setting (required ones throw instead). */
  problems: string[];
}

/** An unusable setting; the message names it, and the HTTP edge answers 503 service_misconfigured with it. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const MIN_SECRET_LENGTH = 32;
const configs = new WeakMap<object, Config>();

/**
 * The configuration, read from the environment once per isolate. Throws on an unusable
 * required setting: what links and the ledger need everywhere (the signing keys, the
 * address hash key, PUBLIC_BASE_URL, POLICY_VERSION, the preference link's lifetime).
 * Any other unusable setting disables only what reads it, so that unsubscribing never
 * waits on, say, a short ADMIN_API_KEY.
 */
export function readConfig(env: Bindings): Config {
  let config = configs.get(env);
  if (!config) {
    config = parseConfig(env);
    configs.set(env, config);
  }
  return config;
}

type Setting<T> = { value: T } | { problem: string };

function parseConfig(env: Bindings): Config {
  const required: string[] = [];
  const policyVersion = need(parsePolicyVersion(env.POLICY_VERSION), required);
  const addressHashKey = need(parseAddressHashKey(env.ADDRESS_HASH_KEY), required);
  const publicBaseUrl = need(parsePublicBaseUrl(env.PUBLIC_BASE_URL ?? ""), required);
  const linkKeys = need(parseLinkKeys(env.LINK_SIGNING_KEYS), required);
  const preferences = need(parseDays("PREFERENCES_LINK_TTL_DAYS", env.PREFERENCES_LINK_TTL_DAYS), required);
  if (required.length) throw new ConfigError(required.join("; "));

  const adminApiKey = parseAdminApiKey(env.ADMIN_API_KEY);
  const config: Config = {
    policyVersion,
    sendingWindows: undefined!, // set by optional() below, as are the other optional settings
    adminApiKey,
    addressHashKey,
    publicBaseUrl,
    unsubscribeMailDomain: undefined,
    cloudflareAccess: undefined,
    linkKeys,
    policyUrl: undefined,
    linkLifetimes: { preferences, confirm: 0 },
    campaignSendRate: 0,
    problems: adminApiKey?.problem ? [adminApiKey.problem] : [],
  };
  optional(config, "sendingWindows", parseWindows(env), config.problems);
  optional(config, "unsubscribeMailDomain", parseMailDomain(env.UNSUBSCRIBE_MAIL_DOMAIN), config.problems);
  const policyUrl = parsePolicyUrl(env.POLICY_URL);
  if ("value" in policyUrl) config.policyUrl = policyUrl.value;
  else config.problems.push(policyUrl.problem);
  optional(config, "campaignSendRate", parseSendRate(env.CAMPAIGN_SEND_RATE), config.problems);
  optional(config, "cloudflareAccess", parseCloudflareAccess(env.ACCESS_TEAM_DOMAIN, env.ACCESS_AUD), config.problems);
  optional(config.linkLifetimes, "confirm", parseDays("CONFIRM_LINK_TTL_DAYS", env.CONFIRM_LINK_TTL_DAYS), config.problems);
  return config;
}

/** A required setting's value; when it is unusable, its problem goes to `problems` and the caller throws. */
function need<T>(setting: Setting<T>, problems: string[]): T {
  if ("value" in setting) return setting.value;
  problems.push(setting.problem);
  return undefined as T;
}

/** Sets the field from its setting; when the setting is unusable, reading the field throws, naming it. */
function optional<T extends object, K extends keyof T>(target: T, field: K, setting: Setting<T[K]>, problems: string[]): void {
  if ("value" in setting) {
    target[field] = setting.value;
    return;
  }
  problems.push(setting.problem);
  Object.defineProperty(target, field, {
    enumerable: true,
    get() {
      throw new ConfigError(setting.problem);
    },
  });
}

function parsePolicyVersion(text: string | undefined): Setting<string> {
  const version = text?.trim() ?? "";
  if (isPolicyVersion(version)) return { value: version };
  return { problem: 'POLICY_VERSION must be the date the policy text took effect, "2025-01" or "2025-01-15"' };
}

function parseAddressHashKey(text: string | undefined): Setting<string> {
  if (text && text.length >= MIN_SECRET_LENGTH) return { value: text };
  return { problem: `ADDRESS_HASH_KEY must be a secret of at least ${MIN_SECRET_LENGTH} characters` };
}

function parseLinkKeys(text: string | undefined): Setting<KeyRing> {
  const ring = parseKeyRing(text ?? "");
  return "problems" in ring ? { problem: ring.problems.map((p) => `LINK_SIGNING_KEYS: ${p}`).join("; ") } : { value: ring };
}

function parseAdminApiKey(text: string | undefined): Config["adminApiKey"] {
  if (!text) return undefined;
  return text.length < MIN_SECRET_LENGTH ? { key: text, problem: `ADMIN_API_KEY must be at least ${MIN_SECRET_LENGTH} characters when set` } : { key: text };
}

/** Issue 13 replaced quiet hours; a deployment still setting them must move the rule, not lose it silently. */
const RETIRED_SETTINGS = ["QUIET_HOURS", "QUIET_HOURS_UTC_OFFSET", "QUIET_HOURS_CHANNELS"];

function parseWindows(env: Bindings): Setting<SendingWindows> {
  const problems: string[] = [];
  const retired = RETIRED_SETTINGS.filter((name) => (env as unknown as Record<string, unknown>)[name] !== undefined);
  if (retired.length) problems.push(`${retired.join(", ")} no longer work: write the rule as SENDING_WINDOWS (and LOCAL_UTC_OFFSET), then remove them`);
  const windows = parseSendingWindows(env.SENDING_WINDOWS ?? "");
  if ("problems" in windows) problems.push(...windows.problems.map((p) => `SENDING_WINDOWS: ${p}`));
  const offset = parseUtcOffset(env.LOCAL_UTC_OFFSET ?? "");
  if (offset === undefined) problems.push('LOCAL_UTC_OFFSET must look like "+05:00"');
  if (problems.length || "problems" in windows || offset === undefined) return { problem: problems.join("; ") };
  return { value: { utcOffsetMinutes: offset, holidays: HOLIDAYS, byChannel: windows.value } };
}

/** Both or neither: the team's domain ("orleu.cloudflareaccess.com") and the application's audience tag. */
function parseCloudflareAccess(team: string | undefined, audience: string | undefined): Setting<Config["cloudflareAccess"]> {
  if (!team && !audience) return { value: undefined };
  if (!team || !/^[a-z0-9][a-z0-9-]{0,62}\.cloudflareaccess\.com$/.test(team)) {
    return { problem: "ACCESS_TEAM_DOMAIN must be the team's domain, like orleu.cloudflareaccess.com, when ACCESS_AUD is set" };
  }
  if (!audience || !/^[0-9a-f]{64}$/.test(audience)) return { problem: "ACCESS_AUD must be the Access application's audience tag (64 hex characters)" };
  return { value: { teamDomain: team, audience } };
}

function parseMailDomain(text: string | undefined): Setting<string | undefined> {
  const domain = text?.trim().toLowerCase() || undefined;
  if (domain !== undefined && !/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/.test(domain)) {
    return { problem: "UNSUBSCRIBE_MAIL_DOMAIN must be a domain name such as unsubscribe.orleu.kz" };
  }
  return { value: domain };
}

/** An https:// page; a link that would not open is left out rather than shown. */
function parsePolicyUrl(text: string | undefined): Setting<string | undefined> {
  if (!text?.trim()) return { value: undefined };
  try {
    const url = new URL(text.trim());
    if (url.protocol === "https:" && !url.username && !url.password) return { value: url.href };
  } catch {
    // reported below
  }
  return { problem: "POLICY_URL must be an https:// URL; until it is, pages and mails show no link to the policy" };
}

/** Resend allows a team a few requests a second (2 by older docs, 5 by current ones; more on request). */
function parseSendRate(text: string | undefined): Setting<number> {
  if (!text?.trim()) return { value: 2 };
  const rate = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || rate < 0.1 || rate > 1000) {
    return { problem: "CAMPAIGN_SEND_RATE must be requests per second to Resend, 0.1 to 1000 (default 2)" };
  }
  return { value: rate };
}

const DAY_MS = 86_400_000;

/** A whole number of days, 1 to 365. */
function parseDays(name: string, text: string | undefined): Setting<number> {
  const days = Number(text);
  if (!/^\d+$/.test(text?.trim() ?? "") || days < 1 || days > 365) return { problem: `${name} must be a whole number of days, 1 to 365` };
  return { value: days * DAY_MS };
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Whether a URL points at this machine (where plain http and the local mail outbox are allowed). */
export function isLocalUrl(url: URL): boolean {
  return LOCAL_HOSTS.has(url.hostname);
}

/** https, or plain http only for the local machine: links in real mail must not be sniffable. */
function parsePublicBaseUrl(text: string): Setting<string> {
  let url: URL | undefined;
  try {
    url = new URL(text.trim());
  } catch {
    // reported below
  }
  const local = url?.protocol === "http:" && isLocalUrl(url);
  if (!url || (url.protocol !== "https:" && !local) || url.search || url.hash || url.username) {
    return { problem: "PUBLIC_BASE_URL must be an https:// URL (http:// only for localhost), without query or fragment" };
  }
  return { value: url.href.replace(/\/+$/, "") };
}
