import { createRoute, z } from "@hono/zod-openapi";
import { createWebhookEndpoint, deleteWebhookEndpoint } from "../../../../flows/webhook-endpoints";
import type { Store } from "../../../../store";
import { requireScope } from "../../../auth";
import { ApiError } from "../../../errors";
import { bearerAuth, createRouter } from "../../../router";
import { errorResponses, jsonBody, jsonResponse } from "../../../schemas";
import {
  CreateWebhookEndpointSchema,
  CreatedWebhookEndpointSchema,
  DeliveriesQuerySchema,
  WebhookDeliverySchema,
  WebhookEndpointParamsSchema,
  WebhookEndpointSchema,
} from "./schema";

const manage = { security: bearerAuth, middleware: requireScope("webhooks:manage") };

const createEndpointRoute = createRoute({
  method: "post",
  path: "/webhook-endpoints",
  operationId: "createWebhookEndpoint",
  summary: "Register an endpoint for consent webhooks (Standard Webhooks); its signing secret is in this answer only",
  ...manage,
  request: { body: jsonBody(CreateWebhookEndpointSchema) },
  responses: { 201: jsonResponse("The new endpoint, with its secret", CreatedWebhookEndpointSchema), ...errorResponses(400, 401, 403, 413, 415) },
});

const listEndpointsRoute = createRoute({
  method: "get",
  path: "/webhook-endpoints",
  operationId: "listWebhookEndpoints",
  summary: "Every registered endpoint (never its secret)",
  ...manage,
  responses: { 200: jsonResponse("The endpoints", z.object({ webhookEndpoints: z.array(WebhookEndpointSchema) }).openapi("WebhookEndpointList")), ...errorResponses(401, 403) },
});

const getEndpointRoute = createRoute({
  method: "get",
  path: "/webhook-endpoints/{id}",
  operationId: "getWebhookEndpoint",
  summary: "One endpoint (never its secret)",
  ...manage,
  request: { params: WebhookEndpointParamsSchema },
  responses: { 200: jsonResponse("The endpoint", WebhookEndpointSchema), ...errorResponses(400, 401, 403, 404) },
});

const deleteEndpointRoute = createRoute({
  method: "delete",
  path: "/webhook-endpoints/{id}",
  operationId: "deleteWebhookEndpoint",
  summary: "Remove an endpoint and its delivery log; nothing more is sent to it, queued deliveries included",
  ...manage,
  request: { params: WebhookEndpointParamsSchema },
  responses: { 200: jsonResponse("The endpoint removed", WebhookEndpointSchema), ...errorResponses(400, 401, 403, 404) },
});

const deliveriesRoute = createRoute({
  method: "get",
  path: "/webhook-endpoints/{id}/deliveries",
  operationId: "listWebhookDeliveries",
  summary: "The endpoint's deliveries, newest first: status, attempts, event type, times, last HTTP status",
  ...manage,
  request: { params: WebhookEndpointParamsSchema, query: DeliveriesQuerySchema },
  responses: {
    200: jsonResponse("One page of deliveries", z.object({ deliveries: z.array(WebhookDeliverySchema), nextCursor: z.string().nullable() }).openapi("WebhookDeliveryPage")),
    ...errorResponses(400, 401, 403, 404),
  },
});

async function existing(store: Store, id: string) {
  const endpoint = await store.webhookEndpoints.get(id);
  if (!endpoint) throw new ApiError("not_found", "No such webhook endpoint.");
  return endpoint;
}

export const webhookEndpointRoutes = createRouter()
  .openapi(createEndpointRoute, async (c) => {
    const created = await createWebhookEndpoint(c.var.services, { ...c.req.valid("json"), createdBy: c.var.principal.keyId });
    if ("problem" in created) throw new ApiError("invalid_request", `The endpoint URL is not allowed: ${created.problem}.`, [{ path: ["url"], message: created.problem }]);
    return c.json(CreatedWebhookEndpointSchema.parse({ ...created.endpoint, secret: created.secret }), 201);
  })
  .openapi(listEndpointsRoute, async (c) => {
    const endpoints = await c.var.store.webhookEndpoints.list();
    return c.json({ webhookEndpoints: endpoints.map((endpoint) => WebhookEndpointSchema.parse(endpoint)) }, 200);
  })
  .openapi(getEndpointRoute, async (c) => c.json(WebhookEndpointSchema.parse(await existing(c.var.store, c.req.valid("param").id)), 200))
  .openapi(deleteEndpointRoute, async (c) => {
    const { id } = c.req.valid("param");
    const endpoint = await existing(c.var.store, id);
    if (!(await deleteWebhookEndpoint(c.var.services, id))) throw new ApiError("not_found", "No such webhook endpoint.");
    return c.json(WebhookEndpointSchema.parse(endpoint), 200);
  })
  .openapi(deliveriesRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { limit, cursor } = c.req.valid("query");
    await existing(c.var.store, id);
    const page = await c.var.store.webhookEndpoints.listDeliveries(id, { after: cursor, limit: limit + 1 });
    const deliveries = page.slice(0, limit).map((delivery) => WebhookDeliverySchema.parse(delivery));
    return c.json({ deliveries, nextCursor: page.length > limit ? deliveries.at(-1)!.id : null }, 200);
  });
