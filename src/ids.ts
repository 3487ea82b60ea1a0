const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

/** An opaque, unguessable id with a prefix naming its kind: "ct_3k9…" is a contact. */
export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let id = "";
  for (const byte of bytes) id += ALPHABET[byte & 31];
  return `${prefix}_${id}`;
}
