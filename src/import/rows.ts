import { z } from "@hono/zod-openapi";
import { LOCALES } from "../consent/locales";
// The same field schemas as POST /v1/contacts: a row is valid here exactly when it would be there.
import { CONSENT_FIELDS, OccurredAtField, checkTopicChannel } from "../schemas/consent-input";
import { EmailField, ExternalIdField, PhoneField } from "../schemas/fields";
import type { ImportError, ImportRow, StoredRecord } from "../store";

/** CSV: one consent record per row; rows naming the same contact add up (docs/import.md). */
export const CSV_CONTACT_COLUMNS = ["externalId", "email", "phone", "locale"] as const;
export const CSV_CONSENT_COLUMNS = ["topic", "channel", "status", "occurredAt", "source", "policyVersion", "evidence"] as const;
/** A row has a consent when one of these is filled; then all of them must be. */
export const CSV_REQUIRED_CONSENT_COLUMNS = ["topic", "channel", "status", "occurredAt"] as const;
/** The errors listed for one row: a row that is wrong everywhere needs only its first few. */
const MAX_ERRORS_PER_ROW = 5;
/**
 * The names an error report repeats: the format's own. A key the file chose (an unknown
 * field, an evidence key) may be an address, and reports outlive any erasure: it is
 * reported by a placeholder instead (docs/import.md).
 */
const FIELD_NAMES: ReadonlySet<string> = new Set(["consents", ...CSV_CONTACT_COLUMNS, ...CSV_CONSENT_COLUMNS]);
export const FILE_KEY = "(key)";
export const UNKNOWN_FIELD = "(unknown field)";

const ImportConsentSchema = z
  .object({ ...CONSENT_FIELDS, source: z.literal("import").optional(), occurredAt: OccurredAtField })
  .strict()
  .superRefine(checkTopicChannel);

export const ImportRowSchema = z
  .object({
    externalId: ExternalIdField.optional(),
    email: EmailField.optional(),
    phone: PhoneField.optional(),
    locale: z.enum(LOCALES).optional(),
    consents: z.array(ImportConsentSchema).max(100).optional(),
  })
  .strict()
  .refine((row) => row.externalId ?? row.email ?? row.phone, { message: "give at least one of externalId, email, phone" })
  .openapi("ImportRow", { description: "One line of an NDJSON import. source, when given, must be \"import\"; occurredAt is required" });

/** Validates a chunk's records: valid rows become contacts and events (source "import"); the rest, errors with their line. */
export function parseRecords(records: StoredRecord[], header: string[] | null, context: { actor: string; policyVersion: string }) {
  const rows: ImportRow[] = [];
  const errors: ImportError[] = [];
  for (const record of records) {
    const line = record[0];
    if (record.length === 3) {
      errors.push({ line, path: [], code: record[1], message: record[2] });
      continue;
    }
    const candidate = header ? fromCsv(header, record[1] as string[]) : fromJson(record[1] as string);
    if ("error" in candidate) {
      errors.push({ line, ...candidate.error });
      continue;
    }
    const parsed = ImportRowSchema.safeParse(candidate.value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, MAX_ERRORS_PER_ROW)) {
        const { path, message } = reported(issue);
        // CSV: one consent per row, so its fields are named by their column.
        errors.push({ line, path: header && path[0] === "consents" ? path.slice(2) : path, code: "invalid_field", message });
      }
      continue;
    }
    const { consents = [], ...contact } = parsed.data;
    const events = consents.map((consent) => ({
      topic: consent.topic,
      channel: consent.channel,
      status: consent.status,
      source: "import" as const,
      occurredAt: new Date(consent.occurredAt).toISOString(),
      policyVersion: consent.policyVersion ?? context.policyVersion,
      locale: contact.locale ?? null,
      actor: context.actor,
      evidence: consent.evidence ?? {},
    }));
    rows.push({ line, contact, events });
  }
  return { rows, errors };
}

/** A validation issue as a report may keep it: no key of the file's own, in the path or the message. */
function reported(issue: z.core.$ZodIssue): Pick<ImportError, "path" | "message"> {
  const path = issue.path.map((p) => (typeof p === "number" ? p : FIELD_NAMES.has(String(p)) ? String(p) : FILE_KEY));
  if (issue.code === "unrecognized_keys") {
    const fields = issue.keys.length === 1 ? "a field" : `${issue.keys.length} fields`;
    return { path: [...path, UNKNOWN_FIELD], message: `${fields} not in the format (names from the file are not repeated here)` };
  }
  if (issue.code === "invalid_key") return { path, message: "an evidence key must be 1 to 64 characters long" };
  return { path, message: issue.message };
}

type Candidate = { value: unknown } | { error: Omit<ImportError, "line"> };

function fromJson(text: string): Candidate {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return { value };
  } catch {
    // reported below
  }
  return { error: { path: [], code: "invalid_json", message: "a line must be one JSON object" } };
}

function fromCsv(header: string[], fields: string[]): Candidate {
  if (fields.length !== header.length) {
    return { error: { path: [], code: "invalid_csv", message: `${fields.length} fields where the header has ${header.length}` } };
  }
  const cells: Record<string, string> = {};
  header.forEach((name, i) => fields[i] !== "" && (cells[name] = fields[i]!));
  const { externalId, email, phone, locale, evidence, ...consent } = cells;
  let consents: unknown[] = [];
  if (evidence !== undefined || Object.keys(consent).length) {
    try {
      consents = [{ ...consent, ...(evidence === undefined ? {} : { evidence: JSON.parse(evidence) as unknown }) }];
    } catch {
      return { error: { path: ["evidence"], code: "invalid_json", message: "evidence must be a JSON object" } };
    }
  }
  return { value: { externalId, email, phone, locale, consents } };
}
