import { createRoute, type z } from "@hono/zod-openapi";
import { requireScope } from "../../../auth";
import { bearerAuth, createRouter } from "../../../router";
import { errorResponses, jsonBody, jsonResponse } from "../../../schemas";
import { findTopic } from "../../../../consent/catalog";
import type { Config } from "../../../../config";
import { checkSend, type LinkMaker, type NamedRecipient } from "../../../../flows/send-check";
import type { Services } from "../../../../flows/services";
import { unsubscribeLinks, type UnsubscribeLink } from "../../../../signing/unsubscribe-links";
import { sendCheckRecordRoutes } from "./records";
import { RECIPIENT_KEYS, SendCheckRequestSchema, SendCheckResponseSchema } from "./schema";

const route = createRoute({
  method: "post",
  path: "/send-checks",
  operationId: "createSendCheck",
  summary: "May topic T go out on channel C to these recipients? Decides each one and records the check",
  security: bearerAuth,
  middleware: requireScope("send-checks:write"),
  request: { body: jsonBody(SendCheckRequestSchema) },
  responses: {
    200: jsonResponse("Each recipient, allowed (with its unsubscribe link) or blocked with its reason", SendCheckResponseSchema),
    ...errorResponses(400, 401, 403, 413, 415),
  },
});

export const sendCheckRoutes = createRouter()
  .route("/", sendCheckRecordRoutes)
  .openapi(route, async (c) => {
    const raw = (await c.req.json()) as { recipients: GivenRecipient[] };
    const body = c.req.valid("json");
    const answer = await answerSendCheck(c.var.services, c.var.principal.keyId, body, raw.recipients, withUnsubscribeLinks(c.var.config));
    return c.json(answer, 200);
  });

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
      digest: body.digest ?? false,
      campaign: body.campaign ?? null,
      recipients,
      apiKeyId,
      commit: body.commit === true,
    },
    linksFor,
  );
  return {
    id: record.id,
    allowed: allowed.map(({ given, contactId, locale, link }) => ({ recipient: given, contactId, locale, unsubscribe: link })),
    blocked: blocked.map(({ given, ...why }) => ({ recipient: given, ...why })),
    counts: { allowed: record.allowed, blocked: record.blocked, reasons: record.reasons },
  };
}
