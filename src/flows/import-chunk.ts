import { parseRecords } from "../import/rows";
import type { Services } from "./services";

/**
 * One stored chunk of an import (docs/import.md): its rows validated (with their line
 * numbers), then written with the chunk's outcome in one atomic store call. A chunk
 * already written (a redelivery) changes nothing.
 */
export async function importChunk({ store, config }: Services, importId: string, seq: number): Promise<void> {
  const chunk = await store.imports.openChunk(importId, seq);
  if (!chunk) return;
  const context = { actor: `api_key:${chunk.import.apiKeyId}`, policyVersion: config.policyVersion };
  const { rows, errors } = parseRecords(chunk.records, chunk.import.header, context);
  await store.imports.writeChunk(importId, seq, rows, errors);
}

/** After the last delivery of a chunk failed: the chunk, and so the import, is marked failed. */
export function failImportChunk({ store }: Services, importId: string, seq: number): Promise<void> {
  return store.imports.failChunk(importId, seq);
}
