import type { AddressKind } from "../consent/channels";
import { toHex } from "./digest";

/**
 * The keyed hash that stands in for an address wherever a readable address must not be
 * kept (suppressions, erasure). HMAC-SHA-256 under ADDRESS_HASH_KEY: without the key the
 * hashes of a list of known addresses cannot be computed to find a match.
 */
export class AddressHasher {
  #key: Promise<CryptoKey> | undefined;

  constructor(private readonly secret: string) {}

  async hash(kind: AddressKind, normalisedAddress: string): Promise<string> {
    // Imported on first use: most requests never hash an address.
    this.#key ??= crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(this.secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const data = new TextEncoder().encode(`${kind}:${normalisedAddress}`);
    return toHex(await crypto.subtle.sign("HMAC", await this.#key, data));
  }
}
