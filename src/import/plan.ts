import { IDENTITY_FIELDS, matchIdentity } from "../consent/identity";
import { sha256Hex } from "../crypto/digest";
import type { ChunkOutcome, ChunkPlan, ChunkReading, ImportError, ImportRow, KeyedEvent, PlannedContact, PlannedEvent } from "../store";
import { newId } from "../ids";

const ERASED_MESSAGE = "belongs to an erased person: only a new consent given to the service, not an import, brings it back";

/** The rows planned: each row's contact and its events, before the ledger says which events it already has. */
export interface RowsPlan {
  contacts: Set<PlannedContact>;
  rows: { contact: PlannedContact; changed: boolean; events: KeyedEvent[] }[];
  outcome: ChunkOutcome;
  errors: ImportError[];
}


/**
 * Rows in file order: one naming an erased address, or identifiers of different contacts,
 * is rejected; any other names a known contact or a new one (a later row sees what an
 * earlier row did) and gives it its fields. Each event gets its import key.
 */
export async function planRows(rows: ImportRow[], errors: ImportError[], { known, erased, hashes }: ChunkReading): Promise<RowsPlan> {
  const index = new Map<string, PlannedContact>();
  for (const row of known) {
    const contact = { ...row, isNew: false, changed: false };
    for (const field of IDENTITY_FIELDS) if (contact[field] !== null) index.set(`${field}:${contact[field]}`, contact);
  }
  const plan: RowsPlan = {
    contacts: new Set(),
    rows: [],
    outcome: { imported: 0, unchanged: 0, rejected: new Set(errors.map((e) => e.line)).size },
    errors: [...errors],
  };
  for (const row of rows) {
    const reject = (list: Omit<ImportError, "line">[]) => {
      plan.errors.push(...list.map((e) => ({ line: row.line, ...e })));
      plan.outcome.rejected++;
    };
    const erasedKinds = (["email", "phone"] as const).filter(
      (kind) => row.contact[kind] !== undefined && erased.has(hashes.get(`${kind}:${row.contact[kind]}`)!),
    );
    if (erasedKinds.length) {
      reject(erasedKinds.map((kind) => ({ path: [kind], code: "erased", message: ERASED_MESSAGE })));
      continue;
    }
    const found = matchIdentity(row.contact, (field, value) => index.get(`${field}:${value}`));
    if ("conflict" in found) {
      reject(found.conflict.map((field) => ({ path: [field], code: "conflict", message: "belongs to another contact" })));
      continue;
    }
    const contact = found.target ?? newContact();
    const created = contact.isNew && !plan.contacts.has(contact);
    const changed = applyRow(contact, row, index, hashes) || created;
    contact.changed ||= changed;
    plan.contacts.add(contact);
    const events = await Promise.all(
      row.events.map(async (e) => ({
        ...e,
        key: (await sha256Hex([contact.id, e.topic, e.channel, e.status, e.occurredAt, e.policyVersion].join("\n"))).slice(0, 32),
      })),
    );
    plan.rows.push({ contact, changed, events });
  }
  return plan;
}

/** The import keys the ledger may already hold: those of the events of contacts it knows. */
export function keysToLookUp(plan: RowsPlan): string[] {
  return plan.rows.flatMap((p) => (p.contact.isNew ? [] : p.events.map((e) => e.key)));
}

/**
 * Each event is written once per import key: not if the ledger (`inLedger`) or an earlier
 * row has it. A row counts as imported if it changed its contact or adds an event.
 */
export function planEvents(plan: RowsPlan, inLedger: Set<string>): ChunkPlan {
  const seen = new Set(inLedger);
  const outcome = { ...plan.outcome };
  const events: PlannedEvent[] = [];
  for (const { contact, changed, events: candidates } of plan.rows) {
    const fresh = candidates.filter((e) => !seen.has(e.key));
    for (const e of fresh) seen.add(e.key);
    events.push(...fresh.map((e) => ({ ...e, id: newId("ce"), contactId: contact.id })));
    if (changed || fresh.length) outcome.imported++;
    else outcome.unchanged++;
  }
  const errors = [...plan.errors].sort((a, b) => a.line - b.line);
  return { contacts: [...plan.contacts], events, outcome, errors };
}

/** Gives the contact the row's fields, keeping the chunk's index of identities current; whether anything changed. */
function applyRow(contact: PlannedContact, row: ImportRow, index: Map<string, PlannedContact>, hashes: Map<string, string>): boolean {
  let changed = false;
  for (const field of IDENTITY_FIELDS) {
    const value = row.contact[field];
    if (value === undefined || contact[field] === value) continue;
    if (contact[field] !== null) index.delete(`${field}:${contact[field]}`);
    contact[field] = value;
    if (field !== "externalId") contact[`${field}Hash`] = hashes.get(`${field}:${value}`)!;
    index.set(`${field}:${value}`, contact);
    changed = true;
  }
  if (row.contact.locale !== undefined && row.contact.locale !== contact.locale) {
    contact.locale = row.contact.locale;
    changed = true;
  }
  return changed;
}

function newContact(): PlannedContact {
  return { id: newId("ct"), externalId: null, email: null, phone: null, emailHash: null, phoneHash: null, locale: "kk", isNew: true, changed: true };
}
