import { z } from "@hono/zod-openapi";
import { CALLER_SOURCES, LEDGER_STATUSES, SERVICE_SOURCES } from "../../../../consent/sources";
import { ContactSchema } from "./schema";

/** Every status a ledger event may have: pending is a double opt-in awaiting confirmation. */

export const ConsentsQuerySchema = z.object({
  format: z.enum(["json", "csv", "dpv"]).optional().openapi({
    description: "csv: RFC 4180 (or `Accept: text/csv`); dpv: ISO/IEC TS 27560 record in DPV JSON-LD (or `Accept: application/ld+json`); wins over Accept",
  }),
});

/** The DPV receipt (src/consent/consent-receipt.ts): JSON-LD whose nodes the document does not spell out one by one. */
export const ConsentReceiptSchema = z
  .object({
    "@context": z.record(z.string(), z.string()),
    "@id": z.string(),
    "dct:conformsTo": z.string(),
    "dct:created": z.object({ "@value": z.string(), "@type": z.literal("xsd:dateTime") }),
    "@graph": z.array(z.record(z.string(), z.unknown())).openapi({
      description: "Controller, data subject, notices, purposes, and a dpv:ConsentRecord per topic and channel with its events (dct:hasPart)",
    }),
  })
  .openapi("ConsentReceipt");

export const LedgerEventSchema = z
  .object({
    seq: z.number().int().openapi({ description: "The ledger's order" }),
    id: z.string(),
    topic: z.string().openapi({ description: 'A topic key, or "*" for every topic' }),
    channel: z.string().openapi({ description: 'A channel, or "*" for every channel' }),
    status: z.enum(LEDGER_STATUSES),
    source: z.enum([...CALLER_SOURCES, ...SERVICE_SOURCES]),
    occurredAt: z.string(),
    recordedAt: z.string(),
    policyVersion: z.string(),
    locale: z.string().nullable(),
    actor: z.string().openapi({ description: '"api_key:<id>", "recipient", or the service part that recorded it' }),
    evidence: z.record(z.string(), z.unknown()).openapi({ description: "As recorded" }),
    until: z.string().nullable().openapi({ description: "A pause's end (status paused); null for every other event" }),
  })
  .openapi("LedgerEvent");

export const ConsentLedgerSchema = z
  .object({
    generatedAt: z.string(),
    contact: ContactSchema.pick({ id: true, externalId: true, email: true, phone: true, locale: true, createdAt: true, updatedAt: true }),
    state: z.object({
      consents: z
        .array(
          z.object({
            topic: z.string(),
            channel: z.string(),
            status: z.enum(["granted", "withdrawn"]),
            occurredAt: z.string(),
            eventId: z.string().openapi({ description: "The ledger event that set this scope's current status" }),
            source: z.string(),
          }),
        )
        .openapi({ description: "The current status of every scope with a record" }),
      preferences: ContactSchema.shape.preferences,
      suppressions: z
        .array(z.object({ address: z.enum(["email", "phone"]), channel: z.string(), reason: z.string(), createdAt: z.string() }))
        .openapi({ description: "Suppressions of the contact's own addresses (bounce, complaint, an earlier erasure)" }),
    }),
    summary: z.object({
      events: z.number().int(),
      byStatus: z.record(z.string(), z.number().int()),
      firstOccurredAt: z.string().nullable(),
      lastOccurredAt: z.string().nullable(),
      policyVersions: z.array(z.string()),
      text: z.array(z.string()).openapi({ description: "Plain sentences for an operator; times are local (LOCAL_UTC_OFFSET)" }),
    }),
    events: z.array(LedgerEventSchema).openapi({ description: "Every event, in ledger order" }),
  })
  .openapi("ConsentLedger");

/** The CSV file's columns, in order. */
export const LEDGER_CSV_COLUMNS = [
  "contactId",
  "seq",
  "id",
  "topic",
  "channel",
  "status",
  "source",
  "occurredAt",
  "recordedAt",
  "policyVersion",
  "locale",
  "actor",
  "evidence",
  "until",
] as const;
