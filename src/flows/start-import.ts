import { newId } from "../ids";
import type { ImportMessage } from "../import/queue";
import { storeUpload } from "../import/upload";
import type { ImportFormat } from "../store";
import type { Services } from "./services";

/** Queues accept at most 100 messages in one sendBatch. */
const SEND_BATCH = 100;

/**
 * POST /v1/imports: the file stored in chunks as it arrives (src/import/upload.ts; a file
 * wrong as a whole throws ImportFileError and leaves nothing), then one Queue message per
 * chunk for the consumer (flows/import-chunk.ts). If queuing fails the import is marked
 * failed, its stored rows dropped.
 */
export async function startImport(
  { store }: Services,
  queue: Queue<ImportMessage>,
  input: { apiKeyId: string; format: ImportFormat; body: ReadableStream<Uint8Array> },
) {
  const id = newId("imp");
  const record = { id, apiKeyId: input.apiKeyId, format: input.format, createdAt: new Date().toISOString() };
  const { rows, chunks } = await storeUpload(store.imports, record, input.body);
  try {
    const messages = Array.from({ length: chunks }, (_, seq) => ({ body: { importId: id, seq } satisfies ImportMessage }));
    for (let i = 0; i < messages.length; i += SEND_BATCH) await queue.sendBatch(messages.slice(i, i + SEND_BATCH));
  } catch (error) {
    await store.imports.markFailed(id);
    throw error;
  }
  return { id, rows };
}
