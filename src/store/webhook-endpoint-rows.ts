import type { AttemptOutcome, DeliveryWork, WebhookDeliveryRecord, WebhookEndpointRecord, WebhookEventType } from "./webhook-endpoint-types";

// Shared by src/store/d1/webhook-endpoints.ts and its PostgreSQL twin.

export const ENDPOINT_COLUMNS = `id, url, events, include_addresses AS "includeAddresses", created_at AS "createdAt", created_by AS "createdBy"`;

export type EndpointRow = Omit<WebhookEndpointRecord, "events" | "includeAddresses"> & { events: string; includeAddresses: number };

export const toEndpoint = ({ events, includeAddresses, ...row }: EndpointRow): WebhookEndpointRecord => ({
  ...row,
  events: events.split(" ") as WebhookEventType[],
  includeAddresses: Number(includeAddresses) === 1,
});

export const DELIVERY_COLUMNS = `d.id, d.endpoint_id AS "endpointId", d.type, d.contact_id AS "contactId", d.status, d.attempts,
  d.last_status AS "lastStatus", d.last_error AS "lastError", d.created_at AS "createdAt", d.last_attempt_at AS "lastAttemptAt",
  d.next_attempt_at AS "nextAttemptAt", d.finished_at AS "finishedAt"`;

export type DeliveryRow = WebhookDeliveryRecord;

export const toDelivery = (row: DeliveryRow): WebhookDeliveryRecord => ({ ...row, attempts: Number(row.attempts), lastStatus: row.lastStatus === null ? null : Number(row.lastStatus) });

/** The delivery, its endpoint, the ledger event and the contact as they are now: `?` is the dialect's placeholder for the id. */
export const deliveryWorkQuery = (placeholder: string) => `SELECT ${DELIVERY_COLUMNS},
    w.url, w.secret_seed AS "secretSeed", w.include_addresses AS "includeAddresses",
    e.id AS "eventId", e.topic, e.channel, e.status AS "eventStatus", e.source, e.occurred_at AS "occurredAt",
    e.recorded_at AS "recordedAt", e.policy_version AS "policyVersion",
    c.external_id AS "externalId", c.email, c.phone, c.erased_at AS "erasedAt"
  FROM webhook_endpoint_deliveries d
  JOIN webhook_endpoints w ON w.id = d.endpoint_id
  LEFT JOIN consent_events e ON e.seq = d.event_seq
  LEFT JOIN contacts c ON c.id = d.contact_id
  WHERE d.id = ${placeholder} AND d.status = 'pending'`;

export type DeliveryWorkRow = DeliveryRow & {
  url: string;
  secretSeed: string;
  includeAddresses: number;
  eventId: string | null;
  topic: string;
  channel: string;
  eventStatus: string;
  source: string;
  occurredAt: string;
  recordedAt: string;
  policyVersion: string;
  externalId: string | null;
  email: string | null;
  phone: string | null;
  erasedAt: string | null;
};

export function toDeliveryWork(row: DeliveryWorkRow): DeliveryWork {
  const { url, secretSeed, includeAddresses, eventId, eventStatus: status, topic, channel, source, occurredAt, recordedAt, policyVersion, ...rest } = row;
  const { externalId, email, phone, erasedAt, ...delivery } = rest;
  return {
    delivery: toDelivery(delivery),
    endpoint: { url, secretSeed, includeAddresses: Number(includeAddresses) === 1 },
    event: eventId === null ? null : { id: eventId, topic, channel, status, source, occurredAt, recordedAt, policyVersion },
    contact: { externalId, email, phone, erasedAt },
  };
}

/** The attempt's columns in the order both twins bind them. */
export function attemptValues(id: string, outcome: AttemptOutcome) {
  const pending = outcome.status === "pending";
  return [
    id,
    outcome.status,
    outcome.httpStatus,
    outcome.status === "delivered" ? null : outcome.error,
    outcome.at,
    pending ? outcome.nextAttemptAt : null,
    pending ? null : outcome.at,
  ] as const;
}
