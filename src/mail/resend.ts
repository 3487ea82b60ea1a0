import { Resend, type CreateEmailOptions, type CreateEmailResponse } from "resend";
import type { Mailer, MailMessage } from "./outgoing";
import { MailError } from "./outgoing";
import { renderMail } from "./render";
import type { MailTransport } from "./transport";

const MAX_ATTEMPTS = 3;
/** Waits before the second and third attempts when the answer names none. */
const BACKOFF_MS = [250, 750];
/** A person is waiting on the page that sends: a longer Retry-After fails now instead. */
const MAX_RETRY_AFTER_MS = 2_000;
const ATTEMPT_TIMEOUT_MS = 10_000;

type Attempt = { id: string } | { problem: string; retryAfterMs?: number };

/**
 * Resend's API through its SDK, which sends the User-Agent Resend requires (Workers' fetch
 * adds none; Resend answers 403 without one). The SDK makes one request per call and
 * retries nothing; the retries are here. Every attempt carries the same Idempotency-Key,
 * so a retry after a lost answer cannot send twice. 429, 5xx and network errors are
 * retried; other answers are final.
 */
export function resendMailer(transport: Extract<MailTransport, { kind: "resend" }>): Mailer {
  const resend = new Resend(transport.apiKey, { baseUrl: transport.baseUrl });
  return {
    async send(to: string, message: MailMessage, idempotencyKey: string) {
      const { subject, html, text } = await renderMail(message);
      const email = { from: transport.from, to: [to], subject, html, text };
      for (let attempt = 1; ; attempt++) {
        const outcome = await attemptSend(resend, email, idempotencyKey, attempt);
        if ("id" in outcome) return { id: outcome.id };
        const wait = outcome.retryAfterMs;
        const final = attempt === MAX_ATTEMPTS || wait === undefined || wait > MAX_RETRY_AFTER_MS;
        // Neither the address nor the key (the caller may derive it from the address) is logged.
        console.warn(JSON.stringify({ event: "mail_failed", template: message.template, attempt, problem: outcome.problem, final }));
        if (final) throw new MailError(`Resend did not take the mail after ${attempt} attempt(s): ${outcome.problem}`);
        await scheduler.wait(wait);
      }
    },
  };
}

async function attemptSend(resend: Resend, email: CreateEmailOptions, idempotencyKey: string, attempt: number): Promise<Attempt> {
  const backoff = BACKOFF_MS[attempt - 1];
  let answer: CreateEmailResponse;
  try {
    answer = await resend.emails.send(email, { idempotencyKey, signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS) });
  } catch (error) {
    // The SDK answers every failure as { error }, except a timeout while reading the body.
    return { problem: `network error (${error instanceof Error ? error.message : "unknown"})`, retryAfterMs: backoff };
  }
  const { data, error, headers } = answer;
  if (!error) return { id: data.id };
  // No status: the request never got an answer (or an unreadable one); the same key makes a retry safe.
  if (error.statusCode === null || error.statusCode === undefined) return { problem: `network error (${error.message})`, retryAfterMs: backoff };
  const problem = `answered ${error.statusCode} (${error.name})`;
  if (error.statusCode !== 429 && error.statusCode < 500) return { problem };
  return { problem, retryAfterMs: retryAfterMs(headers?.["retry-after"] ?? null) ?? backoff };
}

/** Retry-After in seconds or as an HTTP date (the single mails' and the campaigns' batches). */
export function retryAfterMs(header: string | null | undefined): number | undefined {
  if (!header) return undefined;
  const seconds = /^\d+$/.test(header.trim()) ? Number(header.trim()) : (Date.parse(header) - Date.now()) / 1000;
  return Number.isFinite(seconds) ? Math.max(0, seconds * 1000) : undefined;
}
