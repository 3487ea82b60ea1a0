import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { expect } from "vitest";
import { createApp } from "../../src/app";
import { ADMIN_KEY, freshEmail, grant } from "./api";
import { requestsTo, resendEnv } from "./mail";

/** Requests to the real app with mail going to the fake Resend, so that links are the ones the Worker mails. */

const app = createApp();
export const BASE = "https://prefs.test";

export async function fetchWithMail(method: string, url: string, init: { body?: BodyInit; headers?: Record<string, string> } = {}) {
  const ctx = createExecutionContext();
  const response = await app.fetch(new Request(new URL(url, BASE), { method, ...init, redirect: "manual" }), resendEnv(), ctx);
  const text = await response.text();
  await waitOnExecutionContext(ctx);
  return { status: response.status, text };
}

/** A /v1 call with the admin key; fails the test unless it succeeds. */
export async function apiWithMail(method: string, path: string, body?: unknown) {
  const response = await fetchWithMail(method, path, {
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { Authorization: `Bearer ${ADMIN_KEY}`, "Content-Type": "application/json" },
  });
  expect(response.status, response.text).toBeLessThan(300);
  return JSON.parse(response.text);
}

/** A contact granted everything, with a grant of advertising by email awaiting the confirmation mailed to them. */
export async function withPendingConfirmation() {
  const email = freshEmail();
  const contact = await apiWithMail("POST", "/v1/contacts", { email, doubleOptIn: true, consents: [grant("*", "*"), grant("advertising", "email")] });
  const mailed = JSON.stringify((await requestsTo(email))[0]!.body);
  return { contact, confirmUrl: new RegExp(`${BASE}/c/[A-Za-z0-9_-]+`).exec(mailed)![0] };
}

/** What the send check answers for one contact: "allowed" or the reason it is blocked. */
export async function decisionFor(contactId: string, topic: string, channel = "email") {
  const check = await apiWithMail("POST", "/v1/send-checks", { topic, channel, recipients: [{ contactId }] });
  return check.allowed.length === 1 ? "allowed" : (check.blocked[0].reason as string);
}
