import { z } from "@hono/zod-openapi";
import { ALL } from "../../../../consent/channels";
import { findTopic } from "../../../../consent/catalog";
import { LOCALES } from "../../../../consent/locales";
import { CONSENT_STATUSES } from "../../../../consent/sources";
import { ALLOW_REASONS, BLOCK_REASONS } from "../../../../consent/decision";
import { ConsentInputSchema } from "../../../../schemas/consent-input";
import { ContactIdField, EmailField, ExternalIdField, PhoneField } from "../../../../schemas/fields";

export const SaveContactSchema = z
  .object({
    externalId: ExternalIdField.optional(),
    email: EmailField.optional(),
    phone: PhoneField.optional(),
    locale: z.enum(LOCALES).optional(),
    consents: z.array(ConsentInputSchema).max(100).optional(),
    doubleOptIn: z.boolean().optional().openapi({
      description:
        "Grants of opt_in topics, on any channel, wait for the person to confirm them: each is recorded as pending and a confirmation email goes to `email`",
    }),
  })
  .strict()
  .refine((body) => body.externalId ?? body.email ?? body.phone, {
    message: "give at least one of externalId, email, phone",
  })
  .superRefine((body, ctx) => {
    if (!body.doubleOptIn) return;
    if (!body.email) ctx.addIssue({ code: "custom", path: ["email"], message: "doubleOptIn needs the email address the confirmation goes to" });
    body.consents?.forEach((consent, i) => {
      if (consent.status === "granted" && consent.channel === ALL && findTopic(consent.topic)?.consent === "opt_in") {
        ctx.addIssue({ code: "custom", path: ["consents", i, "channel"], message: "with doubleOptIn, grant an opt_in topic per channel" });
      }
    });
  })
  .openapi("SaveContact", { anyOf: [{ required: ["externalId"] }, { required: ["email"] }, { required: ["phone"] }] });

export const ContactParamsSchema = z.object({
  id: ContactIdField.openapi({ param: { name: "id", in: "path" } }),
});

const PreferenceSchema = z.object({
  allowed: z.boolean(),
  reason: z.enum([...ALLOW_REASONS, ...BLOCK_REASONS]),
});

export const ContactSchema = z
  .object({
    id: z.string(),
    externalId: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    locale: z.enum(LOCALES),
    createdAt: z.string(),
    updatedAt: z.string(),
    consents: z.array(
      z.object({ topic: z.string(), channel: z.string(), status: z.enum(CONSENT_STATUSES), occurredAt: z.string() }),
    ),
    preferences: z
      .record(z.string(), z.record(z.string(), PreferenceSchema))
      .openapi({ description: "Per topic, per channel the topic uses: whether consent allows a send now (consent_expired past a lifespan; sending windows, pauses and digests aside: see pauses, digests)" }),
    pauses: z
      .array(z.object({ topic: z.string(), channel: z.string(), until: z.string() }))
      .openapi({ description: "Pauses running now (status paused), soonest end first: sends of these scopes are blocked as paused until then" }),
    digests: z
      .array(z.object({ topic: z.string(), channel: z.string() }))
      .openapi({ description: "Scopes kept to their topic's digest campaigns (status digest): other sends are blocked as digest_only" }),
    links: z.object({
      preferences: z.string().openapi({ description: "A fresh signed link to the contact's preference page, for the organisation's site" }),
      preferencesExpiresAt: z.string(),
    }),
  })
  .openapi("Contact");

export const SavedContactSchema = ContactSchema.extend({
  created: z.boolean(),
  recordedEvents: z.array(z.string()).openapi({ description: "ids of the ledger events this request appended" }),
  pendingConfirmations: z
    .array(z.object({ eventId: z.string(), topic: z.string(), channel: z.string(), mailed: z.boolean() }))
    .openapi({ description: "With doubleOptIn: the grants awaiting confirmation, and whether their email went out" }),
}).openapi("SavedContact");
