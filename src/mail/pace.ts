/**
 * Keeps requests to Resend at a configured rate (requests per second), rather than finding
 * Resend's limit through 429s, and waits longer when Resend's own headers say so: a
 * `ratelimit-remaining` of 0 waits `ratelimit-reset` seconds, a 429 its `retry-after`.
 * One per isolate and rate: the campaign consumer runs one batch at a time
 * (wrangler.toml's max_concurrency = 1), so this is the pace of the whole fan-out.
 */
export class Pacer {
  private next = 0;
  readonly interval: number;

  constructor(readonly rate: number) {
    this.interval = 1000 / rate;
  }

  /** Waits for this request's turn. */
  async turn(): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.next);
    this.next = at + this.interval;
    if (at > now) await scheduler.wait(at - now);
  }

  /** What Resend said about its limits: nothing sooner than it allows. */
  note(headers: Record<string, string> | null | undefined, retryAfterMs?: number): void {
    const now = Date.now();
    if (retryAfterMs !== undefined) this.next = Math.max(this.next, now + retryAfterMs);
    if (headers?.["ratelimit-remaining"]?.trim() === "0") {
      const reset = Number(headers["ratelimit-reset"]);
      if (Number.isFinite(reset) && reset > 0) this.next = Math.max(this.next, now + Math.min(reset, 60) * 1000);
    }
  }
}

const pacers = new Map<number, Pacer>();

export function pacerFor(rate: number): Pacer {
  let pacer = pacers.get(rate);
  if (!pacer) pacers.set(rate, (pacer = new Pacer(rate)));
  return pacer;
}
