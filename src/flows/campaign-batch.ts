import { personalise } from "../campaigns/personalise";
import { findTopic } from "../consent/catalog";
import { decideSend } from "../consent/decision";
import type { BatchSender, CampaignEmail } from "../mail/batch";
import { preferencesLink } from "../signing/links";
import { unsubscribeLinks } from "../signing/unsubscribe-links";
import type { BatchDecision, CampaignRecord, SendingRecipient } from "../store";
import type { Services } from "./services";

export type BatchResult =
  | { done: "sent"; sent: number; blocked: number }
  | { done: "nothing" }
  /** sendAt is further away than a queue message can wait: send the message again, delayed. */
  | { later: number }
  | { failed: string; problem: string; retry: boolean; retryAfterMs?: number };

/**
 * One batch of a campaign (docs/campaigns.md). The recipients still queued are looked up by
 * contact id with the send check's own query, decided again now, and claimed in one write
 * (sending, or blocked with the reason; nothing if the campaign was cancelled). Those
 * claimed go to Resend in one batch request with an idempotency key of (campaign, batch),
 * each in their language with their own unsubscribe headers and footer. A redelivery finds
 * the claimed rows as they were and sends the same request again: Resend sends nothing twice.
 */
export async function sendCampaignBatch(services: Services, sender: BatchSender, campaignId: string, batch: number, now = new Date()): Promise<BatchResult> {
  const { store } = services;
  const campaign = await store.campaigns.get(campaignId);
  if (!campaign) return { done: "nothing" };
  const wait = Math.ceil((Date.parse(campaign.sendAt) - now.getTime()) / 1000);
  if (wait > 0) return { later: wait };

  const open = await store.campaigns.openBatch(campaignId, batch);
  let recipients = open.sending;
  let blocked = 0;
  if (open.queued.length > 0) {
    const decisions = await decideAgain(services, campaign, open.queued, now);
    blocked = decisions.filter((d) => d.status === "blocked").length;
    recipients = await store.campaigns.claimBatch(campaignId, batch, decisions);
  }
  const addressed = recipients.filter((r): r is SendingRecipient & { email: string } => r.email !== null);
  if (addressed.length === 0) {
    if (recipients.length) await store.campaigns.failBatch(campaignId, batch, "erased", "erased after the consent check");
    return { done: "nothing" };
  }
  const emails = await personalEmails(services, campaign, addressed);
  const outcome = await sender.send(emails, `campaign/${campaignId}/batch/${batch}`);
  if (!outcome.ok) return { failed: outcome.reason, problem: outcome.problem, retry: outcome.retry, retryAfterMs: outcome.retryAfterMs };
  await store.campaigns.recordSent(campaignId, batch, addressed.map((r, i) => ({ contactId: r.contactId, messageId: outcome.ids[i]! })), new Date().toISOString());
  // Erased between the claim and now: nothing was sent to them.
  if (addressed.length < recipients.length) await store.campaigns.failBatch(campaignId, batch, "erased", "erased after the consent check");
  return { done: "sent", sent: addressed.length, blocked };
}

/** The send check's lookup by contact id and its decision, for the batch's queued recipients, now. */
async function decideAgain(services: Services, campaign: CampaignRecord, contactIds: string[], now: Date): Promise<BatchDecision[]> {
  const { store, config } = services;
  const topic = findTopic(campaign.topic)!;
  const found = await store.findRecipients({
    topic: topic.key,
    channel: "email",
    sendAt: now,
    values: { contactId: contactIds, email: [], phone: [], externalId: [] },
  });
  return contactIds.map((contactId) => {
    const facts = found.contactId.get(contactId) ?? { found: false, erased: false };
    const decision = decideSend({ topic, channel: "email", sendAt: now, digest: campaign.digest }, facts, config.sendingWindows);
    if (!decision.allowed || !facts.found) return { contactId, status: "blocked", reason: decision.reason };
    return { contactId, status: "sending", locale: facts.locale };
  });
}

/**
 * Each recipient's own message. Everything in it is fixed by the campaign and the claim, so
 * a redelivered batch is the same request: the unsubscribe token is a MAC without a clock,
 * and the preference link is dated by the campaign's sendAt, not by when the batch runs.
 */
async function personalEmails(services: Services, campaign: CampaignRecord, recipients: (SendingRecipient & { email: string })[]): Promise<CampaignEmail[]> {
  const { config } = services;
  const contactIds = recipients.map((r) => r.contactId);
  const unsubscribe = await unsubscribeLinks(config, { topic: campaign.topic, channel: "email", sendCheckId: campaign.sendCheckId }, contactIds);
  const linkTime = new Date(campaign.sendAt);
  return Promise.all(
    recipients.map(async (recipient, i) => {
      const link = unsubscribe[i]!;
      const preferences = await preferencesLink(config, recipient.contactId, linkTime);
      const { subject, html, text } = personalise(campaign.content, recipient.locale, { unsubscribeUrl: link.url, preferencesUrl: preferences.url, policyUrl: config.policyUrl });
      return {
        from: campaign.from,
        to: recipient.email,
        ...(campaign.replyTo ? { replyTo: campaign.replyTo } : {}),
        subject,
        html,
        text,
        headers: { ...link.headers! },
      };
    }),
  );
}
