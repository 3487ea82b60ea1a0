import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it } from "vitest";
import { CRONS } from "../../src/audience/scheduled";
import { consentEvent } from "../../src/consent/events";
import { createServices } from "../../src/flows/services";
import worker from "../../src/index";
import { deliverWebhook } from "../../src/flows/deliver-webhook";
import { call, expectError, expectStatus, freshEmail, grant, withdraw } from "./api";
import { HeldQueue, deliver, hookUrl, hooksCall, hooksEnv, receivedBy, resendEvent, type HooksEnv } from "./webhook-endpoints";
import { ndjson } from "./imports";

async function register(env: HooksEnv, body: Record<string, unknown>) {
  const response = await hooksCall(env, "POST", "/v1/webhook-endpoints", { body });
  expectStatus(response, 201);
  return response.body as { id: string; url: string; events: string[]; includeAddresses: boolean; secret: string };
}

async function contactWith(env: HooksEnv, body: Record<string, unknown>) {
  const response = await hooksCall(env, "POST", "/v1/contacts", { body });
  expectStatus(response, 201);
  return response.body as { id: string };
}

// The Worker tests share one database per file: each test starts with no endpoint, so what
// one registers never receives another's events.
afterEach(async () => {
  for (const { id } of (await call("GET", "/v1/webhook-endpoints")).body.webhookEndpoints) await call("DELETE", `/v1/webhook-endpoints/${id}`);
});

const deliveriesOf = async (env: HooksEnv, id: string) => (await hooksCall(env, "GET", `/v1/webhook-endpoints/${id}/deliveries`)).body.deliveries as any[];

describe("/v1/webhook-endpoints: register, read, remove", () => {
  it("answers the whsec_ secret once, never again in a list or a read, and removes the endpoint", async () => {
    const { env } = hooksEnv();
    const { url } = hookUrl();
    const created = await register(env, { url, events: ["consent.changed", "contact.erased"] });
    expect(created).toMatchObject({ id: expect.stringMatching(/^whe_/), url, events: ["consent.changed", "contact.erased"], includeAddresses: false });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const list = await hooksCall(env, "GET", "/v1/webhook-endpoints");
    expectStatus(list, 200);
    const listed = list.body.webhookEndpoints.find((e: { id: string }) => e.id === created.id);
    expect(listed).toEqual({ id: created.id, url, events: created.events, includeAddresses: false, createdAt: expect.any(String), createdBy: "admin" });
    const one = await hooksCall(env, "GET", `/v1/webhook-endpoints/${created.id}`);
    expectStatus(one, 200);
    expect(one.body).toEqual(listed);
    expect(JSON.stringify([list.body, one.body])).not.toContain(created.secret.slice(6));

    const empty = await hooksCall(env, "GET", `/v1/webhook-endpoints/${created.id}/deliveries`);
    expectStatus(empty, 200);
    expect(empty.body).toEqual({ deliveries: [], nextCursor: null });

    expectStatus(await hooksCall(env, "DELETE", `/v1/webhook-endpoints/${created.id}`), 200);
    expectError(await hooksCall(env, "GET", `/v1/webhook-endpoints/${created.id}`), 404, "not_found");
    expectError(await hooksCall(env, "GET", `/v1/webhook-endpoints/${created.id}/deliveries`), 404, "not_found");
    expectError(await hooksCall(env, "DELETE", `/v1/webhook-endpoints/${created.id}`), 404, "not_found");
  });

  it("needs the webhooks:manage scope (403 without it, 401 without a key)", async () => {
    const key = await call("POST", "/v1/api-keys", { body: { name: "crm", scopes: ["contacts:read", "contacts:write"] } });
    expectStatus(key, 201);
    const body = { url: "https://crm.orleu.kz/hooks", events: ["consent.changed"] };
    expectError(await call("POST", "/v1/webhook-endpoints", { body, key: key.body.key }), 403, "forbidden");
    expectError(await call("GET", "/v1/webhook-endpoints", { key: key.body.key }), 403, "forbidden");
    expectError(await call("GET", "/v1/webhook-endpoints", { key: null }), 401, "unauthorized");
    const manager = await call("POST", "/v1/api-keys", { body: { name: "hooks", scopes: ["webhooks:manage"] } });
    const created = await call("POST", "/v1/webhook-endpoints", { body, key: manager.body.key });
    expectStatus(created, 201);
    expect(created.body.createdBy).toBe(manager.body.id);
  });

  it.each([
    ["http://crm.orleu.kz/hooks", "plain http"],
    ["https://10.1.2.3/hooks", "a private IPv4 address"],
    ["https://192.168.0.10/hooks", "a private IPv4 address"],
    ["https://0x7f.1/hooks", "loopback written in hex"],
    ["https://169.254.169.254/latest/meta-data", "link-local (cloud metadata)"],
    ["https://[::1]/hooks", "IPv6 loopback"],
    ["https://[fd00::1]/hooks", "IPv6 unique-local"],
    ["https://[fe80::1]/hooks", "IPv6 link-local"],
    ["https://[::ffff:10.0.0.1]/hooks", "IPv4-mapped IPv6"],
    ["https://localhost/hooks", "localhost"],
    ["https://crm.localhost/hooks", "a .localhost name"],
    ["https://intranet/hooks", "a single-label name"],
    ["https://user:pw@crm.orleu.kz/hooks", "credentials in the URL"],
    ["http://127.0.0.1:9999/hooks", "localhost while the service is not local"],
    ["not a url", "not a URL"],
  ])("refuses %s (%s): 400 naming url, nothing registered", async (url) => {
    const before = (await call("GET", "/v1/webhook-endpoints")).body.webhookEndpoints.length;
    expectError(await call("POST", "/v1/webhook-endpoints", { body: { url, events: ["consent.changed"] } }), 400, "invalid_request", [["url"]]);
    expect((await call("GET", "/v1/webhook-endpoints")).body.webhookEndpoints).toHaveLength(before);
  });

  it("accepts a public https URL, and http://127.0.0.1 only when the service runs on localhost", async () => {
    expectStatus(await call("POST", "/v1/webhook-endpoints", { body: { url: "https://[2a00:1450:4001::1]/h", events: ["contact.erased"] } }), 201);
    expectStatus(await call("POST", "/v1/webhook-endpoints", { body: { url: "https://93.184.216.34/h", events: ["contact.erased"] } }), 201);
    const { env } = hooksEnv();
    await register(env, { url: hookUrl().url, events: ["contact.erased"] });
  });

  it("refuses unknown, repeated or no events and unknown fields", async () => {
    const url = "https://crm.orleu.kz/hooks";
    expectError(await call("POST", "/v1/webhook-endpoints", { body: { url, events: ["consent.deleted"] } }), 400, "invalid_request", [["events", 0]]);
    expectError(await call("POST", "/v1/webhook-endpoints", { body: { url, events: [] } }), 400, "invalid_request", [["events"]]);
    expectError(await call("POST", "/v1/webhook-endpoints", { body: { url, events: ["contact.erased", "contact.erased"] } }), 400, "invalid_request", [["events"]]);
    expectError(await call("POST", "/v1/webhook-endpoints", { body: { url, events: ["contact.erased"], secret: "x" } }), 400, "invalid_request");
  });
});

describe("consent webhooks: what the service sends", () => {
  it("hands over, on the ten-minute cron, a delivery no write dispatched", async () => {
    const { env, queue } = hooksEnv();
    const { url } = hookUrl();
    await register(env, { url, events: ["consent.changed"] });
    // Written by a Worker without the queue (as when a write's own dispatch fails): the row waits.
    const { WEBHOOK_QUEUE: _, ...withoutQueue } = env;
    const { store } = createServices(withoutQueue as typeof env);
    const event = consentEvent({ topic: "newsletter", channel: "email", status: "granted", source: "web_form", policyVersion: "2024-01", actor: "test" });
    await store.saveContact({ email: freshEmail() }, [event]);
    expect(queue.take()).toEqual([]);

    const ctx = createExecutionContext();
    await worker.scheduled!(createScheduledController({ cron: CRONS.foldCounts }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(queue.take()).toHaveLength(1);
  });

  it("sends consent.changed for a consent recorded through the API, signed per Standard Webhooks, with ids and no address", async () => {
    const { env, queue } = hooksEnv();
    const { name, url } = hookUrl();
    const endpoint = await register(env, { url, events: ["consent.changed"] });
    const email = freshEmail();
    const contact = await contactWith(env, { email, externalId: `crm-${crypto.randomUUID()}`, consents: [grant("newsletter", "email")] });
    const messages = queue.take();
    expect(messages).toHaveLength(1);
    expect(JSON.stringify(messages)).not.toContain(email);

    const result = await deliver(env, messages);
    expect(result.explicitAcks).toHaveLength(1);
    const [got] = await receivedBy(name);
    expect(got!.body).not.toContain(email);
    // The receiver's own check, by Standard Webhooks' library: throws on a bad signature.
    const payload = new Webhook(endpoint.secret).verify(got!.body, got!.headers) as any;
    expect(payload).toMatchObject({
      type: "consent.changed",
      data: { contactId: contact.id, externalId: expect.stringMatching(/^crm-/), topic: "newsletter", channel: "email", status: "granted", source: "web_form", policyVersion: "2024-01" },
    });
    expect(payload.data).not.toHaveProperty("email");
    expect(got!.headers["webhook-id"]).toBe(messages[0]!.deliveryId);
    expect(() => new Webhook(endpoint.secret).verify(got!.body.replace("granted", "withdrawn"), got!.headers)).toThrow();

    const [logged] = await deliveriesOf(env, endpoint.id);
    expect(logged).toMatchObject({ id: messages[0]!.deliveryId, type: "consent.changed", status: "delivered", attempts: 1, lastStatus: 200, nextAttemptAt: null });
  });

  it("sends a withdrawal from the unsubscribe link (one-click) the same way", async () => {
    const { env, queue } = hooksEnv();
    const { name, url } = hookUrl();
    const endpoint = await register(env, { url, events: ["consent.changed"] });
    const email = freshEmail();
    const contact = await contactWith(env, { email, consents: [grant("*", "*")] });
    queue.take();
    const check = await hooksCall(env, "POST", "/v1/send-checks", { body: { topic: "newsletter", channel: "email", recipients: [{ contactId: contact.id }] } });
    const link = new URL(check.body.allowed[0].unsubscribe.url);
    const oneClick = await hooksCall(env, "POST", link.pathname, { key: null, rawBody: "List-Unsubscribe=One-Click", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expectStatus(oneClick, 200);
    await deliver(env, queue.take());
    const [got] = await receivedBy(name);
    const payload = new Webhook(endpoint.secret).verify(got!.body, got!.headers) as any;
    expect(payload.data).toMatchObject({ contactId: contact.id, topic: "newsletter", channel: "email", status: "withdrawn", source: "one_click" });
  });

  it("sends addresses only to an endpoint registered with includeAddresses", async () => {
    const { env, queue } = hooksEnv();
    const plain = hookUrl();
    const withAddresses = hookUrl();
    await register(env, { url: plain.url, events: ["consent.changed"] });
    const full = await register(env, { url: withAddresses.url, events: ["consent.changed"], includeAddresses: true });
    expect(full.includeAddresses).toBe(true);
    const email = freshEmail();
    await contactWith(env, { email, consents: [withdraw("*", "sms")] });
    await deliver(env, queue.take());
    const [bare] = await receivedBy(plain.name);
    const [addressed] = await receivedBy(withAddresses.name);
    expect(bare!.body).not.toContain(email);
    expect((new Webhook(full.secret).verify(addressed!.body, addressed!.headers) as any).data).toMatchObject({ email, phone: null, status: "withdrawn" });
  });

  it("sends contact.erased for an erasure, naming only the contact and when", async () => {
    const { env, queue } = hooksEnv();
    const { name, url } = hookUrl();
    const endpoint = await register(env, { url, events: ["contact.erased"], includeAddresses: true });
    const email = freshEmail();
    const contact = await contactWith(env, { email, consents: [grant("newsletter", "email")] });
    expect(queue.take()).toEqual([]); // not subscribed to consent.changed
    expectStatus(await hooksCall(env, "DELETE", `/v1/contacts/${contact.id}`), 200);
    await deliver(env, queue.take());
    const [got] = await receivedBy(name);
    const payload = new Webhook(endpoint.secret).verify(got!.body, got!.headers) as any;
    expect(payload).toEqual({ type: "contact.erased", timestamp: expect.any(String), data: { contactId: contact.id, erasedAt: expect.any(String) } });
    expect(got!.body).not.toContain(email);
  });

  it("retries a failing receiver with exponential backoff, logging each attempt, and fails it after a day", async () => {
    const { env, queue } = hooksEnv();
    const { name, url } = hookUrl("fail");
    const endpoint = await register(env, { url, events: ["consent.changed"] });
    await contactWith(env, { email: freshEmail(), consents: [grant("newsletter", "email")] });
    const messages = queue.take();
    const first = await deliver(env, messages);
    // The Queue retries the message (its delay is what the log says: the test harness does not report it).
    expect(first.retryMessages).toHaveLength(1);
    let [logged] = await deliveriesOf(env, endpoint.id);
    expect(logged).toMatchObject({ status: "pending", attempts: 1, lastStatus: 503, finishedAt: null });
    expect(Date.parse(logged.nextAttemptAt) - Date.parse(logged.lastAttemptAt)).toBe(60_000);

    const second = await deliver(env, messages, { attempts: 2 });
    expect(second.retryMessages).toHaveLength(1);
    [logged] = await deliveriesOf(env, endpoint.id);
    expect(logged).toMatchObject({ status: "pending", attempts: 2, lastStatus: 503 });
    expect(Date.parse(logged.nextAttemptAt) - Date.parse(logged.lastAttemptAt)).toBe(120_000);
    expect(await receivedBy(name)).toHaveLength(2);

    // A day after the event: the attempt is the last one.
    const services = createServices(env);
    const later = new Date(Date.parse(logged.createdAt) + 24 * 60 * 60 * 1000 + 1000);
    expect(await deliverWebhook(services, messages[0]!.deliveryId, later)).toEqual({ done: true });
    [logged] = await deliveriesOf(env, endpoint.id);
    expect(logged).toMatchObject({ status: "failed", attempts: 3, lastStatus: 503, nextAttemptAt: null, finishedAt: later.toISOString() });
    expect(await deliver(env, messages, { attempts: 4 })).toMatchObject({ explicitAcks: [expect.any(String)], retryMessages: [] });
    expect(await receivedBy(name)).toHaveLength(3);
  });

  it("sends nothing to a deleted endpoint, not even what was already queued", async () => {
    const { env, queue } = hooksEnv();
    const { name, url } = hookUrl();
    const endpoint = await register(env, { url, events: ["consent.changed"] });
    await contactWith(env, { email: freshEmail(), consents: [grant("newsletter", "email")] });
    const queued = queue.take();
    expect(queued).toHaveLength(1);
    expectStatus(await hooksCall(env, "DELETE", `/v1/webhook-endpoints/${endpoint.id}`), 200);
    await contactWith(env, { email: freshEmail(), consents: [grant("newsletter", "email")] });
    expect(queue.take()).toEqual([]);
    expect((await deliver(env, queued)).explicitAcks).toHaveLength(1);
    expect(await receivedBy(name)).toEqual([]);
  });

  it("marks a delivery from the dead-letter queue failed, without sending it", async () => {
    const { env, queue } = hooksEnv();
    const { name, url } = hookUrl();
    const endpoint = await register(env, { url, events: ["consent.changed"] });
    await contactWith(env, { email: freshEmail(), consents: [grant("newsletter", "email")] });
    await deliver(env, queue.take(), { queue: "orleu-webhooks-dlq" });
    const [logged] = await deliveriesOf(env, endpoint.id);
    expect(logged).toMatchObject({ status: "failed", lastError: "dead_letter", lastStatus: null });
    expect(await receivedBy(name)).toEqual([]);
  });

  it("sends suppression.added for a hard bounce and a complaint (and consent.changed for the complaint's withdrawal)", async () => {
    const { env, queue } = hooksEnv();
    const { name, url } = hookUrl();
    const endpoint = await register(env, { url, events: ["suppression.added", "consent.changed"] });
    const bounced = freshEmail();
    const complained = freshEmail();
    const one = await contactWith(env, { email: bounced, consents: [grant("newsletter", "email")] });
    const two = await contactWith(env, { email: complained, consents: [grant("newsletter", "email")] });
    queue.take();
    expectStatus(await resendEvent(env, "email.bounced", bounced), 200);
    expectStatus(await resendEvent(env, "email.complained", complained), 200);
    await deliver(env, queue.take());
    const told = (await receivedBy(name)).map((got) => (new Webhook(endpoint.secret).verify(got.body, got.headers) as any));
    const summary = told.map((p) => [p.type, p.data.contactId, p.data.reason ?? p.data.status, p.data.channel]);
    expect(summary.sort()).toEqual(
      [
        ["suppression.added", one.id, "hard_bounce", "email"],
        ["suppression.added", two.id, "complaint", "email"],
        ["consent.changed", two.id, "withdrawn", "email"],
      ].sort(),
    );
    expect(JSON.stringify(told)).not.toContain(bounced);
  });

  it("sends consent.changed for an SMS STOP", async () => {
    const { env, queue } = hooksEnv();
    const { name, url } = hookUrl();
    const endpoint = await register(env, { url, events: ["consent.changed"] });
    const phone = `+7701${Math.floor(1_000_000 + Math.random() * 8_999_999)}`;
    const contact = await contactWith(env, { phone, consents: [grant("*", "sms")] });
    queue.take();
    const gateway = await call("POST", "/v1/api-keys", { body: { name: "sms gateway", scopes: ["sms:inbound"] } });
    expectStatus(await hooksCall(env, "POST", "/webhooks/sms", { key: gateway.body.key, body: { from: phone, text: "STOP" } }), 200);
    await deliver(env, queue.take());
    const [got] = await receivedBy(name);
    expect(got!.body).not.toContain(phone.slice(1));
    expect((new Webhook(endpoint.secret).verify(got!.body, got!.headers) as any).data).toMatchObject({ contactId: contact.id, topic: "*", channel: "sms", status: "withdrawn", source: "sms_keyword" });
  });

  it("sends consent.changed for imported records, once per state moved", async () => {
    const imports = new HeldQueue<unknown>();
    const { env, queue } = hooksEnv(imports);
    const { name, url } = hookUrl();
    const endpoint = await register(env, { url, events: ["consent.changed"] });
    const emails = [freshEmail(), freshEmail()];
    const rows = emails.map((email) => ({ email, consents: [{ topic: "newsletter", channel: "email", status: "granted", occurredAt: "2025-03-01T09:00:00Z" }] }));
    const upload = await hooksCall(env, "POST", "/v1/imports", { rawBody: ndjson(rows), headers: { "Content-Type": "application/x-ndjson" } });
    expectStatus(upload, 202);
    await deliver(env, imports.take(), { queue: "orleu-imports" });
    const messages = queue.take();
    expect(messages).toHaveLength(2);
    await deliver(env, messages);
    const told = (await receivedBy(name)).map((got) => (new Webhook(endpoint.secret).verify(got.body, got.headers) as any).data);
    expect(told.map((d) => [d.source, d.status, d.occurredAt])).toEqual([
      ["import", "granted", "2025-03-01T09:00:00.000Z"],
      ["import", "granted", "2025-03-01T09:00:00.000Z"],
    ]);
  });

  it("pages the delivery log, newest first", async () => {
    const { env, queue } = hooksEnv();
    const endpoint = await register(env, { url: hookUrl().url, events: ["consent.changed"] });
    for (let i = 0; i < 3; i++) await contactWith(env, { email: freshEmail(), consents: [grant("newsletter", "email")] });
    const ids = queue.take().map((m) => m.deliveryId);
    const first = await hooksCall(env, "GET", `/v1/webhook-endpoints/${endpoint.id}/deliveries?limit=2`);
    expectStatus(first, 200);
    expect(first.body.deliveries).toHaveLength(2);
    const second = await hooksCall(env, "GET", `/v1/webhook-endpoints/${endpoint.id}/deliveries?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.nextCursor).toBeNull();
    const paged = [...first.body.deliveries, ...second.body.deliveries];
    expect(paged.map((d: { id: string }) => d.id).sort()).toEqual([...ids].sort());
    expect(paged.map((d: { createdAt: string }) => d.createdAt)).toEqual(paged.map((d: { createdAt: string }) => d.createdAt).sort().reverse());
    expectError(await hooksCall(env, "GET", `/v1/webhook-endpoints/${endpoint.id}/deliveries?limit=0`), 400, "invalid_request", [["limit"]]);
  });
});
