const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

/** What a key derived from ADDRESS_HASH_KEY is for: each purpose has its own key. */
export type KeyPurpose = "console session" | "webhook endpoint secret";

/**
 * An HMAC-SHA-256 key for one purpose, derived (HKDF-SHA-256) from the service's one
 * long-lived secret, ADDRESS_HASH_KEY: no secret to configure per feature, and no value made
 * for one purpose (an address hash, a session MAC, a webhook secret) can pass for another's.
 * The address hashes themselves use the secret directly (src/crypto/address-hash.ts).
 */
export function derivedHmacKey(secret: string, purpose: KeyPurpose): Promise<CryptoKey> {
  const cacheKey = `${purpose}\u0000${secret}`;
  let key = keys.get(cacheKey);
  if (!key) {
    key = crypto.subtle
      .importKey("raw", encoder.encode(secret), "HKDF", false, ["deriveKey"])
      .then((base) =>
        crypto.subtle.deriveKey(
          { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: encoder.encode(`orleu ${purpose} v1`) },
          base,
          { name: "HMAC", hash: "SHA-256", length: 256 },
          false,
          ["sign", "verify"],
        ),
      );
    keys.set(cacheKey, key);
  }
  return key;
}
