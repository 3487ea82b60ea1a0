import type { CampaignMessage } from "../campaigns/queue";
import type { Topic } from "../consent/catalog";
import { BLOCK_REASONS } from "../consent/decision";
import { newId } from "../ids";
import type { CampaignContent, CampaignRecord } from "../store";
import { checkSend, type NamedRecipient } from "./send-check";
import type { Services } from "./services";

/** Recipients per Resend batch request (its maximum) and per queue message. */
export const CAMPAIGN_BATCH = 100;
/** Queues accept at most 100 messages in one sendBatch, and delay a message at most 12 hours. */
const SEND_BATCH = 100;
export const MAX_DELAY_SECONDS = 12 * 3600;

export interface CampaignInput<Given> {
  apiKeyId: string;
  reference: string;
  /** The request as validated, hashed: the same reference with another request is a conflict. */
  requestHash: string;
  topic: Topic;
  from: string;
  replyTo: string | null;
  content: CampaignContent;
  sendAt: Date;
  /** The topic's digest campaign (only a topic with `digest`). */
  digest: boolean;
  recipients: NamedRecipient<Given>[];
}

export type StartedCampaign = { campaign: CampaignRecord; created: boolean } | { conflict: CampaignRecord };

/**
 * POST /v1/campaigns: the send check run now and recorded (campaign: the new id), its
 * allowed recipients kept once each, in order, in batches of 100, and one Queue message per
 * batch, delayed until sendAt (src/campaigns/queue.ts sends them, checking consent again).
 * The same reference from the same key is the same campaign; a different request under it
 * is a conflict. Queuing failed: the campaign is marked failed, nothing goes out.
 */
export async function startCampaign<Given>(services: Services, queue: Queue<CampaignMessage>, input: CampaignInput<Given>): Promise<StartedCampaign> {
  const { store } = services;
  const earlier = await store.campaigns.findByReference(input.apiKeyId, input.reference);
  if (earlier) return sameOrConflict(earlier, input.requestHash);

  const id = newId("cmp");
  const now = new Date();
  const check = await checkSend(
    services,
    { topic: input.topic, channel: "email", sendAt: now, campaign: id, recipients: input.recipients, apiKeyId: input.apiKeyId, commit: false, digest: input.digest },
    // Not committed: each batch records its sends when Resend accepts it.
    async (_, contactIds) => contactIds.map(() => null),
  );
  const contactIds = [...new Set(check.allowed.map((a) => a.contactId))];
  const blockedAtStart = Object.fromEntries(Object.entries(check.record.reasons).filter(([reason]) => isBlockReason(reason)));
  const campaign: CampaignRecord = {
    id,
    apiKeyId: input.apiKeyId,
    reference: input.reference,
    requestHash: input.requestHash,
    topic: input.topic.key,
    channel: "email",
    from: input.from,
    replyTo: input.replyTo,
    content: input.content,
    sendAt: (input.sendAt > now ? input.sendAt : now).toISOString(),
    createdAt: now.toISOString(),
    sendCheckId: check.record.id,
    recipients: input.recipients.length,
    duplicates: check.allowed.length - contactIds.length,
    blockedAtStart,
    batches: Math.ceil(contactIds.length / CAMPAIGN_BATCH),
    cancelledAt: null,
    failedAt: null,
    digest: input.digest,
  };
  const written = await store.campaigns.create(campaign, contactIds, CAMPAIGN_BATCH);
  if ("existing" in written) return sameOrConflict(written.existing, input.requestHash);
  try {
    await enqueueBatches(queue, campaign, now);
  } catch (error) {
    await store.campaigns.markFailed(id, new Date().toISOString());
    throw error;
  }
  return { campaign, created: true };
}

function sameOrConflict(campaign: CampaignRecord, requestHash: string): StartedCampaign {
  return campaign.requestHash === requestHash ? { campaign, created: false } : { conflict: campaign };
}

/** Seconds until `sendAt`, as far as a queue message can be delayed; the consumer waits out the rest. */
export function delayUntil(sendAt: string, now: Date): number {
  return Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil((Date.parse(sendAt) - now.getTime()) / 1000)));
}

async function enqueueBatches(queue: Queue<CampaignMessage>, campaign: CampaignRecord, now: Date) {
  const delaySeconds = delayUntil(campaign.sendAt, now);
  const messages = Array.from({ length: campaign.batches }, (_, batch) => ({ body: { campaignId: campaign.id, batch } satisfies CampaignMessage, delaySeconds }));
  for (let i = 0; i < messages.length; i += SEND_BATCH) await queue.sendBatch(messages.slice(i, i + SEND_BATCH));
}

const isBlockReason = (reason: string) => (BLOCK_REASONS as readonly string[]).includes(reason);
