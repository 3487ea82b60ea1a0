import { exports } from "cloudflare:workers";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { HOLIDAYS } from "../../src/consent/holidays";

/** Test helpers: requests to the real Worker, and test data with fresh identities. */

export const ADMIN_KEY = env.ADMIN_API_KEY;
const BASE = "https://prefs.test";

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = any>(
  method: string,
  path: string,
  options: { body?: unknown; key?: string | null; headers?: Record<string, string>; rawBody?: string } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? ADMIN_KEY : options.key;
  if (key !== null) headers.Authorization = `Bearer ${key}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["Content-Type"] ??= "application/json";
  }
  const response = await exports.default.fetch(new Request(BASE + path, { method, headers, body }));
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

/** Asserts the status and prints the body when it differs. */
export function expectStatus(response: ApiResponse, status: number) {
  expect(response.status, JSON.stringify(response.body, null, 2)).toBe(status);
}

/** Asserts the one /v1 error shape, its code, and (optionally) the paths of its issues. */
export function expectError(response: ApiResponse, status: number, code: string, paths?: (string | number)[][]) {
  expectStatus(response, status);
  expect(response.body.error.code).toBe(code);
  expect(typeof response.body.error.message).toBe("string");
  expect(response.body.error.requestId).toBeTruthy();
  if (paths) expect(response.body.error.issues.map((i: { path: unknown }) => i.path)).toEqual(paths);
}

let counter = 0;
/** A unique suffix per call, so tests never collide on addresses or ids. */
export function unique(): string {
  counter += 1;
  return `${Date.now().toString(36)}${counter.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export function freshEmail(): string {
  return `t.${unique()}@example.kz`;
}

/** A valid Kazakh mobile number no other test uses: +7 701 followed by 7 random digits. */
export function freshPhone(): string {
  return `+7701${Math.floor(1_000_000 + Math.random() * 8_999_999)}`;
}

/**
 * Noon in Kazakhstan on the first weekday from today (Kazakhstan's date) that is not a
 * holiday: a sendAt inside the SMS and voice window (weekdays 09:00-21:00, not on holidays)
 * whenever the suite runs, weekends and holidays included.
 */
export function noonInKazakhstan(): string {
  const day = new Date(Date.now() + 5 * 3_600_000);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6 || HOLIDAYS.has(day.toISOString().slice(0, 10))) day.setUTCDate(day.getUTCDate() + 1);
  return `${day.toISOString().slice(0, 10)}T12:00:00+05:00`;
}

export async function createContact(body: Record<string, unknown>) {
  const response = await call("POST", "/v1/contacts", { body });
  expectStatus(response, 201);
  return response.body as { id: string; email: string | null; phone: string | null; externalId: string | null };
}

export function grant(topic: string, channel: string, extra: Record<string, unknown> = {}) {
  return { topic, channel, status: "granted", source: "web_form", ...extra };
}

export function withdraw(topic: string, channel: string, extra: Record<string, unknown> = {}) {
  return { topic, channel, status: "withdrawn", source: "api", ...extra };
}

/** Every page of GET /v1/contacts for one list query ("consentBefore=…"), following nextCursor. */
export async function listAllContacts<T>(query: string, limit = 1000) {
  const contacts: T[] = [];
  const pages: number[] = [];
  let cursor: string | null = null;
  do {
    const response: ApiResponse = await call("GET", `/v1/contacts?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
    expectStatus(response, 200);
    contacts.push(...response.body.contacts);
    pages.push(response.body.contacts.length);
    cursor = response.body.nextCursor;
  } while (cursor);
  return { contacts, pages };
}
