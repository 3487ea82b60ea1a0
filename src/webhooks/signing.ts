import { derivedHmacKey } from "../crypto/derived-key";

const encoder = new TextEncoder();

/** Standard Webhooks' secret prefix; the rest is the key, base64. */
export const SECRET_PREFIX = "whsec_";

/**
 * An endpoint's signing secret, derived rather than stored: HMAC-SHA-256 of the endpoint's
 * id and its random seed (the only part kept in the database) under a key derived from
 * ADDRESS_HASH_KEY for this purpose alone. A copy of the database alone cannot sign as the service; the same key and seed
 * always give the same secret, so the service can sign every delivery.
 */
export async function endpointSecret(addressHashKey: string, endpointId: string, seed: string): Promise<string> {
  const key = await derivedHmacKey(addressHashKey, "webhook endpoint secret");
  const bytes = await crypto.subtle.sign("HMAC", key, encoder.encode(`${endpointId}/${seed}`));
  return SECRET_PREFIX + new Uint8Array(bytes).toBase64();
}

/** The three headers of the Standard Webhooks specification for one attempt. */
export async function signatureHeaders(secret: string, id: string, timestamp: Date, body: string): Promise<Record<string, string>> {
  const seconds = Math.floor(timestamp.getTime() / 1000);
  const key = await crypto.subtle.importKey("raw", Uint8Array.fromBase64(secret.slice(SECRET_PREFIX.length)), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const signature = await crypto.subtle.sign("HMAC", key, encoder.encode(`${id}.${seconds}.${body}`));
  return {
    "webhook-id": id,
    "webhook-timestamp": String(seconds),
    "webhook-signature": `v1,${new Uint8Array(signature).toBase64()}`,
  };
}
