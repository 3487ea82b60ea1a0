import { readConfig } from "../config";
import type { Bindings } from "../env";
import { createStore } from "../store";
import { parseRecords } from "./rows";

/** One Queue message per stored chunk of an import (docs/import.md). */
export interface ImportMessage {
  importId: string;
  seq: number;
}

/** Deliveries of a chunk before it is marked failed; wrangler.toml's max_retries (3) allows exactly this many. */
export const MAX_ATTEMPTS = 4;

/**
 * The import's Queue consumer: validates each chunk's rows and writes them with the chunk's
 * outcome in one transaction. A chunk already written (a redelivery) is acknowledged as it is.
 */
export async function consumeImportChunks(batch: MessageBatch<ImportMessage>, env: Bindings): Promise<void> {
  const config = readConfig(env);
  const store = createStore(env.DB, config.addressHashKey);
  for (const message of batch.messages) {
    const { importId, seq } = message.body;
    try {
      const chunk = await store.imports.openChunk(importId, seq);
      if (chunk) {
        const context = { actor: `api_key:${chunk.import.apiKeyId}`, policyVersion: config.policyVersion };
        const { rows, errors } = parseRecords(chunk.records, chunk.import.header, context);
        await store.imports.writeChunk(importId, seq, rows, errors);
      }
      message.ack();
    } catch (error) {
      console.error(JSON.stringify({ importId, seq, attempt: message.attempts, error: String(error) }));
      if (message.attempts < MAX_ATTEMPTS) {
        message.retry({ delaySeconds: 2 * message.attempts });
      } else {
        await store.imports.failChunk(importId, seq);
        message.ack();
      }
    }
  }
}
