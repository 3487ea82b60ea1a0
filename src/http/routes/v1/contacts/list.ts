import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "../../../auth";
import { bearerAuth, createRouter } from "../../../router";
import { errorResponses, jsonResponse } from "../../../schemas";
import { findTopic, grantExpiresAt, lifespanCutoffs } from "../../../../consent/catalog";
import type { ExpiringGrant } from "../../../../store";
import { ContactIdField, EmailField, ExternalIdField, PhoneField, PolicyVersionField } from "../../../../schemas/fields";
import { preferencesLink } from "../../../../signing/links";
import { ContactSchema } from "./schema";
import { contactView } from "./view";

const QuerySchema = z
  .object({
    consentBefore: PolicyVersionField.optional().openapi({
      description: "List contacts whose latest grant (by occurredAt) was recorded under a policy version before this one",
    }),
    consentExpiringBefore: z.iso
      .date({ error: "a date, YYYY-MM-DD" })
      .optional()
      .openapi({
        description: "List contacts with a grant of a topic with a lifespan expiring before this day (00:00 UTC), expired ones included: whom to ask again",
        example: "2027-01-01",
      }),
    email: EmailField.optional().openapi({ description: "Find the contact with this email (normalised as POST /v1/contacts does)" }),
    phone: PhoneField.optional().openapi({ description: "Find the contact with this phone number (normalised)" }),
    externalId: ExternalIdField.optional().openapi({ description: "Find the contact with this external id" }),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    cursor: ContactIdField.optional().openapi({ description: "nextCursor from the previous page (consentBefore and consentExpiringBefore only)" }),
  })
  .refine((q) => LOOKUPS.filter((key) => q[key] !== undefined).length === 1, {
    message: "give exactly one of consentBefore, consentExpiringBefore, email, phone, externalId",
    path: ["consentBefore"],
  });

const LOOKUPS = ["consentBefore", "consentExpiringBefore", "email", "phone", "externalId"] as const;

const BeforeVersionSchema = z
  .object({
    id: z.string(),
    lastConsentAt: z.string().openapi({ description: "When the latest grant occurred" }),
    policyVersion: z.string().openapi({ description: "The policy version that grant was given under" }),
  })
  .openapi("ContactBeforeVersion");

const ExpiringSchema = z
  .object({
    id: z.string(),
    expiring: z
      .array(
        z.object({
          topic: z.string(),
          channel: z.string().openapi({ description: 'A channel, or "*" for every channel' }),
          grantedAt: z.string().openapi({ description: "When the grant occurred" }),
          expiresAt: z.string().openapi({ description: "When it stops holding (grantedAt plus the topic's lifespan)" }),
        }),
      )
      .openapi({ description: "The contact's grants that expire before the date, by topic and channel" }),
  })
  .openapi("ContactWithExpiringConsent");

const PageSchema = z
  .object({
    contacts: z.array(z.union([ContactSchema, BeforeVersionSchema, ExpiringSchema])).openapi({
      description:
        "With email, phone or externalId: the one contact found (or none), as GET /v1/contacts/{id} shows it; with consentBefore or consentExpiringBefore: one page of contacts in id order",
    }),
    nextCursor: z.string().nullable().openapi({ description: "Pass as cursor for the next page; null on the last page" }),
  })
  .openapi("ContactList");

const route = createRoute({
  method: "get",
  path: "/contacts",
  operationId: "listContacts",
  summary:
    "Find a contact by email, phone or external id (exact, normalised; writes nothing), or list those whose last consent predates a policy version or whose consent expires before a date",
  // OpenAPI has no way to say it of query parameters in a schema: said in words.
  description:
    "Give exactly one of `email`, `phone`, `externalId`, `consentBefore`, `consentExpiringBefore` (none, or two, answer 400 naming them); `limit` and `cursor` page the two lists.",
  security: bearerAuth,
  middleware: requireScope("contacts:read"),
  request: { query: QuerySchema },
  responses: { 200: jsonResponse("The contact found, or one page of contacts", PageSchema), ...errorResponses(400, 401, 403) },
});

export const contactListRoutes = createRouter().openapi(route, async (c) => {
  const { consentBefore, consentExpiringBefore, email, phone, externalId, limit, cursor } = c.req.valid("query");
  const { store, config } = c.var;
  if (consentExpiringBefore !== undefined) {
    const cutoffs = lifespanCutoffs(new Date(`${consentExpiringBefore}T00:00:00Z`));
    const rows = cutoffs.length ? await store.listExpiringGrants({ cutoffs, after: cursor, limit: limit + 1 }) : [];
    const contacts = byContact(rows);
    const page = contacts.slice(0, limit);
    return c.json({ contacts: page, nextCursor: contacts.length > limit ? page.at(-1)!.id : null }, 200);
  }
  if (consentBefore === undefined) {
    const [field, value] = email ? (["email", email] as const) : phone ? (["phone", phone] as const) : (["externalId", externalId!] as const);
    const contact = await store.findContact(field, value);
    const found = contact && (await store.getContact(contact.id));
    if (!found) return c.json({ contacts: [], nextCursor: null }, 200);
    const awaiting = await store.findAwaitingConfirmation(contact.id);
    const at = new Date();
    const view = contactView(found.contact, found.states, awaiting, await preferencesLink(config, contact.id), at, await store.findCadence(contact.id, at.toISOString()));
    return c.json({ contacts: [view], nextCursor: null }, 200);
  }
  const page = await store.listConsentsBefore({ before: consentBefore, after: cursor, limit: limit + 1 });
  const contacts = page.slice(0, limit);
  return c.json({ contacts, nextCursor: page.length > limit ? contacts.at(-1)!.id : null }, 200);
});

/** One entry per contact, in the store's order, each grant with when it expires. */
function byContact(rows: ExpiringGrant[]) {
  const contacts: { id: string; expiring: { topic: string; channel: string; grantedAt: string; expiresAt: string }[] }[] = [];
  for (const { id, topic, channel, grantedAt } of rows) {
    if (contacts.at(-1)?.id !== id) contacts.push({ id, expiring: [] });
    const expiresAt = grantExpiresAt(findTopic(topic)!, grantedAt)!.toISOString();
    contacts.at(-1)!.expiring.push({ topic, channel, grantedAt, expiresAt });
  }
  return contacts;
}
