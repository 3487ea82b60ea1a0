import { pruneInBatches, type PruneCutoffs } from "../retention";

/** Twin of src/store/pg/retention.ts: each table's old rows, 5,000 a statement (D1 limits a statement's time). */
export async function pruneLogs(db: D1Database, cutoffs: PruneCutoffs) {
  const prune = (table: string, where: string, before: string) =>
    pruneInBatches(async (limit) => {
      const result = await db.prepare(`DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE ${where} LIMIT ?2)`).bind(before, limit).run();
      return result.meta.changes;
    });
  return {
    sends: await prune("sends", "sent_at < ?1", cutoffs.sends),
    finishedEndpointDeliveries: await prune("webhook_endpoint_deliveries", "status <> 'pending' AND finished_at < ?1", cutoffs.finishedEndpointDeliveries),
    inboundWebhookReceipts: await prune("webhook_deliveries", "received_at < ?1", cutoffs.inboundWebhookReceipts),
  };
}
