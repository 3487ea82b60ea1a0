import { ConfigError, readConfig, type Config } from "../config";
import type { Bindings } from "../env";
import { createMailer, type Mailer } from "../mail/outgoing";
import { createStore, type Store } from "../store";
import { dispatchingStore, type WebhookMessage } from "../webhooks/dispatch";

/**
 * What every flow works with, built once per request (or per queue batch, per inbound
 * mail) from the Worker's bindings. Flows take this object, never Hono's context.
 */
export interface Services {
  config: Config;
  store: Store;
  /** The outgoing mail, or nothing when mail is not configured here (logged): callers fail closed. */
  mailer(): Mailer | undefined;
}

export function createServices(env: Bindings): Services {
  const config = readConfig(env);
  // Consent webhooks: new deliveries go to the Queue after each write (src/webhooks/dispatch.ts).
  const store = dispatchingStore(createStore(env, config.addressHashKey), env.WEBHOOK_QUEUE as Queue<WebhookMessage> | undefined);
  let mailer: Mailer | undefined | null = null;
  return {
    config,
    store,
    mailer: () => (mailer === null ? (mailer = mailerOrNothing(env, store)) : mailer),
  };
}

function mailerOrNothing(env: Bindings, store: Store): Mailer | undefined {
  try {
    return createMailer(env, store.outbox);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(JSON.stringify({ event: "mail_not_configured", error: error.message }));
    return undefined;
  }
}
