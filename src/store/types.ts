import type { Cadence } from "../consent/cadence";
import type { PruneCutoffs, PrunedLog } from "./retention";
import type { IdentityField } from "../consent/identity";
import type { ALL, AddressKind, Channel } from "../consent/channels";
import type { RecipientFacts } from "../consent/decision";
import type { FrequencyCap } from "../consent/frequency-caps";
import type { Locale } from "../consent/locales";
import type { ConsentSource } from "../consent/sources";
import type { Contact, ContactInput, ErasureRecord, LedgerEvent, NewConsentEvent, ScopeState } from "../consent/types";
import type { CampaignStore } from "./campaign-types";
import type { ImportStore } from "./import-types";
import type { WebhookEndpointStore } from "./webhook-endpoint-types";

export type SaveContactResult =
  | { ok: true; id: string; created: boolean; eventIds: string[] }
  | { ok: false; conflict: (keyof ContactInput)[] };

export type RecipientKey = "email" | "phone" | "externalId" | "contactId";

/** Lookups for one send check, one list of values per way of naming a recipient. */
export interface RecipientLookup {
  channel: Channel;
  topic: string;
  /** When the send happens: frequency caps count the sends in the window before it. */
  sendAt: Date;
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
  /** Made for the topic's digest (`digest: true`). */
  digest: boolean;
  /** Made with `commit: true`: its allowed recipients were counted as sent. */
  committed: boolean;
}

/** What a send check made with `commit: true` records: one send to each contact, at `sentAt`. */
export interface CommittedSends {
  contactIds: string[];
  sentAt: string;
}

export type SuppressionReason = "hard_bounce" | "complaint" | "erased";

/** A suppression as the console lists it: its keyed hash, never the address unless asked for (the store's suppressions.ts). */
export interface SuppressionEntry {
  addressHash: string;
  channel: string;
  reason: SuppressionReason;
  createdAt: string;
  /** The address of the contact (not erased) that has it now, when asked for; null when nobody has it. */
  address?: string | null;
}

/** Where a page of suppressions ends: the last entry's order key. */
export type SuppressionCursor = Pick<SuppressionEntry, "createdAt" | "addressHash" | "channel">;

/** Suppressions by reason, and erased people (one erasure may leave two erased suppressions, or none). */
export type SuppressionCounts = Record<SuppressionReason, number> & { erasures: number };

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

/** A grant of a topic with a lifespan that needs asking again (GET /v1/contacts?consentExpiringBefore). */
export interface ExpiringGrant {
  id: string;
  topic: string;
  channel: string;
  grantedAt: string;
}

/** Per topic with a lifespan: its grants that occurred before `grantedBefore` expire before the date asked about. */
export interface ExpiringQuery {
  cutoffs: { topic: string; grantedBefore: string }[];
  after: string | undefined;
  limit: number;
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

/** What a ledger event counts as in the day counts (docs/console.md); "sent" counts rows of sends (0020). */
export type ConsentCountKind = "granted" | "withdrawn" | "bounced" | "complained" | "sent";

/**
 * One contact as the audience sees it: what the send check's query reads, for every scope
 * at once ("topic channel status" lines; suppressions as "channel 0|1", 1 for an erasure's).
 */
export interface AudienceRow {
  id: string;
  locale: string;
  hasEmail: number;
  hasPhone: number;
  emailSuppressions: string | null;
  phoneSuppressions: string | null;
  states: string | null;
  /** "topic channel" lines: the scopes whose latest event is a grant awaiting confirmation. */
  awaiting: string | null;
  /** "kind topic channel until" lines (consent_cadence): pauses with their end, digest choices. */
  cadence: string | null;
}

/** Who may be reached on each topic and channel, and why not the others, as of `computedAt`. */
export interface ReachSnapshot {
  computedAt: string;
  /** Contacts counted (not erased). */
  contacts: number;
  cells: { topic: string; channel: string; allowed: number; reasons: Record<string, number> }[];
}

/** What the console's audience page reads (docs/console.md): counts kept as the ledger is written. */
export interface AudienceStore {
  /** Ledger events per day and kind from `since` (YYYY-MM-DD) on, of one topic and one channel if given ("*" as recorded). */
  perDay(query: { since: string; topic?: string; channel?: string }): Promise<{ day: string; kind: ConsentCountKind; count: number }[]>;
  /** Folds the deltas written since the last call into the day counts; answers how many. */
  compact(): Promise<number>;
  /** Contacts not erased, in id order, after the id `after`. */
  contactsPage(query: { after: string | null; limit: number }): Promise<AudienceRow[]>;
  /** One contact's row (the console's matrix); undefined when unknown or erased. */
  contactRow(contactId: string): Promise<AudienceRow | undefined>;
  saveReach(snapshot: ReachSnapshot): Promise<void>;
  latestReach(): Promise<ReachSnapshot | undefined>;
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
  readonly audience: AudienceStore;
  /** Consent webhooks out: endpoints and their deliveries (docs/webhooks.md). */
  readonly webhookEndpoints: WebhookEndpointStore;
  saveContact(input: ContactInput, events: NewConsentEvent[]): Promise<SaveContactResult>;
  /** Appends a withdrawal unless that exact scope is already withdrawn; never for an erased contact. */
  withdrawOnce(contactId: string, event: NewConsentEvent): Promise<{ recorded: true; eventId: string } | { recorded: false }>;
  /**
   * An RFC 8058 one-click in one round trip (D1) or one transaction (PostgreSQL): the contact
   * and its states as getContact reads them, before the withdrawal, and withdrawOnce's
   * withdrawal of the event's scope. The event's language is `chosenLocale`, else the
   * contact's own. Undefined for an unknown contact; an erased one comes back unchanged.
   */
  withdrawOnceAndRead(
    contactId: string,
    event: NewConsentEvent,
    chosenLocale: Locale | null,
  ): Promise<{ contact: Contact; states: ScopeState[]; withdrawal: { recorded: true; eventId: string } | { recorded: false } } | undefined>;
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
  /** Deletes the rows of each log older than its cutoff (src/flows/prune-logs.ts); how many went, per log. */
  pruneLogs(cutoffs: PruneCutoffs): Promise<Record<PrunedLog, number>>;
  findErasure(contactId: string): Promise<ErasureRecord | undefined>;
  /**
   * Contacts (not erased) whose latest grant, by occurredAt, was recorded under a policy
   * version before `before` (compared as text), in id order after the id `after`.
   */
  listConsentsBefore(query: { before: string; after: string | undefined; limit: number }): Promise<ConsentBeforeVersion[]>;
  /**
   * The first `limit` contacts (not erased) after the id `after`, in id order, with each of
   * their current grants of (T,C) or (T,*) that occurred before T's cutoff, unless a wider
   * withdrawal already blocks it or a newer grant of T on (T,*) covers it; one row per grant.
   */
  listExpiringGrants(query: ExpiringQuery): Promise<ExpiringGrant[]>;
  /** Facts for the values given, keyed by value; a value with no entry names nobody known. */
  findRecipients(lookup: RecipientLookup): Promise<Record<RecipientKey, Map<string, RecipientFacts>>>;
  /** Records the check and, committed, one send per contact (topic, channel and origin: the check's), in one transaction. */
  recordSendCheck(record: SendCheckRecord, committed?: CommittedSends): Promise<void>;
  /** Every frequency cap, by channel then topic (null: every topic, first). */
  listFrequencyCaps(): Promise<FrequencyCap[]>;
  /** Replaces the whole set of caps in one transaction. */
  replaceFrequencyCaps(caps: FrequencyCap[], setBy: string, at: string): Promise<void>;
  getSendCheck(id: string): Promise<SendCheckRecord | undefined>;
  /** Newest first, optionally of one campaign, after the check whose id is `after`. */
  listSendChecks(query: { campaign: string | undefined; after: string | undefined; limit: number }): Promise<SendCheckRecord[]>;
  countSuppressions(): Promise<SuppressionCounts>;
  /** Newest first, after `after`; with each one's address only when `withAddresses` (the console's export for contacts:read). */
  listSuppressions(query: { after: SuppressionCursor | undefined; limit: number; withAddresses: boolean }): Promise<SuppressionEntry[]>;
  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | undefined>;
  createApiKey(record: ApiKeyRecord & { hash: string }): Promise<void>;
  listApiKeys(): Promise<ApiKeyRecord[]>;
  revokeApiKey(id: string, at: string): Promise<ApiKeyRecord | undefined>;
}

export type { AddressKind };

export type { Cadence };
