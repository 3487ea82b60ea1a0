import type { RecipientFacts } from "../consent/decision";
import type { AddressHasher } from "../crypto/address-hash";
import type { ImportRow } from "./import-types";
import type { RecipientKey } from "./types";

// The work around a lookup that is the same on both backends: only the query differs, and
// each backend passes its own.

/**
 * An address nobody has any more may be one an erased person had: that is "erased", not
 * "unknown". `findErased` answers which of the given keyed hashes an erasure suppressed.
 */
export async function markErasedAddresses(
  hasher: AddressHasher,
  found: Record<RecipientKey, Map<string, RecipientFacts>>,
  values: Record<RecipientKey, string[]>,
  findErased: (hashes: string[]) => Promise<Set<string>>,
) {
  const unknown: { kind: "email" | "phone"; value: string; hash: string }[] = [];
  for (const kind of ["email", "phone"] as const) {
    for (const value of new Set(values[kind])) {
      if (!found[kind].has(value)) unknown.push({ kind, value, hash: await hasher.hash(kind, value) });
    }
  }
  if (unknown.length === 0) return;
  const erased = await findErased(unknown.map((u) => u.hash));
  for (const u of unknown) if (erased.has(u.hash)) found[u.kind].set(u.value, { found: false, erased: true });
}

/** The keyed hash of each address an import chunk names, by "kind:value". */
export async function chunkAddressHashes(hasher: AddressHasher, rows: ImportRow[]): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  await Promise.all(
    rows.flatMap(({ contact }) =>
      (["email", "phone"] as const).map(async (kind) => {
        const value = contact[kind];
        if (value !== undefined) hashes.set(`${kind}:${value}`, await hasher.hash(kind, value));
      }),
    ),
  );
  return hashes;
}
