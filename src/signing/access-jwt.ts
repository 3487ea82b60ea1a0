/**
 * Cloudflare Access's identity assertion (the Cf-Access-Jwt-Assertion header): an RS256
 * JWT signed by the team's keys. Verified here with WebCrypto: signature against the
 * team's published keys, `iss` the team, `aud` this application, `exp` and `nbf` in force.
 * https://developers.cloudflare.com/cloudflare-one/identity/authorization-cookie/validating-json/
 */
export interface AccessSettings {
  teamDomain: string;
  audience: string;
}

export interface AccessIdentity {
  /** Access's stable id of the user (a UUID): recorded as the actor, no personal data. */
  subject: string;
}

/** How long the team's keys are trusted before they are fetched again; an unknown kid refetches sooner. */
const KEYS_TTL_MS = 60 * 60_000;
const REFETCH_AFTER_MS = 60_000;
const MAX_TOKEN_LENGTH = 8_192;

interface TeamKeys {
  fetchedAt: number;
  keys: Map<string, CryptoKey>;
}
const teams = new Map<string, Promise<TeamKeys>>();

async function fetchKeys(teamDomain: string): Promise<TeamKeys> {
  const response = await fetch(`https://${teamDomain}/cdn-cgi/access/certs`);
  if (!response.ok) throw new Error(`Cloudflare Access keys: ${response.status}`);
  const { keys = [] } = (await response.json()) as { keys?: { kid?: string; kty?: string; n?: string; e?: string }[] };
  const imported = new Map<string, CryptoKey>();
  for (const key of keys) {
    if (key.kty !== "RSA" || !key.kid || !key.n || !key.e) continue;
    const jwk = { kty: "RSA", n: key.n, e: key.e, alg: "RS256", ext: true };
    imported.set(key.kid, await crypto.subtle.importKey("jwk", jwk, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["verify"]));
  }
  return { fetchedAt: Date.now(), keys: imported };
}

/** The team's key with this kid: from the isolate's copy, fetched again when old or (at most once a minute) when the kid is new. */
async function keyFor(teamDomain: string, kid: string): Promise<CryptoKey | undefined> {
  let cached = teams.get(teamDomain);
  const current = cached && (await cached.catch(() => undefined));
  const age = current ? Date.now() - current.fetchedAt : Infinity;
  if (!current || age > KEYS_TTL_MS || (!current.keys.has(kid) && age > REFETCH_AFTER_MS)) {
    cached = fetchKeys(teamDomain);
    teams.set(teamDomain, cached);
  }
  return (await cached!).keys.get(kid);
}

const decoder = new TextDecoder();

function decodePart(part: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) return undefined;
  try {
    return Uint8Array.fromBase64(part, { alphabet: "base64url" });
  } catch {
    return undefined;
  }
}

function jsonPart(part: string): Record<string, unknown> | undefined {
  const bytes = decodePart(part);
  try {
    const value: unknown = bytes && JSON.parse(decoder.decode(bytes));
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The identity the assertion vouches for, or undefined for anything not proven (fail closed). */
export async function verifyAccessJwt(token: string, access: AccessSettings, now: Date): Promise<AccessIdentity | undefined> {
  const parts = token.length <= MAX_TOKEN_LENGTH ? token.split(".") : [];
  if (parts.length !== 3) return undefined;
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = jsonPart(headerPart);
  // Only RS256, whatever the token says: "none" and HMAC confusions never reach a key.
  if (header?.alg !== "RS256" || typeof header.kid !== "string") return undefined;
  const signature = decodePart(signaturePart);
  const key = signature && (await keyFor(access.teamDomain, header.kid));
  if (!key || !signature) return undefined;
  const signed = new TextEncoder().encode(`${headerPart}.${payloadPart}`);
  if (!(await crypto.subtle.verify("RSASSA-PKCS1-v1_5", key, signature, signed))) return undefined;

  const claims = jsonPart(payloadPart);
  if (!claims) return undefined;
  const seconds = now.getTime() / 1000;
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(access.audience)) return undefined;
  if (claims.iss !== `https://${access.teamDomain}`) return undefined;
  if (typeof claims.exp !== "number" || seconds >= claims.exp) return undefined;
  if (claims.nbf !== undefined && (typeof claims.nbf !== "number" || seconds < claims.nbf)) return undefined;
  if (typeof claims.sub !== "string" || !/^[\w-]{1,64}$/.test(claims.sub)) return undefined;
  return { subject: claims.sub };
}
