import { logError } from "../log";
import type { Store } from "../store";

/** One Queue message per delivery: its id only, never an address. */
export interface WebhookMessage {
  deliveryId: string;
}

/** Cloudflare Queues' sendBatch takes up to 100 messages. */
const CLAIM_SIZE = 100;

/**
 * The store methods whose writes can make deliveries (the database's triggers write them:
 * a consent state moved, a suppression noted, an erasure). After each returns, what is
 * waiting goes to the Queue. A method missing here loses nothing: its deliveries wait for
 * the next write's dispatch.
 */
const WRITES = new Set<string>([
  "saveContact",
  "withdrawOnce",
  "withdrawOnceAndRead",
  "undoWithdrawal",
  "appendEvents",
  "confirmPending",
  "regrantWithdrawnBy",
  "recordWebhookDelivery",
  "eraseContact",
]);
const IMPORT_WRITES = new Set<string>(["commitChunk"]);

/**
 * The one hook point of consent webhooks in the flows: the store every flow gets
 * (src/flows/services.ts) hands new deliveries to the Queue after each write above.
 */
export function dispatchingStore(store: Store, queue: Queue<WebhookMessage> | undefined): Store {
  if (!queue) return store;
  const after = <T extends object>(target: T, names: Set<string>) =>
    new Proxy(target, {
      get(object, name) {
        const value = Reflect.get(object, name);
        if (typeof name !== "string" || !names.has(name) || typeof value !== "function") return value;
        return async (...args: unknown[]) => {
          const result = await value.apply(object, args);
          if (await anyEndpoint(store)) await dispatchWebhooks(store, queue);
          return result;
        };
      },
    });
  const imports = after(store.imports, IMPORT_WRITES);
  return after(new Proxy(store, { get: (object, name) => (name === "imports" ? imports : Reflect.get(object, name)) }), WRITES);
}

/** How long an isolate trusts what it learnt of whether any endpoint is registered. */
const ENDPOINTS_KNOWN_MS = 30_000;
let endpointsKnown: { any: boolean; until: number } | undefined;

/**
 * Whether any endpoint is registered, as this isolate last read it (at most 30 s ago): with
 * none, a write has no delivery to hand over, and a one-click need not pay a round trip to
 * learn so. An endpoint registered through another isolate meanwhile loses nothing: its
 * first deliveries go with the cron's sweep or the next write after the 30 s.
 */
async function anyEndpoint(store: Store): Promise<boolean> {
  if (endpointsKnown && endpointsKnown.until > Date.now()) return endpointsKnown.any;
  const any = (await store.webhookEndpoints.list()).length > 0;
  endpointsKnown = { any, until: Date.now() + ENDPOINTS_KNOWN_MS };
  return any;
}

/** This isolate registered an endpoint: its writes dispatch from now on. */
export function noteEndpointRegistered(): void {
  endpointsKnown = { any: true, until: Date.now() + ENDPOINTS_KNOWN_MS };
}

/**
 * Hands every delivery not yet queued to the Queue, 100 at a time. A failure is logged and
 * does not fail the write that came before: the rows are given back, and the next dispatch
 * sends them.
 */
export async function dispatchWebhooks(store: Store, queue: Queue<WebhookMessage>): Promise<void> {
  try {
    for (;;) {
      const ids = await store.webhookEndpoints.claimUnqueued(CLAIM_SIZE, new Date().toISOString());
      if (ids.length === 0) return;
      try {
        await queue.sendBatch(ids.map((deliveryId) => ({ body: { deliveryId } })));
      } catch (error) {
        await store.webhookEndpoints.releaseQueued(ids);
        throw error;
      }
      if (ids.length < CLAIM_SIZE) return;
    }
  } catch (error) {
    logError({ event: "webhook_dispatch_failed", error });
  }
}
