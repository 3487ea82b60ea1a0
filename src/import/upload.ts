import type { ImportRecord, ImportStore, StoredRecord } from "../store";
import { CSV_CONSENT_COLUMNS, CSV_CONTACT_COLUMNS, CSV_REQUIRED_CONSENT_COLUMNS } from "./rows";
import { csvSplitter, ndjsonSplitter, type Splitter } from "./split";

interface Issue {
  path: (string | number)[];
  message: string;
}

/** What is wrong with an uploaded file as a whole; the API answers it with its code (400 or 413). */
export class ImportFileError extends Error {
  override name = "ImportFileError";
  constructor(
    readonly code: "invalid_request" | "payload_too_large",
    message: string,
    readonly issues?: Issue[],
  ) {
    super(message);
  }
}

const MiB = 1024 * 1024;
/** About 100,000 rows with their consents and evidence; Workers accept 100 MB bodies on every plan. */
export const MAX_IMPORT_BYTES = 64 * MiB;
const CHUNK_ROWS = 1000;
/** D1 stores at most 2 MB in one row. */
const CHUNK_CHARS = MiB;
const CSV_COLUMNS: readonly string[] = [...CSV_CONTACT_COLUMNS, ...CSV_CONSENT_COLUMNS];

export const tooLarge = () => new ImportFileError("payload_too_large", `An import file is at most ${MAX_IMPORT_BYTES / MiB} MiB.`);

/**
 * Reads the body as it arrives, splits it into records and stores them in chunks of up to
 * 1,000 rows: never the whole file in memory. Anything wrong with the file as a whole
 * (size, encoding, header, no rows) removes what was stored and fails the request.
 */
export async function storeUpload(store: ImportStore, record: Omit<ImportRecord, "header">, body: ReadableStream<Uint8Array>) {
  const records = recordsOf(body, record.format === "csv" ? csvSplitter() : ndjsonSplitter());
  const first = record.format === "csv" ? await records.next() : undefined;
  const header = first ? csvHeader(first.done ? undefined : first.value) : null;
  await store.create({ ...record, header });
  try {
    let chunk: StoredRecord[] = [];
    let chars = 0;
    let rows = 0;
    let seq = 0;
    const flush = async () => {
      await store.addChunk(record.id, { seq: seq++, firstLine: chunk[0]![0], lastLine: chunk.at(-1)![0], records: chunk });
      [chunk, chars] = [[], 0];
    };
    for await (const next of records) {
      chunk.push(next);
      rows++;
      chars += JSON.stringify(next[1]).length;
      if (chunk.length >= CHUNK_ROWS || chars >= CHUNK_CHARS) await flush();
    }
    if (chunk.length) await flush();
    if (rows === 0) throw new ImportFileError("invalid_request", "The file has no rows.");
    await store.completeUpload(record.id, { rows, chunks: seq });
    return { rows, chunks: seq };
  } catch (error) {
    await store.discard(record.id);
    throw error;
  }
}

async function* recordsOf(body: ReadableStream<Uint8Array>, splitter: Splitter) {
  for await (const text of textOf(body)) yield* splitter.push(text);
  yield* splitter.end();
}

async function* textOf(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  const decode = (bytes?: Uint8Array) => {
    try {
      return decoder.decode(bytes, { stream: bytes !== undefined });
    } catch {
      throw new ImportFileError("invalid_request", "The file is not UTF-8 text.");
    }
  };
  let bytes = 0;
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      bytes += read.value.byteLength;
      if (bytes > MAX_IMPORT_BYTES) throw tooLarge();
      yield decode(read.value);
    }
    yield decode();
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  }
}

/** The first CSV record names the columns: known names, each once, with an identity and whole consents. */
function csvHeader(first: StoredRecord | undefined): string[] {
  if (!first) throw new ImportFileError("invalid_request", "The file is empty: a CSV import starts with its header row.");
  const names = first.length === 2 && Array.isArray(first[1]) ? first[1].map((name) => name.trim()) : [];
  const issues: Issue[] = names.flatMap((name, i) =>
    !CSV_COLUMNS.includes(name)
      ? // Not the name itself: a first line that is not a header is the first row, addresses and all.
        [{ path: ["header", i], message: `column ${i + 1} is not one of ${CSV_COLUMNS.join(", ")}` }]
      : names.indexOf(name) < i
        ? [{ path: ["header", i], message: `column "${name}" repeats` }]
        : [],
  );
  if (!names.some((name) => (CSV_CONTACT_COLUMNS as readonly string[]).includes(name) && name !== "locale")) {
    issues.unshift({ path: ["header"], message: "the first line must be the header, naming at least one of externalId, email, phone" });
  }
  const consent = names.filter((name) => (CSV_CONSENT_COLUMNS as readonly string[]).includes(name));
  if (consent.length && !CSV_REQUIRED_CONSENT_COLUMNS.every((name) => consent.includes(name))) {
    issues.push({ path: ["header"], message: `a file with consents has the columns ${CSV_REQUIRED_CONSENT_COLUMNS.join(", ")}` });
  }
  if (issues.length) throw new ImportFileError("invalid_request", "The CSV header is not valid.", issues);
  return names;
}
