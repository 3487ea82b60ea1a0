import { createRoute } from "@hono/zod-openapi";
import { requireScope } from "../../../auth";
import { bearerAuth, createRouter } from "../../../router";
import { errorResponses, jsonBody, jsonResponse } from "../../../schemas";
import { answerSendCheck, withUnsubscribeLinks, type GivenRecipient } from "./answer";
import { SendCheckRequestSchema, SendCheckResponseSchema } from "./schema";

const route = createRoute({
  method: "post",
  path: "/send-checks",
  summary: "May topic T go out on channel C to these recipients? Decides each one and records the check",
  security: bearerAuth,
  middleware: requireScope("send-checks:write"),
  request: { body: jsonBody(SendCheckRequestSchema) },
  responses: {
    200: jsonResponse("Each recipient, allowed (with its unsubscribe link) or blocked with its reason", SendCheckResponseSchema),
    ...errorResponses(400, 401, 403, 413, 415),
  },
});

export const sendCheckRoutes = createRouter().openapi(route, async (c) => {
  const raw = (await c.req.json()) as { recipients: GivenRecipient[] };
  const body = c.req.valid("json");
  const answer = await answerSendCheck(c.var.services, c.var.principal.keyId, body, raw.recipients, withUnsubscribeLinks(c.var.config));
  return c.json(answer, 200);
});
