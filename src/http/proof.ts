import { stillPending, summariseLedger } from "../consent/ledger-summary";
import type { Config } from "../config";
import type { ConsentLedger } from "../store";
import { toCsv } from "./csv";
import { LEDGER_CSV_COLUMNS } from "./routes/v1/contacts/consents-schema";
import { contactFields, effectivePreferences } from "./routes/v1/contacts/view";

/**
 * Proof of consent as the API gives it (GET /v1/contacts/{id}/consents) and the console
 * downloads it: one serializer, so both always say the same.
 */
export function proofJson(ledger: ConsentLedger, config: Config, generatedAt: Date) {
  const { contact, states, events, suppressions } = ledger;
  return {
    generatedAt: generatedAt.toISOString(),
    contact: contactFields(contact),
    state: { consents: states, preferences: effectivePreferences(contact, states, stillPending(events), generatedAt), suppressions },
    summary: summariseLedger(events, states, suppressions, config.sendingWindows.utcOffsetMinutes),
    events,
  };
}

/** One row per event, evidence as a JSON column. */
export function proofCsv({ contact, events }: ConsentLedger): string {
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

/** The opaque contact id and the date: nothing in the name identifies the person. */
export function proofFilename(ledger: ConsentLedger, generatedAt: Date, extension: "csv" | "json"): string {
  return `consents-${ledger.contact.id.replace(/[^\w-]/g, "_")}-${generatedAt.toISOString().slice(0, 10)}.${extension}`;
}
