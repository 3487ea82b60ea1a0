import type { z } from "@hono/zod-openapi";
import { findTopic } from "../../../../consent/catalog";
import type { BlockReason } from "../../../../consent/decision";
import { runSendCheck, type NamedRecipient } from "../../../../consent/send-check";
import type { Channel } from "../../../../consent/channels";
import type { Config } from "../../../../config";
import { unsubscribeLinks, type UnsubscribeLink } from "../../../../signing/unsubscribe-links";
import type { AppEnv } from "../../../context";
import { RECIPIENT_KEYS, type SendCheckRequestSchema } from "./schema";

export type GivenRecipient = Partial<Record<(typeof RECIPIENT_KEYS)[number], string>>;

export interface LinkRequest {
  topic: string;
  channel: Channel;
  sendCheckId: string;
}

/** Makes the unsubscribe link of each allowed recipient, in the order of the contact ids. */
export type LinkMaker<Link> = (link: LinkRequest, contactIds: string[]) => Promise<Link[]>;

export function withUnsubscribeLinks(config: Config): LinkMaker<UnsubscribeLink> {
  // Read now, before the check is recorded: an unusable setting must fail the request before it writes anything.
  const linkConfig = { linkKeys: config.linkKeys, publicBaseUrl: config.publicBaseUrl, unsubscribeMailDomain: config.unsubscribeMailDomain };
  return (link, contactIds) => unsubscribeLinks(linkConfig, link, contactIds);
}

/**
 * Runs a validated send check and shapes its answer: recipients echoed as given, each
 * allowed one with what `linksFor` makes for it (the benchmark passes a function that makes
 * nothing, to measure what the links cost).
 */
export async function answerSendCheck<Link>(
  { store, config }: Pick<AppEnv["Variables"], "store" | "config">,
  apiKeyId: string,
  body: z.output<typeof SendCheckRequestSchema>,
  given: GivenRecipient[],
  linksFor: LinkMaker<Link>,
) {
  const recipients: NamedRecipient<GivenRecipient>[] = body.recipients.map((parsed, i) => {
    const key = RECIPIENT_KEYS.find((k) => parsed[k] !== undefined)!;
    return { given: given[i]!, key, value: parsed[key]! };
  });
  const { record, outcomes } = await runSendCheck(store, config.quietHours, {
    topic: findTopic(body.topic)!,
    channel: body.channel,
    sendAt: body.sendAt ? new Date(body.sendAt) : new Date(),
    campaign: body.campaign ?? null,
    recipients,
    apiKeyId,
  });
  const blocked: { recipient: GivenRecipient; reason: BlockReason }[] = [];
  const allowedOutcomes: { given: GivenRecipient; contactId: string }[] = [];
  for (const { given, contactId, decision } of outcomes) {
    if (decision.allowed) allowedOutcomes.push({ given, contactId: contactId! });
    else blocked.push({ recipient: given, reason: decision.reason });
  }
  const links = await linksFor(
    { topic: record.topic, channel: body.channel, sendCheckId: record.id },
    allowedOutcomes.map(({ contactId }) => contactId),
  );
  const allowed = allowedOutcomes.map(({ given, contactId }, i) => ({ recipient: given, contactId, unsubscribe: links[i]! }));
  return { id: record.id, allowed, blocked, counts: { allowed: record.allowed, blocked: record.blocked, reasons: record.reasons } };
}
