import { campaignStatus } from "../campaigns/status";
import type { Services } from "./services";

/**
 * POST /v1/campaigns/{id}/cancel: what is still queued is cancelled, at once and for good;
 * a batch already claimed (its consent re-checked, its request under way) still goes. A
 * finished campaign has nothing to stop.
 */
export async function cancelCampaign({ store }: Services, id: string): Promise<"cancelled" | "already" | "finished" | "unknown"> {
  const campaign = await store.campaigns.get(id);
  if (!campaign) return "unknown";
  if (campaign.cancelledAt) return "already";
  const status = campaignStatus(campaign, await store.campaigns.progress(id), new Date());
  if (status === "done" || status === "failed") return "finished";
  return store.campaigns.cancel(id, new Date().toISOString());
}
