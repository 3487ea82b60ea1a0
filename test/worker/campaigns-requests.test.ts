import { describe, expect, it } from "vitest";
import { call, createContact, expectError, expectStatus, freshEmail, grant } from "./api";
import { campaignBody, campaignCall, campaignEnv, deliver } from "./campaigns";
import { importRows } from "./imports";
import { requestsTo } from "./mail";

const post = (setup: ReturnType<typeof campaignEnv>, body: unknown, key?: string | null) => campaignCall(setup.env, "POST", "/v1/campaigns", { body, key });

describe("POST /v1/campaigns: requests", () => {
  it("answers the same reference with the same campaign (200), and another request under it with 409", async () => {
    const setup = campaignEnv();
    const contact = await createContact({ email: freshEmail(), consents: [grant("newsletter", "email")] });
    const body = campaignBody({ recipients: [{ contactId: contact.id }] });
    const first = await post(setup, body);
    expectStatus(first, 202);
    expect(first.headers.get("Location")).toBe(`/v1/campaigns/${first.body.id}`);
    const again = await post(setup, body);
    expectStatus(again, 200);
    expect(again.body.id).toBe(first.body.id);
    expect(setup.queue.messages).toHaveLength(1);
    expectError(await post(setup, { ...body, subject: { kk: "Басқа", ru: "Другое" } }), 409, "conflict", [["reference"]]);
  });

  it("sends batches of 100 to each contact once, however often it is named", async () => {
    const setup = campaignEnv();
    const emails = Array.from({ length: 120 }, () => freshEmail());
    await importRows(emails.map((email) => ({ email, consents: [{ topic: "newsletter", channel: "email", status: "granted", occurredAt: "2026-01-01T00:00:00Z" }] })));
    const created = await post(setup, campaignBody({ recipients: [...emails.map((email) => ({ email })), { email: emails[0]!.toUpperCase() }] }));
    expectStatus(created, 202);
    expect(created.body.counts).toMatchObject({ recipients: 121, duplicates: 1, queued: 120 });
    expect(created.body.progress).toEqual({ batches: 2, batchesDone: 0, percent: 0 });
    expect(setup.queue.messages.map((m) => m.body.batch)).toEqual([0, 1]);
    await deliver(setup.env, setup.queue.messages.map((m) => m.body));
    const view = await campaignCall(setup.env, "GET", `/v1/campaigns/${created.body.id}`);
    expect(view.body).toMatchObject({ status: "done", counts: { sent: 120 }, progress: { batchesDone: 2, percent: 100 } });
    expect(await requestsTo(emails[0]!)).toHaveLength(1);
    expect((await requestsTo(emails[119]!))[0]!.idempotencyKey).toBe(`campaign/${created.body.id}/batch/1`);
  });

  it("waits for sendAt: scheduled, queued with the delay, and shows its expected finish", async () => {
    const setup = campaignEnv({ CAMPAIGN_SEND_RATE: "2" });
    const contact = await createContact({ email: freshEmail(), consents: [grant("newsletter", "email")] });
    const sendAt = new Date(Date.now() + 3_600_000);
    const created = await post(setup, campaignBody({ sendAt: sendAt.toISOString(), recipients: [{ contactId: contact.id }] }));
    expectStatus(created, 202);
    expect(created.body.status).toBe("scheduled");
    expect(Date.parse(created.body.expectedFinishAt) - sendAt.getTime()).toBe(500);
    expect(setup.queue.messages[0]!.delaySeconds).toBeGreaterThan(3590);
    // Delivered early (a queue may): sent again with the remaining delay, nothing sent.
    await deliver(setup.env, [setup.queue.messages[0]!.body]);
    expect(setup.queue.messages[1]!.delaySeconds).toBeGreaterThan(3590);
    expect(await requestsTo(contact.email!)).toEqual([]);
  });

  it("refuses bad input with the field at fault", async () => {
    const setup = campaignEnv();
    const recipients = [{ email: freshEmail() }];
    const bad = async (body: unknown, paths: (string | number)[][]) => expectError(await post(setup, body), 400, "invalid_request", paths);
    await bad(campaignBody({ recipients, channel: "sms" }), [["channel"]]);
    await bad(campaignBody({ recipients, topic: "nope" }), [["topic"]]);
    await bad(campaignBody({ recipients, subject: { ru: "Новости" } }), [["subject", "kk"]]);
    await bad(campaignBody({ recipients, html: { kk: "<p>x</p>" } }), [["html", "ru"]]);
    await bad(campaignBody({ recipients, from: "Orleu" }), [["from"]]);
    await bad(campaignBody({ recipients: [] }), [["recipients"]]);
    await bad(campaignBody({ recipients: [{ email: "not-an-address" }] }), [["recipients", 0, "email"]]);
    await bad(campaignBody({ recipients, sendAt: new Date(Date.now() + 40 * 86_400_000).toISOString() }), [["sendAt"]]);
    await bad(campaignBody({ recipients, colour: "red" }), [[]]);
    const { reference, ...noReference } = campaignBody({ recipients });
    expect(reference).toBeTruthy();
    await bad(noReference, [["reference"]]);
    expect(setup.queue.messages).toEqual([]);
  });

  it("needs the campaigns:send scope, and mail configured", async () => {
    const setup = campaignEnv();
    const created = await call("POST", "/v1/api-keys", { body: { name: "checker", scopes: ["send-checks:write"] } });
    expectStatus(created, 201);
    const body = campaignBody({ recipients: [{ email: freshEmail() }] });
    expectError(await post(setup, body, created.body.key), 403, "forbidden");
    expectError(await post(setup, body, null), 401, "unauthorized");
    expectError(await campaignCall(setup.env, "GET", "/v1/campaigns/cmp_nope", { key: created.body.key }), 403, "forbidden");
    expectError(await campaignCall(setup.env, "GET", "/v1/campaigns/cmp_nope"), 404, "not_found");
    expectError(await campaignCall(setup.env, "POST", "/v1/campaigns/cmp_nope/cancel"), 404, "not_found");
    // This run's own environment has no RESEND_API_KEY and a public base URL: no campaign.
    expectError(await call("POST", "/v1/campaigns", { body }), 503, "service_misconfigured");
  });
});
