import { createRoute } from "@hono/zod-openapi";
import { requireScope } from "../../../auth";
import { ApiError } from "../../../errors";
import { bearerAuth, createRouter } from "../../../router";
import { errorResponses, jsonBody, jsonResponse } from "../../../schemas";
import { ContactParamsSchema, ContactSchema, SavedContactSchema, SaveContactSchema } from "./schema";
import { contactView } from "./view";
import { contactListRoutes } from "./list";
import { consentLedgerRoutes } from "./consents";
import { contactErasureRoutes } from "./erase";
import { goneBody, goneResponse } from "./erasure-schema";
import { saveContact } from "../../../../flows/save-contact";
import { preferencesLink } from "../../../../signing/links";

const saveRoute = createRoute({
  method: "post",
  path: "/contacts",
  operationId: "saveContact",
  summary: "Create or update a contact (matched by externalId, else email, else phone) and record consents",
  security: bearerAuth,
  middleware: requireScope("contacts:write"),
  request: { body: jsonBody(SaveContactSchema) },
  responses: {
    200: jsonResponse("Updated an existing contact", SavedContactSchema),
    201: jsonResponse("Created a contact", SavedContactSchema),
    ...errorResponses(400, 401, 403, 409, 413, 415),
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/contacts/{id}",
  operationId: "getContact",
  summary: "A contact, its recorded consents and its effective preferences",
  security: bearerAuth,
  middleware: requireScope("contacts:read"),
  request: { params: ContactParamsSchema },
  responses: {
    200: jsonResponse("The contact", ContactSchema),
    410: goneResponse,
    ...errorResponses(400, 401, 403, 404),
  },
});

export const contactRoutes = createRouter()
  .openapi(saveRoute, async (c) => {
    const { consents = [], doubleOptIn = false, ...contact } = c.req.valid("json");
    const saved = await saveContact(c.var.services, { contact, consents, doubleOptIn, actor: `api_key:${c.var.principal.keyId}` });
    if (!saved.ok) {
      throw new ApiError(
        "conflict",
        "These identifiers belong to different contacts.",
        saved.conflict.map((field) => ({ path: [field], message: "belongs to another contact" })),
      );
    }
    const at = new Date();
    const view = {
      ...contactView(saved.contact, saved.states, saved.awaiting, await preferencesLink(c.var.config, saved.id), at, await c.var.store.findCadence(saved.id, at.toISOString())),
      created: saved.created,
      recordedEvents: saved.eventIds,
      pendingConfirmations: saved.confirmations,
    };
    return saved.created ? c.json(view, 201) : c.json(view, 200);
  })
  .openapi(getRoute, async (c) => {
    const found = await c.var.store.getContact(c.req.valid("param").id);
    if (!found) throw new ApiError("not_found", "No such contact.");
    if (found.contact.erasedAt !== null) return c.json(goneBody(c, await c.var.store.findErasure(found.contact.id)), 410);
    const awaiting = await c.var.store.findAwaitingConfirmation(found.contact.id);
    const at = new Date();
    const cadence = await c.var.store.findCadence(found.contact.id, at.toISOString());
    return c.json(contactView(found.contact, found.states, awaiting, await preferencesLink(c.var.config, found.contact.id), at, cadence), 200);
  })
  .route("/", consentLedgerRoutes)
  .route("/", contactErasureRoutes)
  .route("/", contactListRoutes);
