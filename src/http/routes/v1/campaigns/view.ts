import { campaignStatus, expectedFinish } from "../../../../campaigns/status";
import type { CampaignProgress, CampaignRecord } from "../../../../store";
import { CampaignSchema } from "./schema";

/** A campaign as the API shows it: its record, its recipients' counts, and where it is. */
export function campaignView(campaign: CampaignRecord, progress: CampaignProgress, rate: number, now = new Date()) {
  const status = campaignStatus(campaign, progress, now);
  const finish = expectedFinish(campaign, progress, status, rate, now);
  const blockedByReason: Record<string, number> = { ...campaign.blockedAtStart };
  for (const [reason, n] of Object.entries(progress.blockedByReason)) blockedByReason[reason] = (blockedByReason[reason] ?? 0) + n;
  const count = (status: keyof CampaignProgress["byStatus"]) => progress.byStatus[status] ?? 0;
  const self = `/v1/campaigns/${campaign.id}`;
  return CampaignSchema.parse({
    id: campaign.id,
    reference: campaign.reference,
    status,
    topic: campaign.topic,
    channel: campaign.channel,
    from: campaign.from,
    replyTo: campaign.replyTo,
    languages: (["kk", "ru", "en"] as const).filter((locale) => campaign.content.subject[locale] !== undefined),
    sendAt: campaign.sendAt,
    digest: campaign.digest,
    createdAt: campaign.createdAt,
    cancelledAt: campaign.cancelledAt,
    sendCheckId: campaign.sendCheckId,
    counts: {
      recipients: campaign.recipients,
      duplicates: campaign.duplicates,
      queued: count("queued") + count("sending"),
      sent: count("sent"),
      blocked: Object.values(blockedByReason).reduce((a, b) => a + b, 0),
      blockedByReason,
      failed: count("failed"),
      failedByReason: progress.failedByReason,
      cancelled: count("cancelled"),
      bounced: progress.deliveries.bounced,
      complained: progress.deliveries.complained,
    },
    progress: {
      batches: campaign.batches,
      batchesDone: progress.batchesDone,
      percent: campaign.batches ? Math.floor((100 * progress.batchesDone) / campaign.batches) : 100,
    },
    expectedFinishAt: finish?.toISOString() ?? null,
    errors: progress.errors,
    links: { self, cancel: `${self}/cancel` },
  });
}
