import { createExecutionContext, createMessageBatch, getQueueResult, waitOnExecutionContext } from "cloudflare:test";
import { createApp } from "../../src/app";
import type { CampaignMessage } from "../../src/campaigns/queue";
import worker from "../../src/index";
import { ADMIN_KEY, type ApiResponse } from "./api";
import { fakeResend, resendEnv } from "./mail";

/** Campaign test helpers: the app with mail going to the fake Resend, and a queue the test delivers by hand. */

const app = createApp();

/** A producer that keeps what it is given; the test delivers the messages to the consumer itself. */
export class HeldQueue {
  messages: { body: CampaignMessage; delaySeconds?: number }[] = [];
  async send(body: CampaignMessage, options?: { delaySeconds?: number }) {
    this.messages.push({ body, delaySeconds: options?.delaySeconds });
  }
  async sendBatch(messages: { body: CampaignMessage; delaySeconds?: number }[]) {
    this.messages.push(...messages);
  }
}

/** The environment of one test: the fake Resend, a fast pace, its own held queue. */
export function campaignEnv(changes: Parameters<typeof resendEnv>[0] = {}) {
  const queue = new HeldQueue();
  const env = { ...resendEnv({ CAMPAIGN_SEND_RATE: "50", ...changes }), CAMPAIGN_QUEUE: queue as unknown as Queue };
  return { env, queue };
}

export async function campaignCall<T = any>(
  env: ReturnType<typeof campaignEnv>["env"],
  method: string,
  path: string,
  options: { body?: unknown; key?: string | null } = {},
): Promise<ApiResponse<T>> {
  const key = options.key === undefined ? ADMIN_KEY : options.key;
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (key !== null) headers.Authorization = `Bearer ${key}`;
  const ctx = createExecutionContext();
  const request = new Request(`https://prefs.test${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
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

/** A campaign body with every required field; `recipients` and anything else given override. */
export function campaignBody(overrides: Record<string, unknown>) {
  return {
    topic: "newsletter",
    channel: "email",
    reference: `ref-${crypto.randomUUID()}`,
    subject: { kk: "Жаңалықтар", ru: "Новости" },
    html: { kk: "<p>Сәлеметсіз бе!</p>", ru: "<p>Здравствуйте!</p>" },
    text: { kk: "Сәлеметсіз бе!", ru: "Здравствуйте!" },
    ...overrides,
  };
}

/** Delivers held messages to the Worker's queue handler (as the queue named), as delivery number `attempts`. */
export async function deliver(env: ReturnType<typeof campaignEnv>["env"], bodies: CampaignMessage[], options: { attempts?: number; queue?: string } = {}) {
  const batch = createMessageBatch<CampaignMessage>(
    options.queue ?? "orleu-campaigns",
    bodies.map((body, i) => ({ id: `msg-${i}-${crypto.randomUUID()}`, timestamp: Date.now(), attempts: options.attempts ?? 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch as MessageBatch<never>, env);
  return getQueueResult(batch, ctx);
}

export interface RecordedBatch {
  idempotencyKey: string | null;
  userAgent: string | null;
  size: number;
  answer: number | "dropped";
  at: number;
}

/** The batch requests the fake Resend got for one campaign. */
export async function batchesOf(campaignId: string): Promise<RecordedBatch[]> {
  return (await fetch(`${fakeResend.baseUrl}/_fake/batches?key=${encodeURIComponent(`campaign/${campaignId}/`)}`)).json();
}
