import type { Bindings } from "../env";
import { createServices } from "../flows/services";
import { pruneLogs } from "../flows/prune-logs";
import { logError, logInfo } from "../log";
import { dispatchWebhooks, type WebhookMessage } from "../webhooks/dispatch";
import { computeReach } from "./reach";

/**
 * wrangler.toml [triggers]: the day counts' deltas folded every ten minutes, the reach
 * computed hourly, the logs pruned daily at 03:17 in Astana (21:17 UTC), when nobody sends.
 */
export const CRONS = { foldCounts: "*/10 * * * *", computeReach: "7 * * * *", pruneLogs: "17 21 * * *" } as const;

/**
 * The Worker's cron: folds the day counts' deltas, so the console's trends read the counts
 * and only the last minutes' deltas, and hands over any consent webhook deliveries no write
 * has dispatched (a write's own dispatch failed, or came before its isolate knew of a new
 * endpoint); hourly, computes who may be reached; daily, deletes what is past its retention.
 */
export async function runScheduledWork(cron: string, env: Bindings): Promise<void> {
  const { store } = createServices(env);
  try {
    if (cron === CRONS.computeReach) await store.audience.saveReach(await computeReach(store));
    else if (cron === CRONS.pruneLogs) logInfo({ event: "logs_pruned", deleted: await pruneLogs(store, new Date()) });
    else {
      await store.audience.compact();
      if (env.WEBHOOK_QUEUE) await dispatchWebhooks(store, env.WEBHOOK_QUEUE as Queue<WebhookMessage>);
    }
  } catch (error) {
    logError({ event: "scheduled_work_failed", cron, error });
    throw error;
  } finally {
    await store.close();
  }
}
