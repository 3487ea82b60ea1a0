import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { Webhook } from "svix";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { ADMIN_KEY, call, createContact, expectStatus, freshEmail, grant, unique } from "./api";
import { sql } from "./db";
import { envWith, fakeResend } from "./mail";

/**
 * An unusable setting disables only what needs it: the real Worker (src/index.ts) run with
 * one setting changed, against the same D1. Unsubscribing needs only the signing keys, the
 * database and what every link and ledger event needs.
 */
type Changes = Parameters<typeof envWith>[0];

async function fetchWith(changes: Changes, method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}) {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(`https://prefs.test${path}`, { method, ...init }), envWith(changes), ctx);
  const text = await response.text();
  await waitOnExecutionContext(ctx);
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // a page
  }
  return { status: response.status, body, text };
}

function expectMisconfigured(response: { status: number; body: any; text: string }, setting: string) {
  expect(response.status, response.text).toBe(503);
  expect(response.body.error.code).toBe("service_misconfigured");
  expect(response.body.error.message).toContain(setting);
}

/** A subscriber and the unsubscribe link a send check gave for them (made with the usual settings). */
async function subscriber() {
  const email = freshEmail();
  const contact = await createContact({ email, consents: [grant("*", "*")] });
  const checked = await call("POST", "/v1/send-checks", { body: { topic: "newsletter", channel: "email", recipients: [{ contactId: contact.id }] } });
  expectStatus(checked, 200);
  return { email, contactId: contact.id, path: new URL(checked.body.allowed[0].unsubscribe.url as string).pathname };
}

async function newsletterByEmail(contactId: string) {
  const response = await call("POST", "/v1/send-checks", { body: { topic: "newsletter", channel: "email", recipients: [{ contactId }] } });
  expectStatus(response, 200);
  return response.body.allowed.length === 1 ? "allowed" : (response.body.blocked[0].reason as string);
}

const oneClick = { body: "List-Unsubscribe=One-Click", headers: { "Content-Type": "application/x-www-form-urlencoded" } };
const bearer = (key: string) => ({ headers: { Authorization: `Bearer ${key}` } });

describe("with ADMIN_API_KEY too short", () => {
  const short = { ADMIN_API_KEY: "short-admin-key" };

  it("still shows the unsubscribe page and withdraws on a one-click", async () => {
    const { contactId, path } = await subscriber();
    const page = await fetchWith(short, "GET", path);
    expect(page.status, page.text).toBe(200);
    const clicked = await fetchWith(short, "POST", path, oneClick);
    expect(clicked.status, clicked.text).toBe(200);
    expect(await newsletterByEmail(contactId)).not.toBe("allowed");
  });

  it("answers 503 naming ADMIN_API_KEY to a request made with that key, and nothing else changes", async () => {
    expectMisconfigured(await fetchWith(short, "GET", "/v1/topics", bearer(short.ADMIN_API_KEY)), "ADMIN_API_KEY");
    const key = await call("POST", "/v1/api-keys", { body: { name: `reader ${unique()}`, scopes: ["topics:read"] } });
    expectStatus(key, 201);
    expect((await fetchWith(short, "GET", "/v1/topics", bearer(key.body.key))).status).toBe(200);
    expect((await fetchWith(short, "GET", "/v1/topics", bearer(ADMIN_KEY))).status).toBe(401);
  });

  it("reports it at /healthz", async () => {
    expectMisconfigured(await fetchWith(short, "GET", "/healthz"), "ADMIN_API_KEY");
  });
});

describe("with other optional settings unusable", () => {
  it.each([
    ["SENDING_WINDOWS", { SENDING_WINDOWS: "nine to five" }],
    ["UNSUBSCRIBE_MAIL_DOMAIN", { UNSUBSCRIBE_MAIL_DOMAIN: "not a domain" }],
    ["CONFIRM_LINK_TTL_DAYS", { CONFIRM_LINK_TTL_DAYS: "0" }],
    ["RESEND_WEBHOOK_SECRET", { RESEND_WEBHOOK_SECRET: "not-a-whsec-secret" }],
  ])("unsubscribes with %s unusable", async (_, changes: Changes) => {
    const { contactId, path } = await subscriber();
    expect((await fetchWith(changes, "GET", path)).status).toBe(200);
    expect((await fetchWith(changes, "POST", path, oneClick)).status).toBe(200);
    expect(await newsletterByEmail(contactId)).not.toBe("allowed");
  });

  it.each([
    ["SENDING_WINDOWS", { SENDING_WINDOWS: "nine to five" }],
    // Retired by issue 13: a deployment still setting it learns so, rather than losing its rule.
    ["QUIET_HOURS", { QUIET_HOURS: "21:00-09:00" } as Changes],
    ["UNSUBSCRIBE_MAIL_DOMAIN", { UNSUBSCRIBE_MAIL_DOMAIN: "not a domain" }],
  ])("answers a send check 503 naming %s, and records no check", async (setting, changes: Changes) => {
    const { contactId } = await subscriber();
    const campaign = `campaign ${unique()}`;
    const body = JSON.stringify({ topic: "newsletter", channel: "email", campaign, recipients: [{ contactId }] });
    const response = await fetchWith(changes, "POST", "/v1/send-checks", { body, headers: { ...bearer(ADMIN_KEY).headers, "Content-Type": "application/json" } });
    expectMisconfigured(response, setting);
    expect(await sql.value("SELECT count(*) AS n FROM send_checks WHERE campaign = ?1", campaign)).toBe(0);
  });

  it("records a double opt-in grant as not mailed, rather than failing after writing it, when CONFIRM_LINK_TTL_DAYS is unusable", async () => {
    const changes = { RESEND_API_KEY: fakeResend.apiKey, RESEND_BASE_URL: fakeResend.baseUrl, CONFIRM_LINK_TTL_DAYS: "0" };
    const body = JSON.stringify({ email: freshEmail(), doubleOptIn: true, consents: [grant("advertising", "email")] });
    const saved = await fetchWith(changes, "POST", "/v1/contacts", { body, headers: { ...bearer(ADMIN_KEY).headers, "Content-Type": "application/json" } });
    expect(saved.status, saved.text).toBe(201);
    expect(saved.body.pendingConfirmations).toEqual([expect.objectContaining({ topic: "advertising", channel: "email", mailed: false })]);
  });

  it("takes a complaint with SENDING_WINDOWS and ADMIN_API_KEY unusable, and withdraws email marketing", async () => {
    const { email, contactId } = await subscriber();
    const body = JSON.stringify({
      type: "email.complained",
      created_at: new Date().toISOString(),
      data: { created_at: new Date().toISOString(), email_id: `em-${unique()}`, from: "Orleu <news@orleu.kz>", to: [email], subject: "News" },
    });
    const id = `msg_${unique()}`;
    const now = new Date();
    const headers = {
      "Content-Type": "application/json",
      "svix-id": id,
      "svix-timestamp": String(Math.floor(now.getTime() / 1000)),
      "svix-signature": new Webhook(env.RESEND_WEBHOOK_SECRET).sign(id, now, body),
    };
    const response = await fetchWith({ SENDING_WINDOWS: "nine to five", ADMIN_API_KEY: "short" }, "POST", "/webhooks/resend", { body, headers });
    expect(response.status, response.text).toBe(200);
    expect(await newsletterByEmail(contactId)).not.toBe("allowed");
  });

  it("answers the Resend webhook 503 naming RESEND_WEBHOOK_SECRET when it is malformed", async () => {
    const response = await fetchWith({ RESEND_WEBHOOK_SECRET: "not-a-whsec-secret" }, "POST", "/webhooks/resend", { body: "{}", headers: { "Content-Type": "application/json" } });
    expectMisconfigured(response, "RESEND_WEBHOOK_SECRET");
  });
});

describe("with a required setting unusable", () => {
  it("answers every request 503 naming it", async () => {
    const { path } = await subscriber();
    const short = { LINK_SIGNING_KEYS: "1:short" };
    expectMisconfigured(await fetchWith(short, "GET", path), "LINK_SIGNING_KEYS");
    expectMisconfigured(await fetchWith(short, "GET", "/healthz"), "LINK_SIGNING_KEYS");
  });
});
