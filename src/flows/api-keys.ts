import { randomToken, sha256Hex } from "../crypto/digest";
import { newId } from "../ids";
import type { Services } from "./services";

/** Keys look like "mpk_" and 43 base64url characters (256 random bits). */
const KEY_PREFIX = "mpk_";

/**
 * A new scoped API key: stored as its SHA-256 hash with a short prefix to recognise it by;
 * the key itself is in the answer only. The caller has checked the scopes may be given.
 */
export async function createApiKey({ store }: Services, input: { name: string; scopes: string[]; createdBy: string }) {
  const key = KEY_PREFIX + randomToken(32);
  const record = {
    id: newId("key"),
    name: input.name,
    prefix: key.slice(0, KEY_PREFIX.length + 6),
    scopes: input.scopes,
    createdAt: new Date().toISOString(),
    createdBy: input.createdBy,
    revokedAt: null,
  };
  await store.createApiKey({ ...record, hash: await sha256Hex(key) });
  return { ...record, key };
}

/** Revokes a key, once: revoking again keeps the first time. Undefined for an unknown key. */
export function revokeApiKey({ store }: Services, id: string) {
  return store.revokeApiKey(id, new Date().toISOString());
}
