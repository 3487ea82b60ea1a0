import type { Channel } from "./channels";
import type { Topic } from "./catalog";
import { decideSend, type Decision } from "./decision";
import type { QuietHours } from "./quiet-hours";
import type { RecipientKey, Store } from "../store";
import { newId } from "../store/ids";

/** One recipient as the caller named it, with the normalised value to look it up by. */
export interface NamedRecipient<Given = unknown> {
  given: Given;
  key: RecipientKey;
  value: string;
}

export interface SendCheckInput<Given> {
  topic: Topic;
  channel: Channel;
  sendAt: Date;
  campaign: string | null;
  recipients: NamedRecipient<Given>[];
  apiKeyId: string;
}

export interface RecipientOutcome<Given> {
  given: Given;
  contactId: string | null;
  decision: Decision;
}

/**
 * Decides every recipient of a campaign and records that the check was made, with its
 * counts per reason, so an operator can later show the campaign was checked.
 */
export async function runSendCheck<Given>(store: Store, quiet: QuietHours, input: SendCheckInput<Given>) {
  const values = { email: [], phone: [], externalId: [], contactId: [] } as Record<RecipientKey, string[]>;
  for (const r of input.recipients) values[r.key].push(r.value);
  const found = await store.findRecipients({ topic: input.topic.key, channel: input.channel, values });
  const request = { topic: input.topic, channel: input.channel, sendAt: input.sendAt };
  const outcomes: RecipientOutcome<Given>[] = input.recipients.map(({ given, key, value }) => {
    const facts = found[key].get(value) ?? { found: false, erased: false };
    return {
      given,
      contactId: facts.found ? facts.contactId : null,
      decision: decideSend(request, facts, quiet),
    };
  });
  const reasons: Record<string, number> = {};
  let allowed = 0;
  for (const { decision } of outcomes) {
    if (decision.allowed) allowed++;
    reasons[decision.reason] = (reasons[decision.reason] ?? 0) + 1;
  }
  const record = {
    id: newId("sc"),
    apiKeyId: input.apiKeyId,
    topic: input.topic.key,
    channel: input.channel,
    campaign: input.campaign,
    sendAt: input.sendAt.toISOString(),
    createdAt: new Date().toISOString(),
    recipients: outcomes.length,
    allowed,
    blocked: outcomes.length - allowed,
    reasons,
  };
  await store.recordSendCheck(record);
  return { record, outcomes };
}
