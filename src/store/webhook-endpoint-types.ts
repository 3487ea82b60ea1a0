import type { WebhookEventType } from "../webhooks/events";

export type { WebhookEventType };

export type DeliveryStatus = "pending" | "delivered" | "failed";

export interface WebhookEndpointRecord {
  id: string;
  url: string;
  events: WebhookEventType[];
  includeAddresses: boolean;
  createdAt: string;
  createdBy: string;
}

export interface WebhookDeliveryRecord {
  id: string;
  endpointId: string;
  type: WebhookEventType;
  contactId: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  finishedAt: string | null;
}

/** Everything one delivery attempt needs, read in one statement: the row, its endpoint, and the facts its body tells. */
export interface DeliveryWork {
  delivery: WebhookDeliveryRecord;
  endpoint: { url: string; secretSeed: string; includeAddresses: boolean };
  /** The ledger event told of (consent.changed, suppression.added); its scope is the state's. */
  event: { id: string; topic: string; channel: string; status: string; source: string; occurredAt: string; recordedAt: string; policyVersion: string } | null;
  /** The contact now: its identifiers are gone once erased. */
  contact: { externalId: string | null; email: string | null; phone: string | null; erasedAt: string | null };
}

export type AttemptOutcome =
  | { status: "delivered"; httpStatus: number; at: string }
  | { status: "pending"; httpStatus: number | null; error: string | null; at: string; nextAttemptAt: string }
  | { status: "failed"; httpStatus: number | null; error: string | null; at: string };

export interface WebhookEndpointStore {
  create(record: WebhookEndpointRecord & { secretSeed: string }): Promise<void>;
  list(): Promise<WebhookEndpointRecord[]>;
  get(id: string): Promise<WebhookEndpointRecord | undefined>;
  /** Removes the endpoint and its deliveries: nothing more is sent to it. False when unknown. */
  remove(id: string): Promise<boolean>;
  /** Newest first, after the delivery `after` (a cursor: its id). */
  listDeliveries(endpointId: string, query: { after: string | undefined; limit: number }): Promise<WebhookDeliveryRecord[]>;
  /** Marks up to `limit` deliveries not yet handed to the Queue as handed, and answers their ids (each once, also under concurrency). */
  claimUnqueued(limit: number, at: string): Promise<string[]>;
  /** Gives claimed deliveries back when the Queue refused them, for the next claim. */
  releaseQueued(ids: string[]): Promise<void>;
  /** A pending delivery with what its attempt needs; undefined when it is gone (endpoint deleted) or finished. */
  openDelivery(id: string): Promise<DeliveryWork | undefined>;
  /** Records one attempt's outcome (attempts + 1). */
  recordAttempt(id: string, outcome: AttemptOutcome): Promise<void>;
}
