import type { Principal } from "./auth";

/** How long an isolate trusts a key it has read from D1. A revocation elsewhere waits this long. */
export const VERIFIED_KEY_TTL_MS = 30_000;
const MAX_ENTRIES = 1_000;

/**
 * Stored API keys this isolate has recently found valid, by hash, so that a marketing
 * tool's stream of send checks does not read its key from D1 on every request. Only keys
 * found valid are kept (a flood of wrong keys cannot fill it). Revoking a key forgets it
 * in the revoking isolate at once; other isolates forget it within VERIFIED_KEY_TTL_MS.
 */
class VerifiedKeys {
  #entries = new Map<string, { principal: Principal; expiresAt: number }>();

  get(hash: string): Principal | undefined {
    const entry = this.#entries.get(hash);
    if (!entry) return undefined;
    if (entry.expiresAt > Date.now()) return entry.principal;
    this.#entries.delete(hash);
    return undefined;
  }

  remember(hash: string, principal: Principal): void {
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(hash, { principal, expiresAt: Date.now() + VERIFIED_KEY_TTL_MS });
  }

  forget(keyId: string): void {
    for (const [hash, entry] of this.#entries) if (entry.principal.keyId === keyId) this.#entries.delete(hash);
  }
}

export const verifiedKeys = new VerifiedKeys();
