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
  /**
   * Writes a chunk's valid rows (contacts by identity, events once per import key) and its
   * outcome in one transaction; rows naming an erased address or conflicting identities
   * are rejected. Undefined when the chunk was already written (a redelivery).
   */
  writeChunk(importId: string, seq: number, rows: ImportRow[], errors: ImportError[]): Promise<ChunkOutcome | undefined>;
  failChunk(importId: string, seq: number): Promise<void>;
  progress(importId: string): Promise<ImportProgress | undefined>;
  /** Errors in file order, after the cursor ("<chunk>.<n>"), with the next cursor or null. */
  errors(importId: string, after: string | undefined, limit: number): Promise<{ errors: ImportError[]; next: string | null }>;
}
