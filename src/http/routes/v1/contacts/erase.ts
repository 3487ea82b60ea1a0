import { createRoute } from "@hono/zod-openapi";
import { eraseContact } from "../../../../flows/erase-contact";
import { requireScope } from "../../../auth";
import { ApiError } from "../../../errors";
import { bearerAuth, createRouter } from "../../../router";
import { errorResponses, jsonResponse } from "../../../schemas";
import { ErasureSchema, goneBody, goneResponse } from "./erasure-schema";
import { ContactParamsSchema } from "./schema";

const route = createRoute({
  method: "delete",
  path: "/contacts/{id}",
  operationId: "eraseContact",
  summary:
    "Erase a contact, irreversibly: its personal data goes, its ledger stays without identifying data, " +
    "and its addresses stay blocked as erased until the person consents anew (docs/erasure.md)",
  security: bearerAuth,
  middleware: requireScope("contacts:erase"),
  request: { params: ContactParamsSchema },
  responses: {
    200: jsonResponse("Erased: the erasure record", ErasureSchema),
    410: goneResponse,
    ...errorResponses(400, 401, 403, 404),
  },
});

export const contactErasureRoutes = createRouter().openapi(route, async (c) => {
  const result = await eraseContact(c.var.services, c.req.valid("param").id, c.var.principal.keyId);
  if (result.status === "unknown") throw new ApiError("not_found", "No such contact.");
  if (result.status === "already_erased") return c.json(goneBody(c, result.erasure), 410);
  return c.json(result.erasure, 200);
});
