import type { AddressKind } from "./channels";
import type { ConsentSource, ConsentStatus, LedgerStatus } from "./sources";

/** The domain's records of a person and their consent; the store keeps them (src/store/types.ts). */
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

/** Identity and fields of a contact to create or update; absent fields are left as they are. */
export interface ContactInput {
  externalId?: string;
  email?: string;
  phone?: string;
  locale?: string;
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
  /** A pause's end (status "paused" only; ISO time). */
  until?: string | null;
}

/** One ledger event as the proof of consent shows it (GET /v1/contacts/{id}/consents). */
export interface LedgerEvent {
  seq: number;
  id: string;
  topic: string;
  channel: string;
  status: LedgerStatus;
  source: ConsentSource;
  occurredAt: string;
  recordedAt: string;
  policyVersion: string;
  locale: string | null;
  actor: string;
  evidence: Record<string, unknown>;
  /** A pause's end (status "paused"), else null. */
  until: string | null;
}

/** An erasure, as recorded: who and when, what was done; no personal data. */
export interface ErasureRecord {
  id: string;
  contactId: string;
  erasedAt: string;
  /** The API key that erased: its id, or "admin" for ADMIN_API_KEY. */
  apiKeyId: string;
  /** How many ledger events were stripped of identifying data (they remain). */
  ledgerEvents: number;
  /** The address kinds left behind as erased suppressions (keyed hashes only). */
  addresses: AddressKind[];
}
