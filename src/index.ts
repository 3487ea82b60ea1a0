import { createApp } from "./app";
import type { Bindings } from "./env";
import { receiveUnsubscribeMail } from "./mail/inbound";

const app = createApp();

export default {
  fetch: app.fetch,
  email: receiveUnsubscribeMail,
} satisfies ExportedHandler<Bindings>;
