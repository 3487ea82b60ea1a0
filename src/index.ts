import { createApp } from "./app";
import { runScheduledWork } from "./audience/scheduled";
import { CAMPAIGN_DEAD_LETTERS, CAMPAIGN_QUEUE, consumeCampaignBatches, type CampaignMessage } from "./campaigns/queue";
import type { Bindings } from "./env";
import { consumeImportChunks, type ImportMessage } from "./import/queue";
import { receiveUnsubscribeMail } from "./mail/inbound";
import type { WebhookMessage } from "./webhooks/dispatch";
import { WEBHOOK_DEAD_LETTERS, WEBHOOK_QUEUE, consumeWebhookDeliveries } from "./webhooks/queue";

const app = createApp();

export default {
  fetch: app.fetch,
  email: receiveUnsubscribeMail,
  scheduled: (controller, env, ctx) => ctx.waitUntil(runScheduledWork(controller.cron, env)),
  // One handler for every queue this Worker consumes, told apart by the queue's name (wrangler.toml).
  queue: (batch, env) =>
    batch.queue === CAMPAIGN_QUEUE || batch.queue === CAMPAIGN_DEAD_LETTERS
      ? consumeCampaignBatches(batch as MessageBatch<CampaignMessage>, env)
      : batch.queue === WEBHOOK_QUEUE || batch.queue === WEBHOOK_DEAD_LETTERS
        ? consumeWebhookDeliveries(batch as MessageBatch<WebhookMessage>, env)
        : consumeImportChunks(batch as MessageBatch<ImportMessage>, env),
} satisfies ExportedHandler<Bindings, ImportMessage | CampaignMessage | WebhookMessage>;
