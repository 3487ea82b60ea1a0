import { z } from "@hono/zod-openapi";
import { CHANNELS } from "../../../../consent/channels";
import { findTopic, TOPIC_KEYS } from "../../../../consent/catalog";
import { BLOCK_REASONS } from "../../../../consent/decision";
import { LOCALES } from "../../../../consent/locales";
import type { RecipientKey } from "../../../../store";
import { ContactIdField, EmailField, ExternalIdField, InstantField, PhoneField } from "../../../../schemas/fields";

export const MAX_RECIPIENTS = 10_000;
const RECIPIENT_KEYS: RecipientKey[] = ["email", "phone", "externalId", "contactId"];

const GivenRecipientSchema = z
  .object({
    email: z.string().optional(),
    phone: z.string().optional(),
    externalId: z.string().optional(),
    contactId: z.string().optional(),
  })
  .openapi("RecipientAsGiven", { description: "The recipient as the request named it: exactly one of email, phone, externalId, contactId" });

export const RecipientSchema = z
  .object({
    email: EmailField.optional(),
    phone: PhoneField.optional(),
    externalId: ExternalIdField.optional(),
    contactId: ContactIdField.optional(),
  })
  .strict()
  .refine((r) => RECIPIENT_KEYS.filter((key) => r[key] !== undefined).length === 1, {
    message: "give exactly one of email, phone, externalId, contactId",
  })
  // What the refinement checks, said so that a client generated from the document agrees.
  .openapi("Recipient", { oneOf: RECIPIENT_KEYS.map((key) => ({ required: [key] })) });

export const SendCheckRequestSchema = z
  .object({
    topic: z.enum(TOPIC_KEYS, { error: "unknown topic (GET /v1/topics lists them)" }),
    channel: z.enum(CHANNELS),
    recipients: z.array(RecipientSchema).min(1).max(MAX_RECIPIENTS),
    campaign: z.string().trim().min(1).max(200).optional(),
    sendAt: InstantField.optional().openapi({
      description: "When the send will happen; default now. Sending windows, pauses and consent lifespans are judged at this time, frequency caps count the sends in the period before it.",
    }),
    digest: z.boolean().optional().openapi({
      description: "This send is the topic's digest campaign (only topics with `digest: true`): recipients who chose \"digest only\" for it are allowed",
    }),
    commit: z.boolean().optional().openapi({
      description:
        "true: you send to the allowed recipients now (at sendAt); each is recorded as one send, which frequency caps count (PUT /v1/frequency-caps). " +
        "A retried request is counted again.",
      example: true,
    }),
  })
  .strict()
  .superRefine((body, ctx) => {
    const topic = findTopic(body.topic);
    if (topic && !topic.channels.includes(body.channel)) {
      ctx.addIssue({ code: "custom", path: ["channel"], message: `topic ${topic.key} is not sent by ${body.channel}` });
    }
    if (topic && body.digest && !topic.digest) {
      ctx.addIssue({ code: "custom", path: ["digest"], message: `topic ${topic.key} has no digest` });
    }
  })
  .openapi("SendCheckRequest");

const UnsubscribeSchema = z
  .object({
    url: z.string().openapi({ description: "The recipient's own unsubscribe link, for the message body or an SMS" }),
    headers: z
      .object({
        "List-Unsubscribe": z.string().openapi({ example: "<https://prefs.orleu.kz/u/AR…>, <mailto:ai…@unsubscribe.orleu.kz?subject=unsubscribe>" }),
        "List-Unsubscribe-Post": z.literal("List-Unsubscribe=One-Click"),
      })
      .optional()
      .openapi({ description: "Email only: copy both into the message's headers as they are (RFC 2369, RFC 8058)" }),
  })
  .openapi("Unsubscribe");

export const SendCheckResponseSchema = z
  .object({
    id: z.string(),
    allowed: z.array(
      z.object({
        recipient: GivenRecipientSchema,
        contactId: z.string(),
        locale: z.enum(LOCALES).openapi({ description: "The language to write to this person in" }),
        unsubscribe: UnsubscribeSchema,
      }),
    ),
    blocked: z.array(
      z.object({
        recipient: GivenRecipientSchema,
        reason: z.enum(BLOCK_REASONS).openapi({ description: "Why (docs/decision.md); quiet_hours is deprecated and no longer given" }),
        retryAt: z.string().optional().openapi({
          description: "With outside_sending_window: when the channel's window next opens (UTC)",
          example: "2026-12-01T04:00:00.000Z",
        }),
        until: z.string().optional().openapi({ description: "With `paused`: when the pause ends; the recipient may be sent to from then" }),
      }),
    ),
    counts: z.object({ allowed: z.number(), blocked: z.number(), reasons: z.record(z.string(), z.number()) }),
  })
  .openapi("SendCheckResult");

/** A past check as it was recorded: no recipient, only counts. */
export const SendCheckRecordSchema = z
  .object({
    id: z.string(),
    apiKeyId: z.string().openapi({ description: "The API key that made it (\"admin\" for ADMIN_API_KEY)" }),
    topic: z.string(),
    channel: z.enum(CHANNELS),
    campaign: z.string().nullable(),
    sendAt: z.string(),
    createdAt: z.string(),
    recipients: z.number().int(),
    allowed: z.number().int(),
    blocked: z.number().int(),
    reasons: z.record(z.string(), z.number().int()).openapi({ description: "How many recipients each reason decided" }),
    digest: z.boolean().openapi({ description: "Made for the topic's digest (`digest: true`); false for checks recorded before this was kept" }),
    committed: z.boolean().openapi({ description: "Made with `commit: true`: the allowed recipients were counted as sent for the frequency caps; false for checks recorded before this was kept" }),
  })
  .openapi("SendCheckRecord");

export { RECIPIENT_KEYS };
