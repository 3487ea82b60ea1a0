import type { Cadence } from "../consent/cadence";
import type { IdentityField } from "../consent/identity";
import type { ALL, AddressKind, Channel } from "../consent/channels";
import type { RecipientFacts } from "../consent/decision";
import type { ConsentSource } from "../consent/sources";
import type { Contact, ContactInput, ErasureRecord, LedgerEvent, NewConsentEvent, ScopeState } from "../consent/types";
import type { CampaignStore } from "./campaign-types";
import type { ImportStore } from "./import-types";

export type SaveContactResult =
  | { ok: true; id: string; created: boolean; eventIds: string[] }
  | { ok: false; conflict: (keyof ContactInput)[] };

export type RecipientKey = "email" | "phone" | "externalId" | "contactId";

/** Lookups for one send check, one list of values per way of naming a recipient. */
export interface RecipientLookup {
  channel: Channel;
  topic: string;
  values: Record<RecipientKey, string[]>;
}

export interface ApiKeyRecord {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
}

export interface SendCheckRecord {
  id: string;
  apiKeyId: string;
  topic: string;
  channel: string;
  campaign: string | null;
  sendAt: string;
  createdAt: string;
  recipients: number;
  allowed: number;
  blocked: number;
  reasons: Record<string, number>;
}

export type SuppressionReason = "hard_bounce" | "complaint" | "erased";

/** An address that must not be sent to on a channel; the store keeps only its keyed hash. */
export interface NewSuppression {
  kind: AddressKind;
  /** Normalised (src/consent/addresses.ts). */
  address: string;
  channel: Channel | "*";
  reason: SuppressionReason;
  evidence: Record<string, unknown>;
}

/** A webhook delivery and everything it changes, written together and once. */
export interface WebhookDelivery {
  source: string;
  /** The sender's id for the delivery (Resend: svix-id). */
  messageId: string;
  type: string;
  outcome: string;
  suppressions: NewSuppression[];
  /** Ledger events for whichever contact, not erased, has this address now; none if nobody has. */
  events: { kind: AddressKind; address: string; event: NewConsentEvent }[];
}

/** Everything recorded about one contact's consent, read in one round trip. */
export interface ConsentLedger {
  contact: Contact;
  /** The current state per scope, with the event that set it. */
  states: (ScopeState & { eventId: string; source: ConsentSource })[];
  events: LedgerEvent[];
  /** Suppressions of the contact's own addresses, by address kind. */
  suppressions: { address: AddressKind; channel: string; reason: string; createdAt: string }[];
  erasure: ErasureRecord | undefined;
}

export type EraseResult =
  | { status: "erased"; erasure: ErasureRecord }
  | { status: "already_erased"; erasure: ErasureRecord | undefined }
  | { status: "unknown" };

/** A contact whose latest grant was recorded under an older policy version. */
export interface ConsentBeforeVersion {
  id: string;
  lastConsentAt: string;
  policyVersion: string;
}

/** A message kept by the local outbox (development without Resend) instead of being sent. */
export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  createdAt: string;
}

export interface DevOutbox {
  /** Keeps a message once per idempotency key; answers the id of the one kept first. */
  keep(message: Omit<OutboxMessage, "id" | "createdAt">, idempotencyKey: string): Promise<{ id: string }>;
  /** The newest first. */
  list(limit: number): Promise<OutboxMessage[]>;
  find(id: string): Promise<OutboxMessage | undefined>;
}

export interface Store {
  /** Which database is behind it: D1, or PostgreSQL through Hyperdrive (issue 10). */
  readonly kind: "d1" | "postgres";
  ping(): Promise<void>;
  /** Ends this request's connection, if one was opened (PostgreSQL); nothing on D1. */
  close(): Promise<void>;
  /** The local outbox: mail kept, not sent, in development without Resend. */
  readonly outbox: DevOutbox;
  /** Bulk import (docs/import.md). */
  readonly imports: ImportStore;
  /** Email campaigns the service sends itself (docs/campaigns.md). */
  readonly campaigns: CampaignStore;
  saveContact(input: ContactInput, events: NewConsentEvent[]): Promise<SaveContactResult>;
  /** Appends a withdrawal unless that exact scope is already withdrawn; never for an erased contact. */
  withdrawOnce(contactId: string, event: NewConsentEvent): Promise<{ recorded: true; eventId: string } | { recorded: false }>;
  /**
   * Reverses one withdrawal (its id): its scope goes back to the status it had just before,
   * a grant or nothing ("cleared"), if the withdrawal is still the latest event on that
   * scope: "undone" once, then "already"; "stale" when anything changed that scope since.
   */
  undoWithdrawal(contactId: string, withdrawalId: string, event: Omit<NewConsentEvent, "status">): Promise<"undone" | "already" | "stale">;
  /**
   * The stop scopes, (*, channel) or (*, *), now withdrawn over a grant: what the person had
   * before they stopped, which lifting the stop brings back.
   */
  findStoppedGrants(contactId: string): Promise<(Channel | typeof ALL)[]>;
  /**
   * Appends events for one contact in one transaction; nothing for an unknown or erased
   * contact (ok: false). The ids returned are in the order of the events.
   */
  appendEvents(contactId: string, events: NewConsentEvent[]): Promise<{ ok: true; eventIds: string[] } | { ok: false }>;
  /**
   * Records the grant a pending (double opt-in) event asked for, if that pending event is
   * still the latest word on its scope: "confirmed" once, then "already"; "stale" when the
   * person changed that scope since, or the event is not a pending one of this contact;
   * "address_changed" when the confirmation was mailed to an address the contact no longer has.
   */
  confirmPending(contactId: string, pendingEventId: string, grant: NewConsentEvent): Promise<"confirmed" | "already" | "stale" | "address_changed">;
  /** The scopes whose latest event is a pending (double opt-in) grant: awaiting confirmation. */
  findAwaitingConfirmation(contactId: string): Promise<{ topic: string; channel: string }[]>;
  /** Every channel named by one of the contact's ledger events, of any status (the preference page's reach). */
  findRecordedChannels(contactId: string): Promise<string[]>;
  /** The contact's pauses still running at `now` (ISO), soonest end first, and its digest-only scopes. */
  findCadence(contactId: string, now: string): Promise<Cadence>;
  /** Keeps the language a person chose on a page (kk, ru, en) as the contact's own. */
  setLocale(contactId: string, locale: string): Promise<void>;
  /** The contact with this identifier (normalised: an email, an E.164 phone, an external id), unless erased. */
  findContact(field: IdentityField, value: string): Promise<Contact | undefined>;
  /**
   * Appends a grant if the scope's current state is a withdrawal recorded with `source`, in
   * one statement (SMS START re-grants only what STOP withdrew); never for an erased contact.
   */
  regrantWithdrawnBy(contactId: string, source: ConsentSource, grant: NewConsentEvent): Promise<{ recorded: boolean }>;
  /**
   * Records a webhook delivery, its suppressions and its ledger events in one transaction,
   * once per (source, messageId): a delivery seen before changes nothing (duplicate: true).
   */
  recordWebhookDelivery(delivery: WebhookDelivery): Promise<{ duplicate: boolean; events: number }>;
  getContact(id: string): Promise<{ contact: Contact; states: ScopeState[] } | undefined>;
  /** The whole ledger of one contact in order (seq), its current state and suppressions; undefined if unknown. */
  getConsentLedger(contactId: string): Promise<ConsentLedger | undefined>;
  /**
   * Erases a contact in one transaction (docs/erasure.md): the erasure record, erased
   * suppressions of its address hashes, its ledger stripped of identifying data, its
   * personal data removed. Once: a second call finds it already erased.
   */
  eraseContact(contactId: string, apiKeyId: string): Promise<EraseResult>;
  findErasure(contactId: string): Promise<ErasureRecord | undefined>;
  /**
   * Contacts (not erased) whose latest grant, by occurredAt, was recorded under a policy
   * version before `before` (compared as text), in id order after the id `after`.
   */
  listConsentsBefore(query: { before: string; after: string | undefined; limit: number }): Promise<ConsentBeforeVersion[]>;
  /** Facts for the values given, keyed by value; a value with no entry names nobody known. */
  findRecipients(lookup: RecipientLookup): Promise<Record<RecipientKey, Map<string, RecipientFacts>>>;
  recordSendCheck(record: SendCheckRecord): Promise<void>;
  getSendCheck(id: string): Promise<SendCheckRecord | undefined>;
  /** Newest first, optionally of one campaign, after the check whose id is `after`. */
  listSendChecks(query: { campaign: string | undefined; after: string | undefined; limit: number }): Promise<SendCheckRecord[]>;
  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | undefined>;
  createApiKey(record: ApiKeyRecord & { hash: string }): Promise<void>;
  listApiKeys(): Promise<ApiKeyRecord[]>;
  revokeApiKey(id: string, at: string): Promise<ApiKeyRecord | undefined>;
}

export type { AddressKind };

export type { Cadence };
