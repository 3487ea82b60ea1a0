import type { z } from "@hono/zod-openapi";
import { findTopic } from "../../../../consent/catalog";
import type { Config } from "../../../../config";
import { checkSend, type LinkMaker, type NamedRecipient } from "../../../../flows/send-check";
import type { Services } from "../../../../flows/services";
import { unsubscribeLinks, type UnsubscribeLink } from "../../../../signing/unsubscribe-links";
import { RECIPIENT_KEYS, type SendCheckRequestSchema } from "./schema";

export type GivenRecipient = Partial<Record<(typeof RECIPIENT_KEYS)[number], string>>;

export function withUnsubscribeLinks(config: Config): LinkMaker<UnsubscribeLink> {
  // Read now, before the check is recorded: an unusable setting must fail the request before it writes anything.
  const linkConfig = { linkKeys: config.linkKeys, publicBaseUrl: config.publicBaseUrl, unsubscribeMailDomain: config.unsubscribeMailDomain };
  return (link, contactIds) => unsubscribeLinks(linkConfig, link, contactIds);
}

/**
 * A validated send check, through the flow, shaped as the API answers it: recipients
 * echoed as given, each allowed one with what `linksFor` makes for it (the benchmark
 * passes a function that makes nothing, to measure what the links cost).
 */
export async function answerSendCheck<Link>(
  services: Services,
  apiKeyId: string,
  body: z.output<typeof SendCheckRequestSchema>,
  given: GivenRecipient[],
  linksFor: LinkMaker<Link>,
) {
  const recipients: NamedRecipient<GivenRecipient>[] = body.recipients.map((parsed, i) => {
    const key = RECIPIENT_KEYS.find((k) => parsed[k] !== undefined)!;
    return { given: given[i]!, key, value: parsed[key]! };
  });
  const { record, allowed, blocked } = await checkSend(
    services,
    {
      topic: findTopic(body.topic)!,
      channel: body.channel,
      sendAt: body.sendAt ? new Date(body.sendAt) : new Date(),
      campaign: body.campaign ?? null,
      recipients,
      apiKeyId,
    },
    linksFor,
  );
  return {
    id: record.id,
    allowed: allowed.map(({ given, contactId, link }) => ({ recipient: given, contactId, unsubscribe: link })),
    blocked: blocked.map(({ given, reason }) => ({ recipient: given, reason })),
    counts: { allowed: record.allowed, blocked: record.blocked, reasons: record.reasons },
  };
}
