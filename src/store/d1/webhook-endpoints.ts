import type { WebhookEndpointStore } from "../webhook-endpoint-types";
import {
  DELIVERY_COLUMNS,
  attemptValues,
  ENDPOINT_COLUMNS,
  deliveryWorkQuery,
  toDelivery,
  toDeliveryWork,
  toEndpoint,
  type DeliveryRow,
  type DeliveryWorkRow,
  type EndpointRow,
} from "../webhook-endpoint-rows";

// Twins of src/store/pg/webhook-endpoints.ts. The deliveries themselves are written by
// triggers (prisma/migrations/0013), with the change they tell of.

export function d1WebhookEndpoints(db: D1Database): WebhookEndpointStore {
  return {
    async create(record) {
      await db
        .prepare(
          `INSERT INTO webhook_endpoints (id, url, events, include_addresses, secret_seed, created_at, created_by)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`,
        )
        .bind(record.id, record.url, record.events.join(" "), record.includeAddresses ? 1 : 0, record.secretSeed, record.createdAt, record.createdBy)
        .run();
    },
    async list() {
      const { results } = await db.prepare(`SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints ORDER BY created_at, id`).all<EndpointRow>();
      return results.map(toEndpoint);
    },
    async get(id) {
      const row = await db.prepare(`SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE id = ?1`).bind(id).first<EndpointRow>();
      return row ? toEndpoint(row) : undefined;
    },
    async remove(id) {
      // One batch (D1's transaction): the deliveries first, so none outlives its endpoint.
      const [, removed] = await db.batch([
        db.prepare("DELETE FROM webhook_endpoint_deliveries WHERE endpoint_id = ?1").bind(id),
        db.prepare("DELETE FROM webhook_endpoints WHERE id = ?1").bind(id),
      ]);
      return removed!.meta.changes > 0;
    },
    async listDeliveries(endpointId, query) {
      const { results } = await db
        .prepare(
          `SELECT ${DELIVERY_COLUMNS} FROM webhook_endpoint_deliveries d
           WHERE d.endpoint_id = ?1
             AND (?2 IS NULL OR (d.created_at, d.id) < (SELECT created_at, id FROM webhook_endpoint_deliveries WHERE id = ?2))
           ORDER BY d.created_at DESC, d.id DESC LIMIT ?3`,
        )
        .bind(endpointId, query.after ?? null, query.limit)
        .all<DeliveryRow>();
      return results.map(toDelivery);
    },
    async claimUnqueued(limit, at) {
      // One statement: a concurrent claim cannot take the same rows (D1 runs one write at a time).
      const { results } = await db
        .prepare(
          `UPDATE webhook_endpoint_deliveries SET queued_at = ?2
           WHERE id IN (SELECT id FROM webhook_endpoint_deliveries WHERE queued_at IS NULL ORDER BY created_at LIMIT ?1)
           RETURNING id`,
        )
        .bind(limit, at)
        .all<{ id: string }>();
      return results.map((row) => row.id);
    },
    async releaseQueued(ids) {
      await db.prepare("UPDATE webhook_endpoint_deliveries SET queued_at = NULL WHERE id IN (SELECT value FROM json_each(?1))").bind(JSON.stringify(ids)).run();
    },
    async openDelivery(id) {
      const row = await db.prepare(deliveryWorkQuery("?1")).bind(id).first<DeliveryWorkRow>();
      return row ? toDeliveryWork(row) : undefined;
    },
    async recordAttempt(id, outcome) {
      await db
        .prepare(
          `UPDATE webhook_endpoint_deliveries
           SET status = ?2, attempts = attempts + 1, last_status = ?3, last_error = ?4, last_attempt_at = ?5, next_attempt_at = ?6, finished_at = ?7
           WHERE id = ?1 AND status = 'pending'`,
        )
        .bind(...attemptValues(id, outcome))
        .run();
    },
  };
}

