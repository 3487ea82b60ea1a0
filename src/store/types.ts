import type { AddressKind, Channel } from "../consent/channels";
import type { RecipientFacts } from "../consent/decision";
import type { ConsentSource, ConsentStatus, LedgerStatus } from "../consent/sources";

export interface Contact {
  id: string;
  externalId: string | null;
  email: string | null;
  phone: string | null;
  locale: string;
  createdAt: string;
  updatedAt: string;
  erasedAt: string | null;
}

export interface ScopeState {
  topic: string;
  channel: string;
  status: ConsentStatus;
  occurredAt: string;
}

export interface NewConsentEvent {
  topic: string;
  channel: string;
  status: LedgerStatus;
  source: ConsentSource;
  occurredAt: string;
  policyVersion: string;
  locale: string | null;
  actor: string;
  evidence: Record<string, unknown>;
}

/** Identity and fields of a contact to create or update; absent fields are left as they are. */
export interface ContactInput {
  externalId?: string;
  email?: string;
  phone?: string;
  locale?: string;
}

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

export interface Store {
  ping(): Promise<void>;
  saveContact(input: ContactInput, events: NewConsentEvent[]): Promise<SaveContactResult>;
  /** Appends a withdrawal unless that exact scope is already withdrawn; never for an erased contact. */
  withdrawOnce(contactId: string, event: NewConsentEvent): Promise<{ recorded: boolean }>;
  /**
   * Appends events for one contact in one transaction; nothing for an unknown or erased
   * contact (ok: false). The ids returned are in the order of the events.
   */
  appendEvents(contactId: string, events: NewConsentEvent[]): Promise<{ ok: true; eventIds: string[] } | { ok: false }>;
  /**
   * Records the grant a pending (double opt-in) event asked for, if that pending event is
   * still the latest word on its scope: "confirmed" once, then "already"; "stale" when the
   * person changed that scope since, or the event is not a pending one of this contact.
   */
  confirmPending(contactId: string, pendingEventId: string, grant: NewConsentEvent): Promise<"confirmed" | "already" | "stale">;
  /** The contact with this (normalised) email address, unless erased. */
  findContactByEmail(email: string): Promise<Contact | undefined>;
  getContact(id: string): Promise<{ contact: Contact; states: ScopeState[] } | undefined>;
  /** Facts for the values given, keyed by value; a value with no entry names nobody known. */
  findRecipients(lookup: RecipientLookup): Promise<Record<RecipientKey, Map<string, RecipientFacts>>>;
  recordSendCheck(record: SendCheckRecord): Promise<void>;
  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | undefined>;
  createApiKey(record: ApiKeyRecord & { hash: string }): Promise<void>;
  listApiKeys(): Promise<ApiKeyRecord[]>;
  revokeApiKey(id: string, at: string): Promise<ApiKeyRecord | undefined>;
}

export type { AddressKind };
