import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "../../../auth";
import { bearerAuth, createRouter } from "../../../router";
import { errorResponses, jsonResponse } from "../../../schemas";
import { ContactIdField, EmailField, ExternalIdField, PhoneField, PolicyVersionField } from "../../../../schemas/fields";
import { preferencesLink } from "../../../../signing/links";
import { ContactSchema } from "./schema";
import { cadenceNow, contactView } from "./view";

const QuerySchema = z
  .object({
    consentBefore: PolicyVersionField.optional().openapi({
      description: "List contacts whose latest grant (by occurredAt) was recorded under a policy version before this one",
    }),
    email: EmailField.optional().openapi({ description: "Find the contact with this email (normalised as POST /v1/contacts does)" }),
    phone: PhoneField.optional().openapi({ description: "Find the contact with this phone number (normalised)" }),
    externalId: ExternalIdField.optional().openapi({ description: "Find the contact with this external id" }),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    cursor: ContactIdField.optional().openapi({ description: "nextCursor from the previous page (consentBefore only)" }),
  })
  .refine((q) => LOOKUPS.filter((key) => q[key] !== undefined).length === 1, {
    message: "give exactly one of consentBefore, email, phone, externalId",
    path: ["consentBefore"],
  });

const LOOKUPS = ["consentBefore", "email", "phone", "externalId"] as const;

const BeforeVersionSchema = z
  .object({
    id: z.string(),
    lastConsentAt: z.string().openapi({ description: "When the latest grant occurred" }),
    policyVersion: z.string().openapi({ description: "The policy version that grant was given under" }),
  })
  .openapi("ContactBeforeVersion");

const PageSchema = z
  .object({
    contacts: z.array(z.union([ContactSchema, BeforeVersionSchema])).openapi({
      description: "With email, phone or externalId: the one contact found (or none), as GET /v1/contacts/{id} shows it; with consentBefore: one page of contacts in id order",
    }),
    nextCursor: z.string().nullable().openapi({ description: "Pass as cursor for the next page; null on the last page" }),
  })
  .openapi("ContactList");

const route = createRoute({
  method: "get",
  path: "/contacts",
  operationId: "listContacts",
  summary: "Find a contact by email, phone or external id (exact, normalised; writes nothing), or list those whose last consent predates a policy version",
  security: bearerAuth,
  middleware: requireScope("contacts:read"),
  request: { query: QuerySchema },
  responses: { 200: jsonResponse("The contact found, or one page of contacts", PageSchema), ...errorResponses(400, 401, 403) },
});

export const contactListRoutes = createRouter().openapi(route, async (c) => {
  const { consentBefore, email, phone, externalId, limit, cursor } = c.req.valid("query");
  const { store, config } = c.var;
  if (consentBefore === undefined) {
    const [field, value] = email ? (["email", email] as const) : phone ? (["phone", phone] as const) : (["externalId", externalId!] as const);
    const contact = await store.findContact(field, value);
    const found = contact && (await store.getContact(contact.id));
    if (!found) return c.json({ contacts: [], nextCursor: null }, 200);
    const awaiting = await store.findAwaitingConfirmation(contact.id);
    const view = contactView(found.contact, found.states, awaiting, await preferencesLink(config, contact.id), await cadenceNow(store, contact.id));
    return c.json({ contacts: [view], nextCursor: null }, 200);
  }
  const page = await store.listConsentsBefore({ before: consentBefore, after: cursor, limit: limit + 1 });
  const contacts = page.slice(0, limit);
  return c.json({ contacts, nextCursor: page.length > limit ? contacts.at(-1)!.id : null }, 200);
});
