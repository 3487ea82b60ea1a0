/**
 * The keys that sign links, from LINK_SIGNING_KEYS: "2:secret2,1:secret1". Each key has a
 * number (1-255) that travels in the token; the first key signs, every key verifies.
 * Rotating: put a new key first and keep the old one while its links should work;
 * removing a key revokes every link it signed.
 */
export interface KeyRing {
  signingKeyId: number;
  /** The HMAC key for an id, or undefined when the ring has no such key. */
  key(id: number): Promise<CryptoKey> | undefined;
}

export const MIN_LINK_SECRET_LENGTH = 32;

/** Parses the ring; returns the problems instead when it is unusable. */
export function parseKeyRing(text: string): KeyRing | { problems: string[] } {
  const problems: string[] = [];
  const secrets = new Map<number, string>();
  for (const entry of text.split(",").map((e) => e.trim()).filter(Boolean)) {
    const colon = entry.indexOf(":");
    const id = Number(entry.slice(0, colon));
    const secret = entry.slice(colon + 1);
    if (colon < 1 || !Number.isInteger(id) || id < 1 || id > 255) problems.push("each key must look like <id 1-255>:<secret>");
    else if (secrets.has(id)) problems.push(`key ${id} appears twice`);
    else if (secret.length < MIN_LINK_SECRET_LENGTH) problems.push(`key ${id} is shorter than ${MIN_LINK_SECRET_LENGTH} characters`);
    else secrets.set(id, secret);
  }
  if (secrets.size === 0 && problems.length === 0) problems.push("at least one key is required");
  if (problems.length) return { problems };

  const imported = new Map<number, Promise<CryptoKey>>();
  return {
    signingKeyId: secrets.keys().next().value!,
    key(id) {
      const secret = secrets.get(id);
      if (secret === undefined) return undefined;
      let key = imported.get(id);
      if (!key) {
        key = crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
        imported.set(id, key);
      }
      return key;
    },
  };
}
