import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { receiveSms } from "../../../flows/sms-keyword";
import { requireScope } from "../../auth";
import type { AppEnv } from "../../context";
import { ApiError, fromZodError } from "../../errors";
import { mediaTypeOf } from "../../middleware/body";
import { InboundSmsSchema } from "./schema";

/**
 * POST /webhooks/sms: an SMS gateway forwards the messages people send to the
 * organisation's number, with an API key that has the sms:inbound scope (docs/sms-keywords.md).
 */
export const smsWebhookRoutes = new Hono<AppEnv>().post(
  "/sms",
  requireScope("sms:inbound"),
  bodyLimit({
    maxSize: 16 * 1024,
    onError: () => {
      throw new ApiError("payload_too_large", "The request body is too large.");
    },
  }),
  async (c) => {
    if (mediaTypeOf(c) !== "application/json") throw new ApiError("unsupported_media_type", "Send the body as application/json.");
    let json: unknown;
    try {
      json = await c.req.json();
    } catch {
      throw new ApiError("invalid_json", "The request body is not valid JSON.");
    }
    const parsed = InboundSmsSchema.safeParse(json);
    if (!parsed.success) throw fromZodError(parsed.error);
    const result = await receiveSms(c.var.services, parsed.data, `api_key:${c.var.principal.keyId}`);
    return c.json(result);
  },
);
