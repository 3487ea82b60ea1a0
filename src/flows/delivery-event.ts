import { planMailEvent, type MailEvent } from "../mail/delivery-events";
import type { Services } from "./services";

/**
 * One verified delivery event from the mail provider (Resend, by its svix-id): what it
 * changes (planMailEvent: suppressions, ledger events) is written with the delivery's own
 * record in one atomic store call, so a retried or replayed delivery changes nothing.
 */
export async function recordDeliveryEvent({ store, config }: Services, event: MailEvent | { type: string }, messageId: string) {
  const plan = planMailEvent(event, { messageId, policyVersion: config.policyVersion, now: new Date() });
  const { duplicate } = await store.recordWebhookDelivery(plan);
  // A campaign's mail (by Resend's id, one indexed update): its counts show the bounce or complaint.
  if (!duplicate && "emailId" in event && (plan.outcome === "hard_bounce" || plan.outcome === "complaint")) {
    await store.campaigns.noteDelivery(event.emailId, plan.outcome === "complaint" ? "complained" : "bounced");
  }
  return { outcome: plan.outcome, duplicate };
}
