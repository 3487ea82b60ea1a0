import { pruneInBatches, type PruneCutoffs } from "../retention";
import type { Database } from "./database";

/** Twin of src/store/d1/retention.ts: each table's old rows, 5,000 a statement, so no delete holds its locks long. */
export async function pruneLogs(db: Database, cutoffs: PruneCutoffs) {
  const prune = (table: string, where: string, before: string) =>
    pruneInBatches(async (limit) => {
      const row = await db.first<{ deleted: number }>(
        `WITH gone AS (DELETE FROM ${table} WHERE ctid IN (SELECT ctid FROM ${table} WHERE ${where} LIMIT $2) RETURNING 1)
         SELECT COUNT(*)::int AS deleted FROM gone`,
        before,
        limit,
      );
      return row?.deleted ?? 0;
    });
  return {
    sends: await prune("sends", "sent_at < $1", cutoffs.sends),
    finishedEndpointDeliveries: await prune("webhook_endpoint_deliveries", "status <> 'pending' AND finished_at < $1", cutoffs.finishedEndpointDeliveries),
    inboundWebhookReceipts: await prune("webhook_deliveries", "received_at < $1", cutoffs.inboundWebhookReceipts),
  };
}
