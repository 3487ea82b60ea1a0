import { AddressHasher } from "../crypto/address-hash";
import { createApiKey, findApiKeyByHash, listApiKeys, revokeApiKey } from "./d1/api-keys";
import { findContact, getContact, saveContact, setLocale } from "./d1/contacts";
import { eraseContact, findErasure } from "./d1/erasure";
import { D1ImportStore } from "./d1/imports";
import {
  appendEvents,
  confirmPending,
  findAwaitingConfirmation,
  findStoppedGrants,
  regrantWithdrawnBy,
  undoWithdrawal,
  withdrawOnce,
} from "./d1/ledger";
import { prismaOnFirstUse } from "./d1/prisma";
import { getConsentLedger, listConsentsBefore } from "./d1/proof";
import { findRecipients } from "./d1/recipients";
import { getSendCheck, listSendChecks, recordSendCheck } from "./d1/send-checks";
import { recordWebhookDelivery } from "./d1/webhooks";
import type { Store } from "./types";

/**
 * The store for one request. The only place that knows which database is behind it: each
 * method is served by the module of src/store/d1/ named for what it keeps.
 */
export function createStore(db: D1Database, addressHashKey: string): Store {
  const hasher = new AddressHasher(addressHashKey);
  const prisma = prismaOnFirstUse(db);
  return {
    kind: "d1",
    ping: async () => {
      await db.prepare("SELECT 1").first();
    },
    imports: new D1ImportStore(db, hasher),
    saveContact: (input, events) => saveContact(db, hasher, input, events),
    findContact: (field, value) => findContact(db, field, value),
    setLocale: (id, locale) => setLocale(db, id, locale),
    getContact: (id) => getContact(db, id),
    appendEvents: (contactId, events) => appendEvents(db, contactId, events),
    withdrawOnce: (contactId, event) => withdrawOnce(db, contactId, event),
    undoWithdrawal: (contactId, withdrawalId, event) => undoWithdrawal(db, contactId, withdrawalId, event),
    confirmPending: (contactId, pendingEventId, grant) => confirmPending(db, contactId, pendingEventId, grant),
    regrantWithdrawnBy: (contactId, source, grant) => regrantWithdrawnBy(db, contactId, source, grant),
    findAwaitingConfirmation: (contactId) => findAwaitingConfirmation(db, contactId),
    findStoppedGrants: (contactId) => findStoppedGrants(db, contactId),
    getConsentLedger: (contactId) => getConsentLedger(db, contactId),
    listConsentsBefore: (query) => listConsentsBefore(db, query),
    eraseContact: (contactId, apiKeyId) => eraseContact(db, contactId, apiKeyId),
    findErasure: (contactId) => findErasure(db, contactId),
    findRecipients: (lookup) => findRecipients(db, hasher, lookup),
    recordSendCheck: (record) => recordSendCheck(db, record),
    getSendCheck: (id) => getSendCheck(db, id),
    listSendChecks: (query) => listSendChecks(db, query),
    recordWebhookDelivery: (delivery) => recordWebhookDelivery(db, hasher, delivery),
    findApiKeyByHash: (hash) => findApiKeyByHash(db, hash),
    createApiKey: (record) => createApiKey(prisma(), record),
    listApiKeys: () => listApiKeys(prisma()),
    revokeApiKey: (id, at) => revokeApiKey(prisma(), id, at),
  };
}

export type * from "./types";
export type * from "./import-types";
