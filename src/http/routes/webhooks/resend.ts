import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { recordDeliveryEvent } from "../../../flows/delivery-event";
import { isHandledType, type MailEvent } from "../../../mail/delivery-events";
import { SIGNATURE_HEADERS, verifyWebhookSignature, WebhookSecretError, type SignatureHeaders } from "../../../mail/webhook-signature";
import { ConfigError } from "../../../config";
import type { AppEnv } from "../../context";
import { ApiError, fromZodError } from "../../errors";
import { MailEventSchema, ResendEnvelopeSchema } from "./schema";

/**
 * POST /webhooks/resend: Resend's delivery events, signed by Svix. The signature is checked
 * on the raw body before anything is parsed; each svix-id changes things at most once.
 */
export const resendWebhookRoutes = new Hono<AppEnv>().post(
  "/resend",
  bodyLimit({
    maxSize: 64 * 1024,
    onError: () => {
      throw new ApiError("payload_too_large", "The request body is too large.");
    },
  }),
  async (c) => {
    const body = await c.req.text();
    const messageId = verify(c, body);
    const event = parseEvent(body);
    return c.json(await recordDeliveryEvent(c.var.services, event, messageId));
  },
);

function verify(c: Context<AppEnv>, body: string): string {
  const headers = Object.fromEntries(SIGNATURE_HEADERS.map((name) => [name, c.req.header(name)])) as SignatureHeaders;
  let check;
  try {
    check = verifyWebhookSignature(c.env.RESEND_WEBHOOK_SECRET, body, headers);
  } catch (error) {
    if (!(error instanceof WebhookSecretError)) throw error;
    throw new ConfigError(error.message);
  }
  if (check.ok) return check.messageId;
  if (check.problem === "missing_headers") {
    const issues = check.missing.map((name) => ({ path: ["headers", name], message: "missing" }));
    throw new ApiError("invalid_signature", "The webhook signature headers are missing.", issues);
  }
  if (check.problem === "timestamp") {
    throw new ApiError("invalid_timestamp", "The webhook timestamp is more than 5 minutes away from now.");
  }
  throw new ApiError("invalid_signature", "The webhook signature does not verify.");
}

function parseEvent(body: string): MailEvent | { type: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new ApiError("invalid_json", "The request body is not valid JSON.");
  }
  const envelope = ResendEnvelopeSchema.safeParse(json);
  if (!envelope.success) throw fromZodError(envelope.error);
  if (!isHandledType(envelope.data.type)) return { type: envelope.data.type };
  const parsed = MailEventSchema.safeParse(json);
  if (!parsed.success) throw fromZodError(parsed.error);
  const { type, created_at, data } = parsed.data;
  return { type, createdAt: created_at, emailId: data.email_id, to: data.to, bounce: data.bounce };
}
