import type { Services } from "./services";

/**
 * Erases a person, irreversibly and on the record (docs/erasure.md): one atomic store
 * call does all of it, once; a second call finds the contact already erased.
 */
export function eraseContact({ store }: Services, contactId: string, apiKeyId: string) {
  return store.eraseContact(contactId, apiKeyId);
}
