import type { Store } from "../store";
import type { PrunedLog } from "../store/retention";

const DAY_MS = 86_400_000;

/**
 * How long the logs that serve a purpose for a time are kept (docs/decisions.md, "Retention"):
 * - sends: the frequency caps count the 30 days before a send; 60 leaves room for a check
 *   whose sendAt lies in the past, and the audience's sent counts are kept apart (by trigger);
 * - consent webhook deliveries, once delivered or failed: the operator's log of the last month;
 * - inbound webhook receipts (Resend's, kept to drop a redelivery): long after any retry.
 * The ledger, erasures and send-check records are proof and are never pruned.
 */
export const RETENTION_DAYS: Record<PrunedLog, number> = { sends: 60, finishedEndpointDeliveries: 30, inboundWebhookReceipts: 90 };

/** The daily cron's clean-up: deletes what is past its retention, in batches; counts what went. */
export function pruneLogs(store: Store, now: Date): Promise<Record<PrunedLog, number>> {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  return store.pruneLogs({
    sends: before(RETENTION_DAYS.sends),
    finishedEndpointDeliveries: before(RETENTION_DAYS.finishedEndpointDeliveries),
    inboundWebhookReceipts: before(RETENTION_DAYS.inboundWebhookReceipts),
  });
}
