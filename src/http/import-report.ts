import type { ImportError, ImportProgress, ImportStore } from "../store";
import { toCsv } from "./csv";

/**
 * What an import has come to, for GET /v1/imports/{id} and the console's import page (one
 * reading of the counts for both): queued until the first chunk is written, then running,
 * then done, or failed when its chunks could not be queued or any chunk failed.
 */
export function importView(p: ImportProgress) {
  const closed = p.chunksDone + p.chunksFailed;
  const status = p.failedAt || (p.finishedAt && p.chunksFailed) ? "failed" : p.finishedAt ? "done" : closed ? "running" : "queued";
  return {
    id: p.id,
    status: status as ImportStatus,
    format: p.format,
    createdAt: p.createdAt,
    finishedAt: p.finishedAt,
    rows: p.rows,
    imported: p.imported,
    unchanged: p.unchanged,
    rejected: p.rejected,
    progress: {
      chunks: p.chunks,
      chunksDone: p.chunksDone,
      chunksFailed: p.chunksFailed,
      rowsProcessed: p.rowsProcessed,
      percent: p.rows ? Math.floor((100 * p.rowsProcessed) / p.rows) : 0,
    },
  };
}

export type ImportStatus = "queued" | "running" | "done" | "failed";
export type ImportView = ReturnType<typeof importView>;

const ERROR_COLUMNS = ["line", "path", "code", "message"];

/**
 * Every error of an import as one CSV file (line, path, code, message), read page by page
 * from the store so that 100,000 bad rows are never built in memory. The same bytes from
 * /v1 and from the console.
 */
export function importErrorsCsv(imports: ImportStore, id: string, after?: string) {
  const header = toCsv(ERROR_COLUMNS, []);
  const encoder = new TextEncoder();
  let cursor: string | null | undefined = after;
  const body = new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(encoder.encode(header)),
    async pull(controller) {
      const page = await imports.errors(id, cursor ?? undefined, 1000);
      controller.enqueue(encoder.encode(toCsv(ERROR_COLUMNS, page.errors.map(csvRow)).slice(header.length)));
      cursor = page.next;
      if (cursor === null) controller.close();
    },
  });
  const headers = {
    "Content-Type": "text/csv; charset=utf-8; header=present",
    "Content-Disposition": `attachment; filename="import-${id.replace(/[^\w-]/g, "_")}-errors.csv"`,
  };
  return { body, headers };
}

function csvRow(error: ImportError) {
  return [error.line, error.path.join("."), error.code, error.message];
}
