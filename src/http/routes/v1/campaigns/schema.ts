import { z } from "@hono/zod-openapi";
import { findTopic, TOPIC_KEYS } from "../../../../consent/catalog";
import { BLOCK_REASONS } from "../../../../consent/decision";
import { LOCALES } from "../../../../consent/locales";
import { EmailField, InstantField } from "../../../../schemas/fields";
import { RecipientSchema } from "../send-checks/schema";

export const MAX_CAMPAIGN_RECIPIENTS = 100_000;
const MAILBOX_TEXT = "[^\\s@<>]+@[^\\s@<>]+\\.[^\\s@<>]+";
const MAILBOX = new RegExp(`^${MAILBOX_TEXT}$`);

/** A text per language: Kazakh always (the advertising law), Russian and English when the campaign has them. */
const localized = (max: number, example: string) =>
  z
    .object({
      kk: z.string().trim().min(1).max(max),
      ru: z.string().trim().min(1).max(max).optional(),
      en: z.string().trim().min(1).max(max).optional(),
    })
    .strict()
    .openapi({ example: { kk: example, ru: example } });

const FromField = z
  .string()
  .trim()
  .max(320)
  .refine((from) => MAILBOX.test(/<([^<>]+)>$/.exec(from)?.[1] ?? from), 'a sender such as "Orleu <news@orleu.kz>", on a domain verified with Resend')
  // What the refinement accepts, said in the document (spaces around it are trimmed besides).
  .openapi({ pattern: `^(?:${MAILBOX_TEXT}|[^<>]*<${MAILBOX_TEXT}>)$`, example: "Orleu <news@orleu.kz>" });

const LOCALIZED_FIELDS = ["subject", "html", "text"] as const;
/** The refinement's "ru and en in subject, html and text alike, or in none", as JSON Schema: a field that has the language makes the others need it. */
const SAME_LANGUAGES = (["ru", "en"] as const).flatMap((locale) => {
  const hasIt = { properties: { [locale]: { type: "string" } }, required: [locale] };
  return LOCALIZED_FIELDS.map((field) => ({
    if: { properties: { [field]: hasIt }, required: [field] },
    then: { properties: Object.fromEntries(LOCALIZED_FIELDS.filter((f) => f !== field).map((f) => [f, hasIt])) },
  }));
});

export const CampaignRequestSchema = z
  .object({
    topic: z.enum(TOPIC_KEYS, { error: "unknown topic (GET /v1/topics lists them)" }),
    channel: z.literal("email", { error: 'campaigns go out by email only: "email"' }),
    reference: z.string().trim().min(1).max(200).openapi({
      description: "Your id for this campaign: the same reference again (from the same key) is the same campaign, not a second one",
      example: "newsletter-2026-12",
    }),
    from: FromField.optional().openapi({ description: "Default: the service's MAIL_FROM" }),
    replyTo: EmailField.optional(),
    subject: localized(998, "Желтоқсан жаңалықтары"),
    html: localized(256 * 1024, "<p>Сәлем!</p><p><a href=\"{{unsubscribe_url}}\">Бас тарту</a></p>").openapi({
      description: "{{unsubscribe_url}} and {{preferences_url}} become the recipient's own links; without {{unsubscribe_url}} a footer with both is appended",
    }),
    text: localized(128 * 1024, "Сәлем!"),
    sendAt: InstantField.optional().openapi({ description: "When to start sending; default now. Up to 30 days ahead" }),
    digest: z.boolean().optional().openapi({
      description: "This is the topic's digest campaign (only topics with `digest: true`): recipients who chose \"digest only\" for it get it",
    }),
    recipients: z.array(RecipientSchema).min(1).max(MAX_CAMPAIGN_RECIPIENTS),
  })
  .strict()
  .superRefine((body, ctx) => {
    const topic = findTopic(body.topic);
    if (topic && !topic.channels.includes("email")) ctx.addIssue({ code: "custom", path: ["topic"], message: `topic ${topic.key} is not sent by email` });
    if (topic && body.digest && !topic.digest) ctx.addIssue({ code: "custom", path: ["digest"], message: `topic ${topic.key} has no digest` });
    for (const locale of ["ru", "en"] as const) {
      const given = LOCALIZED_FIELDS.filter((field) => body[field]?.[locale] !== undefined);
      for (const field of LOCALIZED_FIELDS) {
        if (given.length > 0 && !given.includes(field)) {
          ctx.addIssue({ code: "custom", path: [field, locale], message: `give ${locale} in subject, html and text alike, or in none of them` });
        }
      }
    }
    if (body.sendAt && Date.parse(body.sendAt) > Date.now() + 30 * 86_400_000) {
      ctx.addIssue({ code: "custom", path: ["sendAt"], message: "at most 30 days ahead" });
    }
  })
  .openapi("CampaignRequest", { allOf: SAME_LANGUAGES });

export const CampaignParamsSchema = z.object({
  id: z.string().min(1).max(64).openapi({ param: { name: "id", in: "path" }, example: "cmp_3k9x0c1d2e3f4g5h6j7k8m9n0p" }),
});

export const CAMPAIGN_STATUSES = ["scheduled", "sending", "done", "cancelled", "failed"] as const;
export const FAILURE_REASONS = [
  "provider_rejected", // Resend refused the batch (4xx other than 429): retrying would not help
  "provider_unavailable", // Resend kept answering 429/5xx or could not be reached, through every delivery
  "quota_exceeded", // Resend's daily or monthly quota is reached
  "mail_not_configured", // this deployment has no way to send mail (RESEND_API_KEY)
  "erased", // the person was erased between the consent check and the send
  "not_queued", // the campaign's batches could not be queued
  "internal_error", // the batch failed on our side through every delivery
  "dead_letter", // every delivery failed and the batch reached the dead-letter queue
] as const;

export const CampaignSchema = z
  .object({
    id: z.string(),
    reference: z.string(),
    status: z.enum(CAMPAIGN_STATUSES),
    topic: z.string(),
    channel: z.literal("email"),
    from: z.string(),
    replyTo: z.string().nullable(),
    languages: z.array(z.enum(LOCALES)).openapi({ description: "The languages the campaign is written in; recipients in another get Kazakh" }),
    sendAt: z.string(),
    digest: z.boolean().openapi({ description: "The topic's digest campaign" }),
    createdAt: z.string(),
    cancelledAt: z.string().nullable(),
    sendCheckId: z.string().openapi({ description: "The send check run at creation (GET /v1/send-checks/{id})" }),
    counts: z.object({
      recipients: z.number().int().openapi({ description: "As given, duplicates included" }),
      duplicates: z.number().int().openapi({ description: "Recipients naming a contact already named: one mail each" }),
      queued: z.number().int(),
      sent: z.number().int(),
      blocked: z.number().int().openapi({ description: "At creation and by the re-check before each batch" }),
      blockedByReason: z.partialRecord(z.enum(BLOCK_REASONS), z.number().int()),
      failed: z.number().int(),
      failedByReason: z.partialRecord(z.enum(FAILURE_REASONS), z.number().int()),
      cancelled: z.number().int(),
      bounced: z.number().int().openapi({ description: "Sent, then reported by Resend as a permanent bounce" }),
      complained: z.number().int().openapi({ description: "Sent, then reported by Resend as a complaint" }),
    }),
    progress: z.object({ batches: z.number().int(), batchesDone: z.number().int(), percent: z.number().int() }),
    expectedFinishAt: z.string().nullable().openapi({ description: "At the configured pace (CAMPAIGN_SEND_RATE requests of 100 a second); null once finished" }),
    errors: z
      .array(z.object({ batch: z.number().int(), reason: z.enum(FAILURE_REASONS), detail: z.string().nullable(), recipients: z.number().int() }))
      .openapi({ description: "The first failed batches" }),
    links: z.object({ self: z.string(), cancel: z.string() }),
  })
  .openapi("Campaign");
