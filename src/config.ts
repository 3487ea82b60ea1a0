import { CHANNELS } from "./consent/channels";
import { parseUtcOffset, parseWindow, type QuietHours } from "./consent/quiet-hours";
import type { Bindings } from "./env";

export interface Config {
  policyVersion: string;
  quietHours: QuietHours;
  adminApiKey: string | undefined;
  addressHashKey: string;
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
  if (!env.POLICY_VERSION?.trim()) problems.push("POLICY_VERSION is required");
  const addressHashKey = env.ADDRESS_HASH_KEY ?? "";
  if (addressHashKey.length < MIN_SECRET_LENGTH) {
    problems.push(`ADDRESS_HASH_KEY must be a secret of at least ${MIN_SECRET_LENGTH} characters`);
  }
  const adminApiKey = env.ADMIN_API_KEY || undefined;
  if (adminApiKey !== undefined && adminApiKey.length < MIN_SECRET_LENGTH) {
    problems.push(`ADMIN_API_KEY must be at least ${MIN_SECRET_LENGTH} characters when set`);
  }
  if (problems.length || !window || offset === undefined) throw new ConfigError(problems.join("; "));
  return {
    policyVersion: env.POLICY_VERSION.trim(),
    quietHours: { ...window, utcOffsetMinutes: offset, channels },
    adminApiKey,
    addressHashKey,
  };
}
