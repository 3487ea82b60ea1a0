/** The logs kept for a time (src/flows/prune-logs.ts says how long and why). */
export type PrunedLog = "sends" | "finishedEndpointDeliveries" | "inboundWebhookReceipts";
/** Per log, the ISO instant before which its rows go. */
export type PruneCutoffs = Record<PrunedLog, string>;

const BATCH = 5_000;
/** At most this many batches a run: a backlog larger than that is finished by the next runs. */
const MAX_BATCHES = 200;

/** Deletes by batches until one comes back short; the number deleted. */
export async function pruneInBatches(deleteBatch: (limit: number) => Promise<number>): Promise<number> {
  let total = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const deleted = await deleteBatch(BATCH);
    total += deleted;
    if (deleted < BATCH) break;
  }
  return total;
}
