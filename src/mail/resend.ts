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
 * Resend's HTTP API through fetch (docs/decisions.md: the SDK would add ~100 KB for one
 * call). Every attempt carries the same Idempotency-Key, so a retry after a lost answer
 * cannot send twice. 429, 5xx and network errors are retried; other answers are final.
 */
export function resendMailer(transport: Extract<MailTransport, { kind: "resend" }>): Mailer {
  return {
    async send(to: string, message: MailMessage, idempotencyKey: string) {
      const { subject, html, text } = await renderMail(message);
      const body = JSON.stringify({ from: transport.from, to: [to], subject, html, text });
      for (let attempt = 1; ; attempt++) {
        const outcome = await post(transport, body, idempotencyKey, attempt);
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

async function post(transport: { apiKey: string; baseUrl: string }, body: string, idempotencyKey: string, attempt: number): Promise<Attempt> {
  const backoff = BACKOFF_MS[attempt - 1];
  let response: Response;
  try {
    response = await fetch(`${transport.baseUrl}/emails`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${transport.apiKey}`,
        "Content-Type": "application/json",
        "Idempotency-Key": idempotencyKey,
      },
      body,
      signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
    });
  } catch (error) {
    return { problem: `network error (${error instanceof Error ? error.message : "unknown"})`, retryAfterMs: backoff };
  }
  const answer = await response.json<{ id?: unknown; name?: unknown }>().catch(() => undefined);
  if (response.ok) {
    // Taken but unreadable: sending again could send twice, so this is final.
    return typeof answer?.id === "string" ? { id: answer.id } : { problem: `answered ${response.status} without an id` };
  }
  const problem = `answered ${response.status}${typeof answer?.name === "string" ? ` (${answer.name})` : ""}`;
  if (response.status !== 429 && response.status < 500) return { problem };
  return { problem, retryAfterMs: retryAfterMs(response.headers.get("Retry-After")) ?? backoff };
}

/** Retry-After in seconds or as an HTTP date. */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = /^\d+$/.test(header.trim()) ? Number(header.trim()) : (Date.parse(header) - Date.now()) / 1000;
  return Number.isFinite(seconds) ? Math.max(0, seconds * 1000) : undefined;
}
