import { createApp } from "./app";
import type { Bindings } from "./env";
import { consumeImportChunks, type ImportMessage } from "./import/queue";
import { receiveUnsubscribeMail } from "./mail/inbound";

const app = createApp();

export default {
  fetch: app.fetch,
  email: receiveUnsubscribeMail,
  queue: consumeImportChunks,
} satisfies ExportedHandler<Bindings, ImportMessage>;
