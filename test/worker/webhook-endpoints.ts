import { env as testEnv } from "cloudflare:workers";
import { Webhook as Svix } from "svix";
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
export class HeldQueue<Body = WebhookMessage> {
  messages: { body: Body }[] = [];
  async send(body: Body) {
    this.messages.push({ body });
  }
  async sendBatch(messages: { body: Body }[]) {
    this.messages.push(...messages);
  }
  take(): Body[] {
    return this.messages.splice(0).map((m) => m.body);
  }
}

/** `imports`: the import's queue held too, for a test that delivers its chunks itself. */
export function hooksEnv(imports?: HeldQueue<unknown>) {
  const queue = new HeldQueue();
  const env = {
    ...envWith({ PUBLIC_BASE_URL: "http://localhost:8787" }),
    WEBHOOK_QUEUE: queue as unknown as Queue,
    ...(imports ? { IMPORT_QUEUE: imports as unknown as Queue } : {}),
  };
  return { env, queue };
}

export type HooksEnv = ReturnType<typeof hooksEnv>["env"];

export async function hooksCall<T = any>(
  env: HooksEnv,
  method: string,
  path: string,
  options: { body?: unknown; key?: string | null; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const key = options.key === undefined ? ADMIN_KEY : options.key;
  const headers: Record<string, string> = { "Content-Type": "application/json", ...options.headers };
  if (key !== null) headers.Authorization = `Bearer ${key}`;
  const ctx = createExecutionContext();
  const sent = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const request = new Request(`http://localhost:8787${path}`, { method, headers, body: sent });
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
export async function deliver(env: HooksEnv, bodies: unknown[], options: { attempts?: number; queue?: string } = {}) {
  const batch = createMessageBatch(
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

/** A Resend event about one address, signed as Resend signs (Svix), posted to this env's Worker. */
export function resendEvent(env: HooksEnv, type: "email.bounced" | "email.complained", email: string) {
  const body = JSON.stringify({
    type,
    created_at: new Date().toISOString(),
    data: {
      created_at: new Date().toISOString(),
      email_id: `em-${unique()}`,
      from: "Orleu <news@orleu.kz>",
      to: [email],
      subject: "x",
      ...(type === "email.bounced" ? { bounce: { message: "550", type: "Permanent", subType: "General" } } : {}),
    },
  });
  const id = `msg_${crypto.randomUUID()}`;
  const at = new Date();
  const headers = { "svix-id": id, "svix-timestamp": String(Math.floor(at.getTime() / 1000)), "svix-signature": new Svix(testEnv.RESEND_WEBHOOK_SECRET).sign(id, at, body) };
  return hooksCall(env, "POST", "/webhooks/resend", { key: null, rawBody: body, headers });
}
