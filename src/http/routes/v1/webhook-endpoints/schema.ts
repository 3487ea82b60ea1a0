import { z } from "@hono/zod-openapi";
import { WEBHOOK_EVENT_TYPES } from "../../../../webhooks/events";

const ID_EXAMPLE = "whe_3k9x0c1d2e3f4g5h";

export const CreateWebhookEndpointSchema = z
  .object({
    url: z.string().min(1).max(2048).openapi({ description: "https:// on a public host (http://localhost only while the service runs on localhost)", example: "https://crm.orleu.kz/hooks/consent" }),
    events: z
      .array(z.enum(WEBHOOK_EVENT_TYPES))
      .min(1)
      .refine((events) => new Set(events).size === events.length, "events repeat")
      .openapi({ uniqueItems: true, example: ["consent.changed", "contact.erased"] }),
    includeAddresses: z.boolean().default(false).openapi({ description: "Bodies carry the contact's email and phone; without it, ids only" }),
  })
  .strict()
  .openapi("CreateWebhookEndpoint");

export const WebhookEndpointSchema = z
  .object({
    id: z.string().openapi({ example: ID_EXAMPLE }),
    url: z.string().openapi({ example: "https://crm.orleu.kz/hooks/consent" }),
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
    includeAddresses: z.boolean(),
    createdAt: z.string().openapi({ example: "2026-11-30T12:00:00.000Z" }),
    createdBy: z.string().openapi({ description: "The API key that registered it (its id, or admin)", example: "admin" }),
  })
  .openapi("WebhookEndpoint");

export const CreatedWebhookEndpointSchema = WebhookEndpointSchema.extend({
  secret: z.string().openapi({
    description: "The Standard Webhooks signing secret (whsec_ and base64). Shown once: verify webhook-signature with it",
    example: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  }),
}).openapi("CreatedWebhookEndpoint");

export const WebhookDeliverySchema = z
  .object({
    id: z.string().openapi({ description: "Also the webhook-id header; the same on every attempt", example: "msg_2f1c0e9b8a7d6c5b" }),
    type: z.enum(WEBHOOK_EVENT_TYPES),
    contactId: z.string().openapi({ example: "ct_3k9x0c1d2e3f4g5h" }),
    status: z.enum(["pending", "delivered", "failed"]),
    attempts: z.number().int(),
    lastStatus: z.number().int().nullable().openapi({ description: "The endpoint's HTTP status at the last attempt", example: 503 }),
    lastError: z.string().nullable().openapi({ description: "timeout, network, url_not_allowed or dead_letter when there was no HTTP answer" }),
    createdAt: z.string(),
    lastAttemptAt: z.string().nullable(),
    nextAttemptAt: z.string().nullable().openapi({ description: "When a pending delivery is tried again" }),
    finishedAt: z.string().nullable(),
  })
  .openapi("WebhookDelivery");

export const WebhookEndpointParamsSchema = z.object({
  id: z.string().min(1).max(64).openapi({ param: { name: "id", in: "path" }, example: ID_EXAMPLE }),
});

export const DeliveriesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().min(1).max(64).optional().openapi({ description: "nextCursor from the previous page" }),
});
