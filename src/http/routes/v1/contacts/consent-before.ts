import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "../../../auth";
import { bearerAuth, createRouter } from "../../../router";
import { errorResponses, jsonResponse } from "../../../schemas";
import { ContactIdField, PolicyVersionField } from "../../../../schemas/fields";

const QuerySchema = z.object({
  consentBefore: PolicyVersionField.openapi({
    description: "List contacts whose latest grant (by occurredAt) was recorded under a policy version before this one",
  }),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: ContactIdField.optional().openapi({ description: "nextCursor from the previous page" }),
});

const PageSchema = z
  .object({
    contacts: z.array(
      z.object({
        id: z.string(),
        lastConsentAt: z.string().openapi({ description: "When the latest grant occurred" }),
        policyVersion: z.string().openapi({ description: "The policy version that grant was given under" }),
      }),
    ),
    nextCursor: z.string().nullable().openapi({ description: "Pass as cursor for the next page; null on the last page" }),
  })
  .openapi("ConsentsBeforeVersion");

const route = createRoute({
  method: "get",
  path: "/contacts",
  operationId: "listContactsByConsentVersion",
  summary: "Contacts whose last consent predates a policy version (to ask them again), in pages",
  security: bearerAuth,
  middleware: requireScope("contacts:read"),
  request: { query: QuerySchema },
  responses: { 200: jsonResponse("One page of contacts, in id order", PageSchema), ...errorResponses(400, 401, 403) },
});

export const consentBeforeRoutes = createRouter().openapi(route, async (c) => {
  const { consentBefore, limit, cursor } = c.req.valid("query");
  const page = await c.var.store.listConsentsBefore({ before: consentBefore, after: cursor, limit: limit + 1 });
  const contacts = page.slice(0, limit);
  return c.json({ contacts, nextCursor: page.length > limit ? contacts.at(-1)!.id : null }, 200);
});
