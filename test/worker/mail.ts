import { env } from "cloudflare:workers";
import { inject } from "vitest";
import type { Bindings } from "../../src/env";
import type { MailMessage } from "../../src/mail/outgoing";
import { createStore } from "../../src/store";
import type { RecordedRequest, ScriptedAnswer } from "../support/fake-resend";

/** Mail test helpers: environments for each transport, messages, and the fake Resend. */

export const fakeResend = inject("fakeResend");

/** Any string for a variable, not only the one wrangler.toml sets. */
type Changes = { [K in keyof Bindings]?: Bindings[K] extends string | undefined ? string : Bindings[K] };

/** This run's environment with some variables changed (each call a new object: configuration is cached per env). */
export function envWith(changes: Changes): Bindings {
  return { ...env, ...changes } as Bindings;
}

export const outboxEnv = () => envWith({ PUBLIC_BASE_URL: "http://localhost:8787" });

export const resendEnv = (changes: Changes = {}) =>
  envWith({ RESEND_API_KEY: fakeResend.apiKey, RESEND_BASE_URL: fakeResend.baseUrl, ...changes });

export function preferencesLink(locale: MailMessage["locale"] = "kk"): MailMessage {
  return { template: "preferences_link", locale, url: `https://prefs.test/p/tok${crypto.randomUUID()}`, expiresAt: new Date("2026-12-24T07:00:00Z") };
}

export async function scriptFake(to: string, answers: ScriptedAnswer[]) {
  const response = await fetch(`${fakeResend.baseUrl}/_fake/script`, { method: "POST", body: JSON.stringify({ to, answers }) });
  if (response.status !== 204) throw new Error(`the fake said ${response.status}`);
}

export async function requestsTo(to: string): Promise<RecordedRequest[]> {
  return (await fetch(`${fakeResend.baseUrl}/_fake/requests?to=${encodeURIComponent(to)}`)).json();
}

/** The local outbox of the store these bindings choose (D1, or PostgreSQL in the worker-postgres project). */
export const outboxOf = (bindings: Bindings) => createStore(bindings, bindings.ADDRESS_HASH_KEY!).outbox;
