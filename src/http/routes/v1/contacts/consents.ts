import { createRoute } from "@hono/zod-openapi";
import { accepts } from "hono/accepts";
import { requireScope } from "../../../auth";
import { ApiError } from "../../../errors";
import { bearerAuth, createRouter } from "../../../router";
import { errorResponses } from "../../../schemas";
import { proofCsv, proofFilename, proofJson } from "../../../proof";
import { ConsentLedgerSchema, ConsentsQuerySchema } from "./consents-schema";
import { goneBody, goneResponse } from "./erasure-schema";
import { ContactParamsSchema } from "./schema";

const route = createRoute({
  method: "get",
  path: "/contacts/{id}/consents",
  operationId: "getConsentProof",
  summary: "Proof of consent: a contact's whole ledger in order, its current state and a summary; JSON or CSV",
  security: bearerAuth,
  middleware: requireScope("contacts:read"),
  request: { params: ContactParamsSchema, query: ConsentsQuerySchema },
  responses: {
    200: {
      description: "The ledger (CSV: one row per event, evidence as a JSON column)",
      content: {
        "application/json": { schema: ConsentLedgerSchema },
        "text/csv": { schema: { type: "string" as const } },
      },
    },
    410: goneResponse,
    ...errorResponses(400, 401, 403, 404),
  },
});

export const consentLedgerRoutes = createRouter().openapi(route, async (c) => {
  const { id } = c.req.valid("param");
  const ledger = await c.var.store.getConsentLedger(id);
  if (!ledger) throw new ApiError("not_found", "No such contact.");
  if (ledger.contact.erasedAt !== null) return c.json(goneBody(c, ledger.erasure), 410);
  const format =
    c.req.valid("query").format ??
    (accepts(c, { header: "Accept", supports: ["application/json", "text/csv"], default: "application/json" }) === "text/csv" ? "csv" : "json");
  const generatedAt = new Date();
  if (format === "csv") {
    return c.body(proofCsv(ledger), 200, {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="${proofFilename(ledger, generatedAt, "csv")}"`,
    });
  }
  return c.json(proofJson(ledger, c.var.config, generatedAt), 200);
});
