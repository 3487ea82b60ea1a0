import { ConfigError, isLocalUrl, type Config } from "../config";
import type { Bindings } from "../env";

export type MailTransport = { kind: "resend"; apiKey: string; baseUrl: string; from: string } | { kind: "outbox" };

const RESEND_API = "https://api.resend.com";
const MAILBOX = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/**
 * How mail leaves: Resend when RESEND_API_KEY is set, else the local outbox, which only a
 * localhost deployment may use: a real one without a key must fail, not drop mail.
 */
export function readMailTransport(env: Bindings, config: Config): MailTransport {
  const apiKey = env.RESEND_API_KEY?.trim();
  if (!apiKey) {
    if (isLocalUrl(new URL(config.publicBaseUrl))) return { kind: "outbox" };
    throw new ConfigError("RESEND_API_KEY is required: without it mail goes to the local outbox, which only a localhost PUBLIC_BASE_URL may use");
  }
  const from = env.MAIL_FROM?.trim() ?? "";
  const address = /<([^<>]+)>$/.exec(from)?.[1] ?? from;
  if (!MAILBOX.test(address)) throw new ConfigError('MAIL_FROM must be a sender such as "Orleu <no-reply@orleu.kz>"');
  return { kind: "resend", apiKey, baseUrl: parseResendBaseUrl(env.RESEND_BASE_URL), from };
}

/** The API key travels in every request: https only, except to a fake on this machine. */
function parseResendBaseUrl(text: string | undefined): string {
  let url: URL | undefined;
  try {
    url = new URL(text?.trim() || RESEND_API);
  } catch {
    // reported below
  }
  if (!url || !(url.protocol === "https:" || (url.protocol === "http:" && isLocalUrl(url))) || url.search || url.hash) {
    throw new ConfigError("RESEND_BASE_URL must be an https:// URL (http:// only for localhost)");
  }
  return url.href.replace(/\/+$/, "");
}

/** Whether this environment keeps mail in the local outbox (and so serves /dev/outbox). */
export function usesOutbox(env: Bindings, config: Config): boolean {
  try {
    return readMailTransport(env, config).kind === "outbox";
  } catch (error) {
    if (error instanceof ConfigError) return false;
    throw error;
  }
}
