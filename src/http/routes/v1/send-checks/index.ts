import { createRoute } from "@hono/zod-openapi";
import { findTopic } from "../../../../consent/catalog";
import type { BlockReason } from "../../../../consent/decision";
import { runSendCheck, type NamedRecipient } from "../../../../consent/send-check";
import { unsubscribeLink, type UnsubscribeLink } from "../../../../signing/unsubscribe-links";
import { requireScope } from "../../../auth";
import { bearerAuth, createRouter } from "../../../router";
import { errorResponses, jsonBody, jsonResponse } from "../../../schemas";
import { RECIPIENT_KEYS, SendCheckRequestSchema, SendCheckResponseSchema } from "./schema";

const route = createRoute({
  method: "post",
  path: "/send-checks",
  summary: "May topic T go out on channel C to these recipients? Decides each one and records the check",
  security: bearerAuth,
  middleware: requireScope("send-checks:write"),
  request: { body: jsonBody(SendCheckRequestSchema) },
  responses: {
    200: jsonResponse("Each recipient, allowed or blocked with its reason", SendCheckResponseSchema),
    ...errorResponses(400, 401, 403, 413, 415),
  },
});

type Given = Partial<Record<(typeof RECIPIENT_KEYS)[number], string>>;

export const sendCheckRoutes = createRouter().openapi(route, async (c) => {
  const body = c.req.valid("json");
  const raw = (await c.req.json()) as { recipients: Given[] };
  const recipients: NamedRecipient<Given>[] = body.recipients.map((parsed, i) => {
    const key = RECIPIENT_KEYS.find((k) => parsed[k] !== undefined)!;
    return { given: raw.recipients[i]!, key, value: parsed[key]! };
  });
  const { record, outcomes } = await runSendCheck(c.var.store, c.var.config.quietHours, {
    topic: findTopic(body.topic)!,
    channel: body.channel,
    sendAt: body.sendAt ? new Date(body.sendAt) : new Date(),
    campaign: body.campaign ?? null,
    recipients,
    apiKeyId: c.var.principal.keyId,
  });
  const allowed: { recipient: Given; contactId: string; unsubscribe: UnsubscribeLink }[] = [];
  const blocked: { recipient: Given; reason: BlockReason }[] = [];
  for (const { given, contactId, decision } of outcomes) {
    if (!decision.allowed) {
      blocked.push({ recipient: given, reason: decision.reason });
      continue;
    }
    const link = { contactId: contactId!, topic: record.topic, channel: body.channel, sendCheckId: record.id };
    allowed.push({ recipient: given, contactId: contactId!, unsubscribe: await unsubscribeLink(c.var.config, link) });
  }
  return c.json(
    { id: record.id, allowed, blocked, counts: { allowed: record.allowed, blocked: record.blocked, reasons: record.reasons } },
    200,
  );
});
