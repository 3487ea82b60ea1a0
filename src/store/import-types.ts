import type { Identity } from "../consent/identity";
import type { ContactInput, NewConsentEvent } from "../consent/types";

export type ImportFormat = "ndjson" | "csv";

/**
 * One record of an uploaded file as stored until the consumer reads it: its line and the
 * raw NDJSON line or the CSV fields, or (three elements) a problem found while splitting.
 */
export type StoredRecord = [line: number, record: string | string[]] | [line: number, code: "too_long" | "invalid_csv", message: string];

/** Why a row was rejected: a closed set (docs/import.md). */
export type ImportErrorCode = "invalid_json" | "invalid_csv" | "too_long" | "invalid_field" | "conflict" | "erased";

export interface ImportError {
  line: number;
  path: (string | number)[];
  code: ImportErrorCode;
  message: string;
}

/** A valid row: the contact (normalised) and its events, all source "import". */
export interface ImportRow {
  line: number;
  contact: ContactInput;
  events: NewConsentEvent[];
}

export interface ImportRecord {
  id: string;
  apiKeyId: string;
  format: ImportFormat;
  /** CSV: the header's column names. */
  header: string[] | null;
  createdAt: string;
}

export interface ImportProgress extends ImportRecord {
  rows: number;
  chunks: number;
  chunksDone: number;
  chunksFailed: number;
  rowsProcessed: number;
  imported: number;
  unchanged: number;
  rejected: number;
  finishedAt: string | null;
  /** The chunks could not be queued. */
  failedAt: string | null;
}

export interface ImportChunk {
  seq: number;
  firstLine: number;
  lastLine: number;
  records: StoredRecord[];
}

export interface ChunkOutcome {
  imported: number;
  unchanged: number;
  rejected: number;
}

export interface ImportStore {
  /** The import's row first, then its chunks, then completeUpload; discard undoes all of it. */
  create(record: ImportRecord): Promise<void>;
  addChunk(importId: string, chunk: ImportChunk): Promise<void>;
  completeUpload(importId: string, totals: { rows: number; chunks: number }): Promise<void>;
  discard(importId: string): Promise<void>;
  markFailed(importId: string): Promise<void>;
  /** A chunk still to be written, with its import; undefined once it is done or failed. */
  openChunk(importId: string, seq: number): Promise<{ import: ImportRecord; records: StoredRecord[] } | undefined>;
  /** What planning the chunk's rows needs to know: the contacts they name, erased addresses, address hashes. */
  readChunkFacts(rows: ImportRow[]): Promise<ChunkReading>;
  /** Which of these import keys the ledger already has. */
  existingKeys(keys: string[]): Promise<Set<string>>;
  /**
   * Writes a planned chunk (contacts, events once per import key, the chunk's outcome) in
   * one transaction. outcome undefined: the chunk was already written (a redelivery);
   * raced: another chunk created one of its contacts meanwhile, nothing was written.
   */
  commitChunk(importId: string, seq: number, plan: ChunkPlan): Promise<{ outcome: ChunkOutcome | undefined } | { raced: true }>;
  failChunk(importId: string, seq: number): Promise<void>;
  progress(importId: string): Promise<ImportProgress | undefined>;
  /** The latest imports, newest first, with their progress (the console's list). */
  recent(limit: number): Promise<ImportProgress[]>;
  /** Errors in file order, after the cursor ("<chunk>.<n>"), with the next cursor or null. */
  errors(importId: string, after: string | undefined, limit: number): Promise<{ errors: ImportError[]; next: string | null }>;
}

// What planning a chunk (src/import/plan.ts) reads from the store and hands back to it.

/** A contact as the chunk will leave it. */
export interface PlannedContact extends Identity {
  emailHash: string | null;
  phoneHash: string | null;
  locale: string;
  isNew: boolean;
  changed: boolean;
}

/** A contact the chunk's identifiers name, as the store holds it now. */
export type KnownContact = Omit<PlannedContact, "isNew" | "changed">;

export type KeyedEvent = ImportRow["events"][number] & { key: string };

/** An event of the chunk, with its ids and its import key. */
export type PlannedEvent = KeyedEvent & { id: string; contactId: string };

/** What the store read for a chunk: the contacts it names, the erased address hashes, each address's hash by "kind:value". */
export interface ChunkReading {
  known: KnownContact[];
  erased: Set<string>;
  hashes: Map<string, string>;
}

/** What one chunk writes, in one transaction. */
export interface ChunkPlan {
  contacts: PlannedContact[];
  events: PlannedEvent[];
  outcome: ChunkOutcome;
  errors: ImportError[];
}
