import { z } from "@hono/zod-openapi";
import { HANDLED_TYPES } from "../../../mail/delivery-events";
import { EmailField, InstantField, PhoneField } from "../../../schemas/fields";

/** Any Resend event: only its type is needed to decide whether to read further. */
export const ResendEnvelopeSchema = z.object({ type: z.string().min(1).max(200) });

/**
 * The fields of email.bounced and email.complained this service reads (Resend's payload has
 * more: from, subject, tags, ...). `to` holds the recipients the event is about.
 */
export const MailEventSchema = z
  .object({
    type: z.enum(HANDLED_TYPES),
    created_at: InstantField,
    data: z.object({
      email_id: z.string().min(1).max(200),
      to: z.array(EmailField).min(1).max(50),
      bounce: z.object({ type: z.string().min(1).max(64), subType: z.string().max(64).optional() }).optional(),
    }),
  })
  .superRefine((event, ctx) => {
    if (event.type === "email.bounced" && !event.data.bounce) {
      ctx.addIssue({ code: "custom", path: ["data", "bounce"], message: "required for email.bounced" });
    }
  });

/** What an SMS gateway forwards: one message from a person to the organisation's number. */
export const InboundSmsSchema = z.object({
  from: PhoneField,
  text: z.string().max(1600),
  receivedAt: InstantField.optional(),
  messageId: z.string().trim().min(1).max(200).optional(),
});
