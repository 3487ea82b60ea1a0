import { createRoute, z } from "@hono/zod-openapi";
import { createApiKey, revokeApiKey } from "../../../../flows/api-keys";
import { requireScope } from "../../../auth";
import { verifiedKeys } from "../../../verified-keys";
import { ApiError } from "../../../errors";
import { bearerAuth, createRouter } from "../../../router";
import { errorResponses, jsonBody, jsonResponse } from "../../../schemas";
import { ApiKeyParamsSchema, ApiKeySchema, CreateApiKeySchema, CreatedApiKeySchema } from "./schema";

const manage = requireScope("api-keys:manage");

const createKeyRoute = createRoute({
  method: "post",
  path: "/api-keys",
  operationId: "createApiKey",
  summary: "Create a scoped API key, with scopes the calling key holds itself; the key is in this answer only",
  security: bearerAuth,
  middleware: manage,
  request: { body: jsonBody(CreateApiKeySchema) },
  responses: { 201: jsonResponse("The new key", CreatedApiKeySchema), ...errorResponses(400, 401, 403, 413, 415) },
});

const listKeysRoute = createRoute({
  method: "get",
  path: "/api-keys",
  operationId: "listApiKeys",
  summary: "Every stored API key, revoked ones included (never the keys themselves)",
  security: bearerAuth,
  middleware: manage,
  responses: { 200: jsonResponse("The keys", z.object({ apiKeys: z.array(ApiKeySchema) })), ...errorResponses(401, 403) },
});

const revokeKeyRoute = createRoute({
  method: "delete",
  path: "/api-keys/{id}",
  operationId: "revokeApiKey",
  summary: "Revoke an API key; it stops working at once. Revoking twice is harmless",
  security: bearerAuth,
  middleware: manage,
  request: { params: ApiKeyParamsSchema },
  responses: { 200: jsonResponse("The revoked key", ApiKeySchema), ...errorResponses(400, 401, 403, 404) },
});

export const apiKeyRoutes = createRouter()
  .openapi(createKeyRoute, async (c) => {
    const { name, scopes } = c.req.valid("json");
    // Otherwise a key meant only to hand out keys could make itself any key it likes.
    const held = c.var.principal.scopes;
    const lacking = scopes.filter((scope) => !held.includes(scope));
    if (lacking.length) {
      const issues = lacking.map((scope) => ({ path: ["scopes", scopes.indexOf(scope)], message: `this API key lacks "${scope}"` }));
      throw new ApiError("forbidden", `An API key can only give scopes it holds; this one lacks ${lacking.join(", ")}.`, issues);
    }
    return c.json(await createApiKey(c.var.services, { name, scopes, createdBy: c.var.principal.keyId }), 201);
  })
  .openapi(listKeysRoute, async (c) => c.json({ apiKeys: await c.var.store.listApiKeys() }, 200))
  .openapi(revokeKeyRoute, async (c) => {
    const revoked = await revokeApiKey(c.var.services, c.req.valid("param").id);
    if (!revoked) throw new ApiError("not_found", "No such API key.");
    verifiedKeys.forget(revoked.id);
    return c.json(revoked, 200);
  });
