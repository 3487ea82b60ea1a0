import { Hono } from "hono";
import type { AppEnv } from "../../context";
import { resendWebhookRoutes } from "./resend";
import { smsWebhookRoutes } from "./sms";

/** /webhooks: events other services push to this one. Outside /v1 and its OpenAPI document. */
export const webhookRoutes = new Hono<AppEnv>().route("/", resendWebhookRoutes).route("/", smsWebhookRoutes);
