import { createExecutionContext, createMessageBatch, getQueueResult, waitOnExecutionContext } from "cloudflare:test";
import { inject } from "vitest";
import { createApp } from "../../src/app";
import worker from "../../src/index";
import type { WebhookMessage } from "../../src/webhooks/dispatch";
import { ADMIN_KEY, unique, type ApiResponse } from "./api";
import { envWith } from "./mail";
import type { ReceivedWebhook } from "../support/webhook-receiver";

/** Consent webhook test helpers: a service on localhost (so local endpoints are allowed), its own held queue, the receiver. */

const app = createApp();
export const receiver = inject("webhookReceiver");

/** A producer that keeps what it is given; the test delivers the messages to the consumer itself. */
export class HeldQueue {
  messages: { body: WebhookMessage }[] = [];
  async send(body: WebhookMessage) {
    this.messages.push({ body });
  }
  async sendBatch(messages: { body: WebhookMessage }[]) {
    this.messages.push(...messages);
  }
  take(): WebhookMessage[] {
    return this.messages.splice(0).map((m) => m.body);
  }
}

export function hooksEnv(changes: Record<string, string> = {}) {
  const queue = new HeldQueue();
  const env = { ...envWith({ PUBLIC_BASE_URL: "http://localhost:8787", ...changes }), WEBHOOK_QUEUE: queue as unknown as Queue };
  return { env, queue };
}

export type HooksEnv = ReturnType<typeof hooksEnv>["env"];

export async function hooksCall<T = any>(env: HooksEnv, method: string, path: string, options: { body?: unknown; key?: string | null } = {}): Promise<ApiResponse<T>> {
  const key = options.key === undefined ? ADMIN_KEY : options.key;
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (key !== null) headers.Authorization = `Bearer ${key}`;
  const ctx = createExecutionContext();
  const request = new Request(`http://localhost:8787${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const response = await app.fetch(request, env, ctx);
  const text = await response.text();
  await waitOnExecutionContext(ctx);
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, body: body as T, headers: response.headers };
}

/** Delivers messages to the Worker's queue handler as delivery number `attempts`. */
export async function deliver(env: HooksEnv, bodies: WebhookMessage[], options: { attempts?: number; queue?: string } = {}) {
  const batch = createMessageBatch<WebhookMessage>(
    options.queue ?? "orleu-webhooks",
    bodies.map((body, i) => ({ id: `msg-${i}-${crypto.randomUUID()}`, timestamp: Date.now(), attempts: options.attempts ?? 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch as MessageBatch<never>, env);
  return getQueueResult(batch, ctx);
}

/** A fresh receiver path: "fail" makes it answer 503. */
export function hookUrl(kind: "ok" | "fail" = "ok") {
  const name = `${kind}-${unique()}`;
  return { name, url: `${receiver.baseUrl}/hooks/${name}` };
}

export async function receivedBy(name: string): Promise<ReceivedWebhook[]> {
  return (await fetch(`${receiver.baseUrl}/_received/${name}`)).json();
}
