import { createMiddleware } from "hono/factory";
import { ConfigError } from "../config";
import { digestsEqual, sha256, toHex } from "../crypto/digest";
import type { AppEnv } from "./context";
import { ApiError } from "./errors";
import { verifiedKeys } from "./verified-keys";

/** What an API key may do. A key carries any subset; ADMIN_API_KEY carries all. */
export const SCOPES = [
  "topics:read",
  "contacts:read",
  "contacts:write",
  "contacts:erase",
  "contacts:import", // bulk import (POST /v1/imports) and its status; contacts:write does not include it
  "send-checks:write",
  "send-checks:read", // the record of past checks: counts and reasons, no recipient
  "campaigns:send", // email campaigns the service sends itself (POST /v1/campaigns), their status and cancelling
  "api-keys:manage",
  "frequency-caps:manage", // read and replace the frequency caps every send check applies
  "sms:inbound", // an SMS gateway forwarding replies (POST /webhooks/sms)
  "console", // signing in to the operators' console at /admin; each action there also needs its own scope (docs/console.md)
  "webhooks:manage", // consent webhooks out: registering endpoints and reading their deliveries
] as const;
export type Scope = (typeof SCOPES)[number];

export interface Principal {
  /** "admin" for ADMIN_API_KEY, else the key's id; recorded as the actor of what it does. */
  keyId: string;
  scopes: readonly Scope[];
}

export const ADMIN_KEY_ID = "admin";

/** Seconds until a rate-limited key may try again: the limiter's period (wrangler.toml). */
const RATE_LIMIT_PERIOD_SECONDS = "10";

/**
 * Bearer authentication against ADMIN_API_KEY and the stored (hashed) keys, a scope check,
 * then the per-key rate limit.
 */
export function requireScope(scope: Scope) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const principal = await authenticate(c.req.header("Authorization"), c.var);
    if (!principal) {
      // RFC 6750 §3: a 401 names the scheme it wants.
      throw new ApiError("unauthorized", "A valid API key is required: Authorization: Bearer <key>.", undefined, { "WWW-Authenticate": "Bearer" });
    }
    if (!principal.scopes.includes(scope)) {
      throw new ApiError("forbidden", `This API key lacks the "${scope}" scope.`);
    }
    const { success } = await c.env.API_RATE_LIMIT.limit({ key: principal.keyId });
    if (!success) {
      throw new ApiError("rate_limited", "Too many requests with this API key; slow down and retry.", undefined, {
        "Retry-After": RATE_LIMIT_PERIOD_SECONDS,
      });
    }
    c.set("principal", principal);
    await next();
  });
}

async function authenticate(header: string | undefined, vars: AppEnv["Variables"]): Promise<Principal | undefined> {
  const match = /^Bearer\s+(\S{1,200})\s*$/i.exec(header ?? "");
  return match ? principalOfKey(match[1]!, vars) : undefined;
}

/** The principal an API key stands for, or undefined for no valid key. */
export async function principalOfKey(key: string, vars: Pick<AppEnv["Variables"], "config" | "store">): Promise<Principal | undefined> {
  return principalOfKeyHash(toHex(await sha256(key)), vars);
}

/**
 * The principal whose key has this SHA-256 (hex), if that key is still valid: the console's
 * session carries the hash, so that a revoked key, or a changed ADMIN_API_KEY, ends it.
 */
export async function principalOfKeyHash(hash: string, vars: Pick<AppEnv["Variables"], "config" | "store">): Promise<Principal | undefined> {
  const admin = vars.config.adminApiKey;
  if (admin !== undefined && hexDigestsEqual(hash, toHex(await adminKeyDigest(admin.key)))) {
    // An unusable ADMIN_API_KEY authenticates nothing; its holder is told why, not sent a 401.
    if (admin.problem) throw new ConfigError(admin.problem);
    return { keyId: ADMIN_KEY_ID, scopes: SCOPES };
  }
  // Looked up by the SHA-256 of the whole key: the hash is the index, so no comparison of
  // secrets happens in JavaScript; keys are 256-bit random, so a plain hash is enough.
  const known = verifiedKeys.get(hash);
  if (known) return known;
  const stored = await vars.store.findApiKeyByHash(hash);
  if (!stored || stored.revokedAt !== null) return undefined;
  const principal = { keyId: stored.id, scopes: stored.scopes.filter((s): s is Scope => (SCOPES as readonly string[]).includes(s)) };
  verifiedKeys.remember(hash, principal);
  return principal;
}

/** Two hex SHA-256 digests compared in constant time (a malformed one is simply unequal). */
function hexDigestsEqual(a: string, b: string): boolean {
  const bytes = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
  return /^[0-9a-f]{64}$/.test(a) && digestsEqual(bytes(a).buffer as ArrayBuffer, bytes(b).buffer as ArrayBuffer);
}

/** ADMIN_API_KEY's digest, computed once per isolate (and again only if the key changes). */
let adminDigest: { key: string; digest: Promise<ArrayBuffer> } | undefined;
function adminKeyDigest(key: string): Promise<ArrayBuffer> {
  if (adminDigest?.key !== key) adminDigest = { key, digest: sha256(key) };
  return adminDigest.digest;
}
