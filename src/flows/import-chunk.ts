import { keysToLookUp, planEvents, planRows } from "../import/plan";
import { parseRecords } from "../import/rows";
import type { Services } from "./services";

/** Two chunks creating the same contact at once: the loser plans again. */
const WRITE_ATTEMPTS = 3;

/**
 * One stored chunk of an import (docs/import.md): its rows validated (with their line
 * numbers) and planned (src/import/plan.ts) against what the store holds, then written
 * with the chunk's outcome in one atomic store call. A chunk already written (a
 * redelivery) changes nothing.
 */
export async function importChunk({ store, config }: Services, importId: string, seq: number): Promise<void> {
  const chunk = await store.imports.openChunk(importId, seq);
  if (!chunk) return;
  const context = { actor: `api_key:${chunk.import.apiKeyId}`, policyVersion: config.policyVersion };
  const { rows, errors } = parseRecords(chunk.records, chunk.import.header, context);
  for (let attempt = 1; ; attempt++) {
    const planned = await planRows(rows, errors, await store.imports.readChunkFacts(rows));
    const plan = planEvents(planned, await store.imports.existingKeys(keysToLookUp(planned)));
    const written = await store.imports.commitChunk(importId, seq, plan);
    if (!("raced" in written)) return;
    if (attempt >= WRITE_ATTEMPTS) throw new Error(`chunk ${seq} of import ${importId} raced another chunk ${attempt} times`);
  }
}

/** After the last delivery of a chunk failed: the chunk, and so the import, is marked failed. */
export function failImportChunk({ store }: Services, importId: string, seq: number): Promise<void> {
  return store.imports.failChunk(importId, seq);
}
