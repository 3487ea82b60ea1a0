import type { Contact, ContactInput } from "./types";

export const IDENTITY_FIELDS = ["externalId", "email", "phone"] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];
export type Identity = Pick<Contact, "id" | IdentityField>;

/**
 * Which known contact the input names: by externalId, else email, else phone; or, when its
 * identifiers name different contacts, the fields that conflict. `find` looks a contact up
 * by one field. Shared by POST /v1/contacts and the import, so both match alike.
 */
export function matchIdentity<T extends Identity>(
  input: ContactInput,
  find: (field: IdentityField, value: string) => T | undefined,
): { target?: T } | { conflict: IdentityField[] } {
  const matchOf = (field: IdentityField) => (input[field] === undefined ? undefined : find(field, input[field]));
  const target = matchOf("externalId") ?? matchOf("email") ?? matchOf("phone");
  if (!target) return {};
  const conflict = IDENTITY_FIELDS.filter((field) => {
    const match = matchOf(field);
    return match !== undefined && match.id !== target.id;
  });
  // A contact's own id in the organisation's system is not changed by a match on an address.
  if (input.externalId !== undefined && target.externalId !== null && target.externalId !== input.externalId) {
    conflict.unshift("externalId");
  }
  return conflict.length ? { conflict } : { target };
}
