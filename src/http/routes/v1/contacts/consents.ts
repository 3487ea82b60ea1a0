import { createRoute } from "@hono/zod-openapi";
import { accepts } from "hono/accepts";
import { consentReceipt } from "../../../../consent/consent-receipt";
import { requireScope } from "../../../auth";
import { ApiError } from "../../../errors";
import { bearerAuth, createRouter } from "../../../router";
import { errorResponses } from "../../../schemas";
import { proofCsv, proofFilename, proofJson } from "../../../proof";
import { ConsentLedgerSchema, ConsentReceiptSchema, ConsentsQuerySchema } from "./consents-schema";
import { goneBody, goneResponse } from "./erasure-schema";
import { ContactParamsSchema } from "./schema";

const route = createRoute({
  method: "get",
  path: "/contacts/{id}/consents",
  operationId: "getConsentProof",
  summary: "Proof of consent: a contact's whole ledger in order, its current state and a summary; JSON, CSV, or a DPV JSON-LD consent record",
  security: bearerAuth,
  middleware: requireScope("contacts:read"),
  request: { params: ContactParamsSchema, query: ConsentsQuerySchema },
  responses: {
    200: {
      description: "The ledger (CSV: one row per event, evidence as a JSON column; DPV: ISO/IEC TS 27560 records in JSON-LD, evidence left out)",
      content: {
        "application/json": { schema: ConsentLedgerSchema },
        "text/csv": { schema: { type: "string" as const } },
        "application/ld+json": { schema: ConsentReceiptSchema },
      },
    },
    410: goneResponse,
    ...errorResponses(400, 401, 403, 404),
  },
});

const ACCEPTED: Record<string, "json" | "csv" | "dpv"> = { "application/json": "json", "text/csv": "csv", "application/ld+json": "dpv" };

export const consentLedgerRoutes = createRouter().openapi(route, async (c) => {
  const { id } = c.req.valid("param");
  const ledger = await c.var.store.getConsentLedger(id);
  if (!ledger) throw new ApiError("not_found", "No such contact.");
  if (ledger.contact.erasedAt !== null) return c.json(goneBody(c, ledger.erasure), 410);
  const format = c.req.valid("query").format ?? ACCEPTED[accepts(c, { header: "Accept", supports: Object.keys(ACCEPTED), default: "application/json" })]!;
  const generatedAt = new Date();
  if (format === "dpv") {
    const documentUrl = `${c.var.config.publicBaseUrl}/v1/contacts/${encodeURIComponent(id)}/consents?format=dpv`;
    const receipt = consentReceipt({ ...ledger, generatedAt, documentUrl, policyUrl: c.var.config.policyUrl });
    return c.body(JSON.stringify(receipt), 200, { "Content-Type": "application/ld+json; charset=utf-8" });
  }
  if (format === "csv") {
    return c.body(proofCsv(ledger), 200, {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="${proofFilename(ledger, generatedAt, "csv")}"`,
    });
  }
  return c.json(proofJson(ledger, c.var.config, generatedAt), 200);
});
