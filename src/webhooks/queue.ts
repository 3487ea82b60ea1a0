import type { Bindings } from "../env";
import { deliverWebhook } from "../flows/deliver-webhook";
import { createServices, type Services } from "../flows/services";
import { logError } from "../log";
import { dispatchWebhooks, type WebhookMessage } from "./dispatch";

/** wrangler.toml's queue names: the deliveries, and the dead letters of deliveries nothing could mark. */
export const WEBHOOK_QUEUE = "orleu-webhooks";
export const WEBHOOK_DEAD_LETTERS = "orleu-webhooks-dlq";

/**
 * The webhooks' Queue consumer: each message is one delivery attempt (src/flows/deliver-webhook.ts),
 * retried through the Queue with the delay the flow chose. A message that could not even be
 * processed (the database down) is retried a minute per delivery later, and after
 * max_retries lands in the dead-letter queue, whose consumer marks it failed.
 */
export async function consumeWebhookDeliveries(batch: MessageBatch<WebhookMessage>, env: Bindings): Promise<void> {
  const services = createServices(env);
  try {
    if (batch.queue === WEBHOOK_DEAD_LETTERS) return await markDeadLetters(services, batch);
    // In parallel: one slow endpoint must not hold the others' deliveries.
    await Promise.all(batch.messages.map((message) => consumeOne(services, message)));
    // Deliveries a failed dispatch left behind go now rather than at the next write.
    if (env.WEBHOOK_QUEUE) await dispatchWebhooks(services.store, env.WEBHOOK_QUEUE as Queue<WebhookMessage>);
  } finally {
    await services.store.close();
  }
}

async function consumeOne(services: Services, message: Message<WebhookMessage>) {
  const { deliveryId } = message.body;
  try {
    const result = await deliverWebhook(services, deliveryId);
    if ("retryInSeconds" in result) message.retry({ delaySeconds: result.retryInSeconds });
    else message.ack();
  } catch (error) {
    logError({ event: "webhook_delivery_error", deliveryId, attempt: message.attempts, error });
    message.retry({ delaySeconds: 60 * message.attempts });
  }
}

async function markDeadLetters(services: Services, batch: MessageBatch<WebhookMessage>) {
  const at = new Date().toISOString();
  for (const message of batch.messages) {
    await services.store.webhookEndpoints.recordAttempt(message.body.deliveryId, { status: "failed", httpStatus: null, error: "dead_letter", at });
    message.ack();
  }
}
