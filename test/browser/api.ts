import { expect, inject } from "vitest";

/** Test data through the real Worker's /v1 API (global-setup.ts started it), with fresh identities. */

export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

/** The Worker's base URL (also its PUBLIC_BASE_URL, so links from send checks point at it). */
export const workerUrl = (path = "") => inject("worker").base + path;

export async function call<T = any>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
  const response = await fetch(workerUrl(path), {
    method,
    headers: { Authorization: `Bearer ${inject("worker").adminKey}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed as T };
}

/** Asserts the status and prints the body when it differs. */
export function expectStatus(response: ApiResponse, status: number) {
  expect(response.status, JSON.stringify(response.body, null, 2)).toBe(status);
}

let counter = 0;
export function freshEmail(): string {
  counter += 1;
  return `b.${Date.now().toString(36)}${counter.toString(36)}${Math.random().toString(36).slice(2, 6)}@example.kz`;
}

export function grant(topic: string, channel: string) {
  return { topic, channel, status: "granted", source: "web_form" };
}

/** A new contact; by default with an email address and every topic granted on every channel. */
export async function createContact(body: Record<string, unknown> = {}) {
  const response = await call("POST", "/v1/contacts", { email: freshEmail(), consents: [grant("*", "*")], ...body });
  expectStatus(response, 201);
  return response.body as { id: string; email: string | null; phone: string | null };
}

/** What the next send check decides for one contact: "allowed" or the blocking reason. */
export async function nextCheck(contactId: string, topic = "newsletter", channel = "email"): Promise<string> {
  const response = await call("POST", "/v1/send-checks", { topic, channel, recipients: [{ contactId }] });
  expectStatus(response, 200);
  return response.body.allowed.length === 1 ? "allowed" : (response.body.blocked[0].reason as string);
}

/** The unsubscribe link a send check gives for a contact (who must be allowed). */
export async function unsubscribeLink(contactId: string, topic = "newsletter", channel = "email"): Promise<string> {
  const response = await call("POST", "/v1/send-checks", { topic, channel, campaign: "browser test", recipients: [{ contactId }] });
  expectStatus(response, 200);
  expect(response.body.allowed, JSON.stringify(response.body)).toHaveLength(1);
  return response.body.allowed[0].unsubscribe.url as string;
}

/** A new contact allowed the newsletter by email, and the unsubscribe link a send check gave for them. */
export async function subscriber(contact: Record<string, unknown> = {}) {
  const { id } = await createContact(contact);
  return { contactId: id, url: await unsubscribeLink(id) };
}
