import type { WebhookEndpointStore } from "../webhook-endpoint-types";
import {
  DELIVERY_COLUMNS,
  ENDPOINT_COLUMNS,
  attemptValues,
  deliveryWorkQuery,
  toDelivery,
  toDeliveryWork,
  toEndpoint,
  type DeliveryRow,
  type DeliveryWorkRow,
  type EndpointRow,
} from "../webhook-endpoint-rows";
import type { Database } from "./database";

// Twins of src/store/d1/webhook-endpoints.ts: raw where D1's are, pages in byte order. The
// deliveries themselves are written by triggers (prisma/pg-migrations/0004).

export function pgWebhookEndpoints(db: Database): WebhookEndpointStore {
  return {
    async create(record) {
      await db.run(
        `INSERT INTO webhook_endpoints (id, url, events, include_addresses, secret_seed, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        record.id,
        record.url,
        record.events.join(" "),
        record.includeAddresses ? 1 : 0,
        record.secretSeed,
        record.createdAt,
        record.createdBy,
      );
    },
    async list() {
      const rows = await db.all<EndpointRow>(`SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints ORDER BY created_at COLLATE "C", id COLLATE "C"`);
      return rows.map(toEndpoint);
    },
    async get(id) {
      const row = await db.first<EndpointRow>(`SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE id = $1`, id);
      return row ? toEndpoint(row) : undefined;
    },
    async remove(id) {
      // The deliveries go with it (ON DELETE CASCADE), in the same statement.
      return (await db.run("DELETE FROM webhook_endpoints WHERE id = $1", id)) > 0;
    },
    async listDeliveries(endpointId, query) {
      const rows = await db.all<DeliveryRow>(
        `SELECT ${DELIVERY_COLUMNS} FROM webhook_endpoint_deliveries d
         WHERE d.endpoint_id = $1
           AND ($2::text IS NULL OR (d.created_at COLLATE "C", d.id COLLATE "C") < (SELECT created_at, id FROM webhook_endpoint_deliveries WHERE id = $2))
         ORDER BY d.created_at COLLATE "C" DESC, d.id COLLATE "C" DESC LIMIT $3`,
        endpointId,
        query.after ?? null,
        query.limit,
      );
      return rows.map(toDelivery);
    },
    async claimUnqueued(limit, at) {
      // SKIP LOCKED: concurrent claims take different rows, each row once.
      const rows = await db.all<{ id: string }>(
        `UPDATE webhook_endpoint_deliveries SET queued_at = $2
         WHERE id IN (SELECT id FROM webhook_endpoint_deliveries WHERE queued_at IS NULL ORDER BY created_at COLLATE "C" LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING id`,
        limit,
        at,
      );
      return rows.map((row) => row.id);
    },
    async releaseQueued(ids) {
      await db.run("UPDATE webhook_endpoint_deliveries SET queued_at = NULL WHERE id = ANY($1::text[])", ids);
    },
    async openDelivery(id) {
      const row = await db.first<DeliveryWorkRow>(deliveryWorkQuery("$1"), id);
      return row ? toDeliveryWork(row) : undefined;
    },
    async recordAttempt(id, outcome) {
      await db.run(
        `UPDATE webhook_endpoint_deliveries
         SET status = $2, attempts = attempts + 1, last_status = $3, last_error = $4, last_attempt_at = $5, next_attempt_at = $6, finished_at = $7
         WHERE id = $1 AND status = 'pending'`,
        ...attemptValues(id, outcome),
      );
    },
  };
}
