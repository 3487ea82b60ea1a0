import { ConfigError } from "../config";
import type { Bindings } from "../env";
import { sendCampaignBatch } from "../flows/campaign-batch";
import { createServices, type Services } from "../flows/services";
import { MAX_DELAY_SECONDS } from "../flows/start-campaign";
import { logError } from "../log";
import { createBatchSender, type BatchSender } from "../mail/batch";

/** One Queue message per batch of up to 100 recipients of a campaign: ids only. */
export interface CampaignMessage {
  campaignId: string;
  batch: number;
}

/** wrangler.toml's queue names: the batches, and the dead letters of batches nothing could mark. */
export const CAMPAIGN_QUEUE = "orleu-campaigns";
export const CAMPAIGN_DEAD_LETTERS = "orleu-campaigns-dlq";

/** Deliveries of a batch before it is marked failed; wrangler.toml's max_retries (3) allows exactly this many. */
export const MAX_ATTEMPTS = 4;

/**
 * The campaigns' Queue consumer: each message is one batch for the flow. A batch Resend
 * could not take for a while is delivered again later (its rows stay claimed, so the same
 * request goes again); after the last delivery, or at once for a final answer (a 422, a
 * quota reached), its recipients are marked failed with the reason.
 */
export async function consumeCampaignBatches(batch: MessageBatch<CampaignMessage>, env: Bindings): Promise<void> {
  const services = createServices(env);
  try {
    if (batch.queue === CAMPAIGN_DEAD_LETTERS) return await markDeadLetters(services, batch);
    let sender: BatchSender;
    try {
      sender = createBatchSender(env, services.config, services.store.outbox);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      // Mail not configured here: fail loudly, recipient by recipient, rather than keep retrying.
      for (const message of batch.messages) await finalFailure(services, message, "mail_not_configured", error.message);
      return;
    }
    for (const message of batch.messages) await consumeOne(services, sender, env, message);
  } finally {
    await services.store.close();
  }
}

async function consumeOne(services: Services, sender: BatchSender, env: Bindings, message: Message<CampaignMessage>) {
  const { campaignId, batch } = message.body;
  try {
    const result = await sendCampaignBatch(services, sender, campaignId, batch);
    if ("later" in result) {
      await env.CAMPAIGN_QUEUE.send(message.body, { delaySeconds: Math.min(result.later, MAX_DELAY_SECONDS) });
    } else if ("failed" in result) {
      if (!result.retry) return await finalFailure(services, message, result.failed, result.problem);
      return retryOrFail(services, message, result.failed, result.problem, result.retryAfterMs);
    }
    message.ack();
  } catch (error) {
    logError({ campaignId, batch, attempt: message.attempts, error });
    await retryOrFail(services, message, "internal_error", "the batch could not be processed");
  }
}

async function retryOrFail(services: Services, message: Message<CampaignMessage>, reason: string, problem: string, retryAfterMs?: number) {
  if (message.attempts < MAX_ATTEMPTS) {
    message.retry({ delaySeconds: Math.max(Math.ceil((retryAfterMs ?? 0) / 1000), 5 * message.attempts) });
  } else {
    await finalFailure(services, message, reason, problem);
  }
}

async function finalFailure(services: Services, message: Message<CampaignMessage>, reason: string, problem: string) {
  const { campaignId, batch } = message.body;
  await services.store.campaigns.failBatch(campaignId, batch, reason, problem);
  message.ack();
}

/** Batches whose every delivery failed so badly that nothing marked them (the database down): marked now. */
async function markDeadLetters(services: Services, batch: MessageBatch<CampaignMessage>) {
  for (const message of batch.messages) {
    await finalFailure(services, message, "dead_letter", "every delivery of the batch failed");
  }
}
