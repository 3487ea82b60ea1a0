import { derivedHmacKey } from "../crypto/derived-key";

/**
 * The operators' console session (docs/console.md): a stateless cookie, HMAC-SHA-256-signed,
 * that names the API key it was opened with (by the key's SHA-256, never the key) and its
 * lifetime. Nothing is stored: every request checks the signature, the time and that the
 * key is still valid, so revoking the key ends its sessions.
 */
export const SESSION_LIFETIME_SECONDS = 12 * 3600;

export interface ConsoleSession {
  /** SHA-256 (hex) of the API key that signed in. */
  keyHash: string;
  /** Seconds since the epoch. */
  issuedAt: number;
  expiresAt: number;
}

const encoder = new TextEncoder();

const toBase64Url = (bytes: Uint8Array) => bytes.toBase64({ alphabet: "base64url", omitPadding: true });

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    return Uint8Array.fromBase64(text, { alphabet: "base64url" });
  } catch {
    return undefined;
  }
}

/** A new session for the key with this hash, from `now`. */
export async function signSession(secret: string, keyHash: string, now: Date): Promise<{ token: string; session: ConsoleSession }> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const session = { keyHash, issuedAt, expiresAt: issuedAt + SESSION_LIFETIME_SECONDS };
  const payload = toBase64Url(encoder.encode(JSON.stringify([session.keyHash, session.issuedAt, session.expiresAt])));
  const mac = await crypto.subtle.sign("HMAC", await derivedHmacKey(secret, "console session"), encoder.encode(payload));
  return { token: `${payload}.${toBase64Url(new Uint8Array(mac))}`, session };
}

/** The session a token carries, if its MAC is ours and it is in force at `now`; else undefined. */
export async function verifySession(secret: string, token: string, now: Date): Promise<ConsoleSession | undefined> {
  const [payload, macText, ...rest] = token.split(".");
  const mac = macText === undefined ? undefined : fromBase64Url(macText);
  if (!payload || !mac || rest.length > 0 || token.length > 512) return undefined;
  // verify() compares in constant time.
  if (!(await crypto.subtle.verify("HMAC", await derivedHmacKey(secret, "console session"), mac, encoder.encode(payload)))) return undefined;
  const bytes = fromBase64Url(payload);
  const fields: unknown = bytes && JSON.parse(new TextDecoder().decode(bytes));
  if (!Array.isArray(fields) || fields.length !== 3) return undefined;
  const [keyHash, issuedAt, expiresAt] = fields;
  if (typeof keyHash !== "string" || typeof issuedAt !== "number" || typeof expiresAt !== "number") return undefined;
  const seconds = now.getTime() / 1000;
  // A session from the future (a clock set back) is not trusted either.
  if (seconds >= expiresAt || seconds < issuedAt - 60 || expiresAt - issuedAt > SESSION_LIFETIME_SECONDS) return undefined;
  return { keyHash, issuedAt, expiresAt };
}
