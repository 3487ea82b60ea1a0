import type { AddressHasher } from "../../crypto/address-hash";
import type { Store } from "../types";
import { pgCampaigns } from "./campaigns";
import { pgAudience } from "./audience";
import { createApiKey, findApiKeyByHash, listApiKeys, revokeApiKey } from "./api-keys";
import { findContact, getContact, saveContact, setLocale } from "./contacts";
import { openDatabase } from "./database";
import { eraseContact, findErasure } from "./erasure";
import { PgImportStore } from "./imports";
import {
  appendEvents,
  confirmPending,
  findAwaitingConfirmation,
  findRecordedChannels,
  findStoppedGrants,
  regrantWithdrawnBy,
  undoWithdrawal,
  withdrawOnce,
  withdrawOnceAndRead,
} from "./ledger";
import { pgOutbox } from "./outbox";
import { getConsentLedger, listConsentsBefore, listExpiringGrants } from "./proof";
import { listFrequencyCaps, replaceFrequencyCaps } from "./frequency-caps";
import { findCadence } from "./cadence";
import { findRecipients } from "./recipients";
import { pruneLogs } from "./retention";
import { getSendCheck, listSendChecks, recordSendCheck } from "./send-checks";
import { countSuppressions, listSuppressions } from "./suppressions";
import { recordWebhookDelivery } from "./webhooks";
import { pgWebhookEndpoints } from "./webhook-endpoints";

/**
 * The store on PostgreSQL through Hyperdrive (issue 10): each method is served by the
 * module here named for what it keeps, the twin of the one in src/store/d1.
 */
export function createPgStore(connectionString: string, hasher: AddressHasher): Store {
  const db = openDatabase(connectionString);
  return {
    kind: "postgres",
    ping: async () => {
      await db.all("SELECT 1");
    },
    close: () => db.close(),
    outbox: pgOutbox(db),
    imports: new PgImportStore(db, hasher),
    campaigns: pgCampaigns(db),
    audience: pgAudience(db),
    webhookEndpoints: pgWebhookEndpoints(db),
    saveContact: (input, events) => saveContact(db, hasher, input, events),
    findContact: (field, value) => findContact(db, field, value),
    setLocale: (id, locale) => setLocale(db, id, locale),
    getContact: (id) => getContact(db, id),
    appendEvents: (contactId, events) => appendEvents(db, contactId, events),
    withdrawOnce: (contactId, event) => withdrawOnce(db, contactId, event),
    withdrawOnceAndRead: (contactId, event, chosenLocale) => withdrawOnceAndRead(db, contactId, event, chosenLocale),
    undoWithdrawal: (contactId, withdrawalId, event) => undoWithdrawal(db, contactId, withdrawalId, event),
    confirmPending: (contactId, pendingEventId, grant) => confirmPending(db, contactId, pendingEventId, grant),
    regrantWithdrawnBy: (contactId, source, grant) => regrantWithdrawnBy(db, contactId, source, grant),
    findAwaitingConfirmation: (contactId) => findAwaitingConfirmation(db, contactId),
    findRecordedChannels: (contactId) => findRecordedChannels(db, contactId),
    findCadence: (contactId, now) => findCadence(db, contactId, now),
    findStoppedGrants: (contactId) => findStoppedGrants(db, contactId),
    getConsentLedger: (contactId) => getConsentLedger(db, contactId),
    listConsentsBefore: (query) => listConsentsBefore(db, query),
    listExpiringGrants: (query) => listExpiringGrants(db, query),
    eraseContact: (contactId, apiKeyId) => eraseContact(db, contactId, apiKeyId),
    findErasure: (contactId) => findErasure(db, contactId),
    pruneLogs: (cutoffs) => pruneLogs(db, cutoffs),
    findRecipients: (lookup) => findRecipients(db, hasher, lookup),
    recordSendCheck: (record, committed) => recordSendCheck(db, record, committed),
    listFrequencyCaps: () => listFrequencyCaps(db),
    replaceFrequencyCaps: (caps, setBy, at) => replaceFrequencyCaps(db, caps, setBy, at),
    getSendCheck: (id) => getSendCheck(db, id),
    listSendChecks: (query) => listSendChecks(db, query),
    recordWebhookDelivery: (delivery) => recordWebhookDelivery(db, hasher, delivery),
    countSuppressions: () => countSuppressions(db),
    listSuppressions: (query) => listSuppressions(db, query),
    findApiKeyByHash: (hash) => findApiKeyByHash(db, hash),
    createApiKey: (record) => createApiKey(db, record),
    listApiKeys: () => listApiKeys(db),
    revokeApiKey: (id, at) => revokeApiKey(db, id, at),
  };
}
