import type { Bindings } from "../env";
import { failImportChunk, importChunk } from "../flows/import-chunk";
import { createServices } from "../flows/services";
import { logError } from "../log";

/** One Queue message per stored chunk of an import (docs/import.md). */
export interface ImportMessage {
  importId: string;
  seq: number;
}

/** Deliveries of a chunk before it is marked failed; wrangler.toml's max_retries (3) allows exactly this many. */
export const MAX_ATTEMPTS = 4;

/** The import's Queue consumer: each message is one chunk for the flow; failures are retried, then marked. */
export async function consumeImportChunks(batch: MessageBatch<ImportMessage>, env: Bindings): Promise<void> {
  const services = createServices(env);
  try {
    for (const message of batch.messages) {
      const { importId, seq } = message.body;
      try {
        await importChunk(services, importId, seq);
        message.ack();
      } catch (error) {
        logError({ importId, seq, attempt: message.attempts, error });
        if (message.attempts < MAX_ATTEMPTS) {
          message.retry({ delaySeconds: 2 * message.attempts });
        } else {
          await failImportChunk(services, importId, seq);
          message.ack();
        }
      }
    }
  } finally {
    await services.store.close();
  }
}
