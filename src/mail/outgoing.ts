import { readConfig } from "../config";
import type { Channel } from "../consent/channels";
import type { Locale } from "../consent/locales";
import type { Bindings } from "../env";
import type { DevOutbox } from "../store";
import { outboxMailer } from "./outbox";
import { resendMailer } from "./resend";
import { readMailTransport } from "./transport";

export type MailMessage =
  | { template: "preferences_link"; locale: Locale; url: string; expiresAt: Date; policyUrl?: string }
  | {
      template: "confirm_opt_in";
      locale: Locale;
      url: string;
      topicTitle: string;
      /** The channel the grant is for (calls have their own sentences). */
      channel: Channel;
      expiresAt: Date;
      /** The privacy policy for the footer (config.policyUrl); none, no link. */
      policyUrl?: string;
    };

export interface Mailer {
  /** Renders and sends one message. idempotencyKey: same key => the provider sends it once. Throws MailError when it finally fails. */
  send(to: string, message: MailMessage, idempotencyKey: string): Promise<{ id: string }>;
}

/** Mail that could not be sent (after the retries that made sense). Its message never holds the address. */
export class MailError extends Error {
  override name = "MailError";
}

/** The mailer for this environment (Resend when RESEND_API_KEY is set, else the local outbox). Throws ConfigError (from src/config.ts) when misconfigured. */
export function createMailer(env: Bindings, outbox: DevOutbox): Mailer {
  const transport = readMailTransport(env, readConfig(env));
  return transport.kind === "resend" ? resendMailer(transport) : outboxMailer(outbox);
}
