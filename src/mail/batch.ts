import { Resend, type CreateBatchOptions } from "resend";
import type { Config } from "../config";
import type { Bindings } from "../env";
import type { DevOutbox } from "../store";
import { pacerFor, type Pacer } from "./pace";
import { retryAfterMs } from "./resend";
import { readMailTransport } from "./transport";

/** One personalised message of a campaign batch. */
export interface CampaignEmail {
  from: string;
  to: string;
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
  /** List-Unsubscribe and List-Unsubscribe-Post, the recipient's own. */
  headers: Record<string, string>;
}

/** Why a batch did not go: a closed set, shown per recipient on GET /v1/campaigns/{id}. */
export type BatchFailure = "provider_rejected" | "provider_unavailable" | "quota_exceeded";

export type BatchOutcome =
  | { ok: true; ids: string[] }
  /** retry: worth another delivery of the queue message (after retryAfterMs, if given). */
  | { ok: false; reason: BatchFailure; problem: string; retry: boolean; retryAfterMs?: number };

export interface BatchSender {
  /** Sends up to 100 messages as one request; the same idempotencyKey never sends twice. */
  send(emails: CampaignEmail[], idempotencyKey: string): Promise<BatchOutcome>;
}

// A short second chance in the consumer; longer outages are the queue's redelivery (with its delay).
const MAX_ATTEMPTS = 3;
const BACKOFF_MS = [500, 2_000];
/** A longer Retry-After is left to the queue's redelivery rather than held in the consumer. */
const MAX_WAIT_MS = 60_000;
const ATTEMPT_TIMEOUT_MS = 30_000;

/** The campaign's sender here: Resend's batch endpoint, or the local outbox. Throws ConfigError when mail is not configured. */
export function createBatchSender(env: Bindings, config: Config, outbox: DevOutbox): BatchSender {
  const transport = readMailTransport(env, config);
  if (transport.kind === "outbox") return outboxBatchSender(outbox);
  return resendBatchSender(new Resend(transport.apiKey, { baseUrl: transport.baseUrl }), pacerFor(config.campaignSendRate));
}

/**
 * Resend's POST /emails/batch through the SDK (its User-Agent; strict validation: the batch
 * goes whole or not at all), paced, every attempt with the same Idempotency-Key. 429s wait
 * as Resend asks, 5xx and network errors back off; a quota reached or any other 4xx is final.
 */
export function resendBatchSender(resend: Resend, pacer: Pacer): BatchSender {
  return {
    async send(emails, idempotencyKey) {
      const payload: CreateBatchOptions = emails.map(({ to, ...email }) => ({ ...email, to: [to] }));
      let last: Extract<BatchOutcome, { ok: false }> | undefined;
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        await pacer.turn();
        const outcome = await attemptBatch(resend, payload, idempotencyKey, pacer, BACKOFF_MS[attempt - 1] ?? 0);
        if (outcome.ok || !outcome.retry) return outcome;
        // Neither addresses nor the key are logged.
        console.warn(JSON.stringify({ event: "campaign_batch_failed", attempt, problem: outcome.problem }));
        last = outcome;
        if ((outcome.retryAfterMs ?? 0) > MAX_WAIT_MS) return outcome;
        pacer.note(null, outcome.retryAfterMs);
      }
      return last!;
    },
  };
}

async function attemptBatch(resend: Resend, payload: CreateBatchOptions, idempotencyKey: string, pacer: Pacer, backoff: number): Promise<BatchOutcome> {
  let answer: Awaited<ReturnType<Resend["batch"]["send"]>>;
  try {
    answer = await resend.batch.send(payload, { idempotencyKey, signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS) });
  } catch (error) {
    return { ok: false, reason: "provider_unavailable", problem: `network error (${error instanceof Error ? error.message : "unknown"})`, retry: true, retryAfterMs: backoff };
  }
  const { data, error, headers } = answer;
  pacer.note(headers);
  if (!error) {
    const ids = data.data.map((d: { id: string }) => d.id);
    if (ids.length === payload.length) return { ok: true, ids };
    return { ok: false, reason: "provider_unavailable", problem: `answered ${ids.length} ids for ${payload.length} messages`, retry: true, retryAfterMs: backoff };
  }
  if (error.statusCode === null || error.statusCode === undefined) {
    return { ok: false, reason: "provider_unavailable", problem: `network error (${error.message})`, retry: true, retryAfterMs: backoff };
  }
  const problem = `answered ${error.statusCode} (${error.name})`;
  if (error.name === "daily_quota_exceeded" || error.name === "monthly_quota_exceeded") return { ok: false, reason: "quota_exceeded", problem, retry: false };
  if (error.statusCode === 429) return { ok: false, reason: "provider_unavailable", problem, retry: true, retryAfterMs: retryAfterMs(headers?.["retry-after"]) ?? 1_000 };
  if (error.statusCode >= 500) return { ok: false, reason: "provider_unavailable", problem, retry: true, retryAfterMs: backoff };
  return { ok: false, reason: "provider_rejected", problem, retry: false };
}

/** Development without Resend: each message kept in the local outbox, once per (batch key, position). */
function outboxBatchSender(outbox: DevOutbox): BatchSender {
  return {
    async send(emails, idempotencyKey) {
      const ids: string[] = [];
      for (const [i, { to, subject, html, text }] of emails.entries()) ids.push((await outbox.keep({ to, subject, html, text }, `${idempotencyKey}:${i}`)).id);
      return { ok: true, ids };
    },
  };
}
