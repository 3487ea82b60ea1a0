import type { CampaignProgress, CampaignRecord } from "../store";

export type CampaignStatus = "scheduled" | "sending" | "done" | "cancelled" | "failed";

/**
 * Where a campaign is, from its record and its recipients' counts: cancelled and failed as
 * recorded; while anything is queued or claimed, scheduled until its send time (and before
 * any batch ran), then sending; afterwards done, or failed when nothing was sent and some failed.
 */
export function campaignStatus(campaign: CampaignRecord, progress: CampaignProgress, now: Date): CampaignStatus {
  if (campaign.cancelledAt) return "cancelled";
  if (campaign.failedAt) return "failed";
  const { queued = 0, sending = 0, sent = 0, failed = 0 } = progress.byStatus;
  if (queued + sending > 0) return Date.parse(campaign.sendAt) > now.getTime() && progress.batchesDone === 0 && sending === 0 ? "scheduled" : "sending";
  return sent === 0 && failed > 0 ? "failed" : "done";
}

/**
 * When the last batch should have gone, at `rate` requests (batches) a second from the later
 * of now and the send time; null once nothing is left to send.
 */
export function expectedFinish(campaign: CampaignRecord, progress: CampaignProgress, status: CampaignStatus, rate: number, now: Date): Date | null {
  if (status !== "scheduled" && status !== "sending") return null;
  const start = Math.max(now.getTime(), Date.parse(campaign.sendAt));
  return new Date(start + ((campaign.batches - progress.batchesDone) / rate) * 1000);
}
