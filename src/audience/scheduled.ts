import type { Bindings } from "../env";
import { createServices } from "../flows/services";
import { logError } from "../log";

/**
 * The Worker's cron (wrangler.toml [triggers]): folds the day counts' deltas, so the console's
 * trends read the counts and only the last few minutes' deltas.
 */
export async function runScheduledWork(env: Bindings): Promise<void> {
  const { store } = createServices(env);
  try {
    await store.consentCounts.compact();
  } catch (error) {
    logError({ event: "scheduled_work_failed", error });
    throw error;
  } finally {
    await store.close();
  }
}
