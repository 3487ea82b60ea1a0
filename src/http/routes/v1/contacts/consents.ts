import { createRoute } from "@hono/zod-openapi";
import { accepts } from "hono/accepts";
import { stillPending, summariseLedger } from "../../../../consent/ledger-summary";
import type { ConsentLedger } from "../../../../store";
import { requireScope } from "../../../auth";
import { toCsv } from "../../../csv";
import { ApiError } from "../../../errors";
import { bearerAuth, createRouter } from "../../../router";
import { errorResponses } from "../../../schemas";
import { ConsentLedgerSchema, ConsentsQuerySchema, LEDGER_CSV_COLUMNS } from "./consents-schema";
import { goneBody, goneResponse } from "./erasure-schema";
import { ContactParamsSchema } from "./schema";
import { contactFields, effectivePreferences } from "./view";

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
    // The opaque contact id and the date: nothing in the name identifies the person.
    const filename = `consents-${ledger.contact.id.replace(/[^\w-]/g, "_")}-${generatedAt.toISOString().slice(0, 10)}.csv`;
    return c.body(ledgerCsv(ledger), 200, {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="${filename}"`,
    });
  }
  const { contact, states, events, suppressions } = ledger;
  return c.json(
    {
      generatedAt: generatedAt.toISOString(),
      contact: contactFields(contact),
      state: { consents: states, preferences: effectivePreferences(contact, states, stillPending(events)), suppressions },
      summary: summariseLedger(events, states, suppressions, c.var.config.quietHours.utcOffsetMinutes),
      events,
    },
    200,
  );
});

function ledgerCsv({ contact, events }: ConsentLedger): string {
  const rows = events.map((e) => [
    contact.id,
    e.seq,
    e.id,
    e.topic,
    e.channel,
    e.status,
    e.source,
    e.occurredAt,
    e.recordedAt,
    e.policyVersion,
    e.locale,
    e.actor,
    JSON.stringify(e.evidence),
    e.until,
  ]);
  return toCsv(LEDGER_CSV_COLUMNS, rows);
}
