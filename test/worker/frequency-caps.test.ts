import { afterAll, describe, expect, it } from "vitest";
import { call, createContact, expectError, expectStatus, freshEmail, freshPhone, grant, noonInKazakhstan } from "./api";
import { campaignBody, campaignCall, campaignEnv, deliver } from "./campaigns";
import { sql } from "./db";

// The caps are one set for the whole service: every test puts the set it needs right before
// it checks, and the file leaves none behind. Sends on fixed dates lie more than 90 days
// back, outside the days test/worker/console-audience.test.ts counts (shared PostgreSQL).
afterAll(async () => {
  await call("PUT", "/v1/frequency-caps", { body: { caps: [] } });
});

const putCaps = (caps: unknown[], key?: string) => call("PUT", "/v1/frequency-caps", { body: { caps }, key });

async function setCaps(caps: unknown[]) {
  const response = await putCaps(caps);
  expectStatus(response, 200);
  return response.body.caps;
}

function check(body: Record<string, unknown>) {
  return call("POST", "/v1/send-checks", { body: { topic: "newsletter", channel: "email", ...body } });
}

const reasonsOf = (body: { allowed: { contactId: string }[]; blocked: { recipient: unknown; reason: string }[] }) => ({
  allowed: body.allowed.map((a) => a.contactId),
  blocked: body.blocked.map((b) => b.reason),
});

const sendsOf = (contactId: string) =>
  sql.all<{ topic: string; channel: string; origin: string }>("SELECT topic, channel, origin FROM sends WHERE contact_id = ?1 ORDER BY origin", contactId);

describe("PUT and GET /v1/frequency-caps", () => {
  it("replaces the whole set and answers it, as GET does: by channel, the channel's own cap first", async () => {
    const caps = [
      { channel: "sms", max: 2, period: "week" },
      { channel: "email", topic: "advertising", max: 2, period: "week" },
      { channel: "email", max: 8, period: "month" },
    ];
    const put = await putCaps(caps);
    expectStatus(put, 200);
    const expected = [caps[2], caps[1], caps[0]];
    expect(put.body).toEqual({ caps: expected });
    const got = await call("GET", "/v1/frequency-caps");
    expectStatus(got, 200);
    expect(got.body).toEqual({ caps: expected });

    expect(await setCaps([{ channel: "voice", max: 1, period: "day" }])).toEqual([{ channel: "voice", max: 1, period: "day" }]);
    expect(await setCaps([])).toEqual([]);
    expect((await call("GET", "/v1/frequency-caps")).body).toEqual({ caps: [] });
  });

  it.each([
    ["an unknown channel", [{ channel: "pigeon", max: 1, period: "day" }], [["caps", 0, "channel"]]],
    ["an unknown topic", [{ channel: "email", topic: "lottery", max: 1, period: "day" }], [["caps", 0, "topic"]]],
    ["a topic the channel does not send", [{ channel: "sms", topic: "newsletter", max: 1, period: "day" }], [["caps", 0, "topic"]]],
    ["max 0", [{ channel: "email", max: 0, period: "day" }], [["caps", 0, "max"]]],
    ["a fractional max", [{ channel: "email", max: 1.5, period: "day" }], [["caps", 0, "max"]]],
    ["a max given as text", [{ channel: "email", max: "2", period: "day" }], [["caps", 0, "max"]]],
    ["a wrong period", [{ channel: "email", max: 2, period: "fortnight" }], [["caps", 0, "period"]]],
    ["a missing period", [{ channel: "email", max: 2 }], [["caps", 0, "period"]]],
    ["an unknown field", [{ channel: "email", max: 2, period: "day", hours: 3 }], [["caps", 0]]],
    [
      "the same channel twice",
      [{ channel: "email", max: 2, period: "day" }, { channel: "sms", max: 1, period: "day" }, { channel: "email", max: 9, period: "month" }],
      [["caps", 2]],
    ],
    [
      "the same channel and topic twice",
      [{ channel: "email", topic: "newsletter", max: 2, period: "day" }, { channel: "email", topic: "newsletter", max: 3, period: "week" }],
      [["caps", 1]],
    ],
    ["more caps than any set needs", Array.from({ length: 101 }, () => ({ channel: "email", max: 1, period: "day" })), [["caps"]]],
  ])("refuses %s with a 400 naming the field, and changes nothing", async (_, caps, paths) => {
    const before = await setCaps([{ channel: "telegram", max: 3, period: "day" }]);
    expectError(await putCaps(caps), 400, "invalid_request", paths);
    expect((await call("GET", "/v1/frequency-caps")).body.caps).toEqual(before);
  });

  it("refuses a body without caps, and one that is not JSON", async () => {
    expectError(await call("PUT", "/v1/frequency-caps", { body: {} }), 400, "invalid_request", [["caps"]]);
    expectError(await call("PUT", "/v1/frequency-caps", { rawBody: "caps", headers: { "Content-Type": "application/json" } }), 400, "invalid_json");
  });

  it("needs the frequency-caps:manage scope to read or replace, and a key at all", async () => {
    const sender = await call("POST", "/v1/api-keys", { body: { name: "sender", scopes: ["send-checks:write", "api-keys:manage"] } });
    expectStatus(sender, 201);
    expectError(await call("GET", "/v1/frequency-caps", { key: sender.body.key }), 403, "forbidden");
    expectError(await putCaps([], sender.body.key), 403, "forbidden");
    expectError(await call("GET", "/v1/frequency-caps", { key: null }), 401, "unauthorized");
    const operator = await call("POST", "/v1/api-keys", { body: { name: "operator", scopes: ["frequency-caps:manage"] } });
    expectStatus(operator, 201);
    expectStatus(await putCaps([{ channel: "email", max: 5, period: "week" }], operator.body.key), 200);
    expect((await call("GET", "/v1/frequency-caps", { key: operator.body.key })).body.caps).toEqual([{ channel: "email", max: 5, period: "week" }]);
  });
});

describe("POST /v1/send-checks with frequency caps", () => {
  it("counts what a committed check allowed: the next check is capped, for that channel and topic only", async () => {
    const a = await createContact({ email: freshEmail(), consents: [grant("*", "*")] });
    const b = await createContact({ email: freshEmail(), consents: [grant("*", "*")] });
    const withdrawn = await createContact({ email: freshEmail(), consents: [grant("*", "*"), { ...grant("newsletter", "email"), status: "withdrawn" }] });
    await setCaps([{ channel: "email", topic: "newsletter", max: 1, period: "week" }]);

    // Not committed: nothing is counted.
    expect(reasonsOf((await check({ recipients: [{ contactId: a.id }] })).body)).toEqual({ allowed: [a.id], blocked: [] });
    expect(await sendsOf(a.id)).toEqual([]);

    // a named twice counts once; the withdrawn one is not sent to, so not counted.
    const committed = await check({ recipients: [{ contactId: a.id }, { email: a.email }, { contactId: withdrawn.id }], commit: true });
    expectStatus(committed, 200);
    expect(reasonsOf(committed.body)).toEqual({ allowed: [a.id, a.id], blocked: ["withdrawn_topic_channel"] });
    expect(await sendsOf(a.id)).toEqual([{ topic: "newsletter", channel: "email", origin: committed.body.id }]);
    expect(await sendsOf(withdrawn.id)).toEqual([]);

    const again = await check({ recipients: [{ contactId: a.id }, { contactId: b.id }] });
    expect(again.body.blocked).toEqual([{ recipient: { contactId: a.id }, reason: "frequency_capped" }]);
    expect(again.body.allowed.map((x: { contactId: string }) => x.contactId)).toEqual([b.id]);
    expect(again.body.counts.reasons).toEqual({ frequency_capped: 1, baseline_consent: 1 });
    // Another topic on the same channel is not under this cap.
    expect(reasonsOf((await check({ topic: "offers_prices", recipients: [{ contactId: a.id }] })).body)).toEqual({ allowed: [a.id], blocked: [] });
  });

  it("caps every topic of a channel with a channel cap, and the strictest of two caps wins", async () => {
    const phone = freshPhone();
    const contact = await createContact({ phone, email: freshEmail(), consents: [grant("*", "*")] });
    const sendAt = noonInKazakhstan();
    const sms = (topic: string, extra: Record<string, unknown> = {}) =>
      call("POST", "/v1/send-checks", { body: { topic, channel: "sms", sendAt, recipients: [{ phone }], ...extra } });
    await setCaps([
      { channel: "sms", max: 2, period: "week" },
      { channel: "sms", topic: "event_invitations", max: 1, period: "month" },
    ]);
    expectStatus(await sms("event_invitations", { commit: true }), 200);
    // The topic's cap (1 a month) is reached; the channel's (2 a week) is not.
    expect((await sms("event_invitations")).body.blocked).toEqual([{ recipient: { phone }, reason: "frequency_capped" }]);
    const survey = await sms("surveys_research", { commit: true });
    expect(survey.body.allowed.map((x: { contactId: string }) => x.contactId)).toEqual([contact.id]);
    // Two sms this week: the channel's cap now blocks every topic.
    expect((await sms("service_updates")).body.blocked).toEqual([{ recipient: { phone }, reason: "frequency_capped" }]);
    // Email is another channel.
    expect(reasonsOf((await check({ recipients: [{ contactId: contact.id }] })).body)).toEqual({ allowed: [contact.id], blocked: [] });
  });

  it("counts each of two caps in its own window: a topic's short one and the channel's long one", async () => {
    const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*")] });
    await setCaps([
      { channel: "email", max: 2, period: "month" },
      { channel: "email", topic: "newsletter", max: 1, period: "day" },
    ]);
    const at = (sendAt: string, topic = "newsletter", commit = false) =>
      check({ topic, recipients: [{ contactId: contact.id }], sendAt, commit }).then((r) => reasonsOf(r.body));
    expect(await at("2026-03-10T12:00:00+05:00", "newsletter", true)).toEqual({ allowed: [contact.id], blocked: [] });
    // Two days on the newsletter is out of its day's window, and inside the month's: 1 of 2.
    expect(await at("2026-03-12T12:00:00+05:00", "newsletter", true)).toEqual({ allowed: [contact.id], blocked: [] });
    // An hour later the topic's cap holds it back; a day later the channel's (2 this month) holds back every topic.
    expect(await at("2026-03-12T13:00:00+05:00")).toEqual({ allowed: [], blocked: ["frequency_capped"] });
    expect(await at("2026-03-13T12:00:01+05:00")).toEqual({ allowed: [], blocked: ["frequency_capped"] });
    expect(await at("2026-03-13T12:00:01+05:00", "offers_prices")).toEqual({ allowed: [], blocked: ["frequency_capped"] });
    // A month after the first, one send is left in the channel's window and none in the topic's.
    expect(await at("2026-04-09T12:00:01+05:00")).toEqual({ allowed: [contact.id], blocked: [] });
  });

  it("counts a rolling window ending at the send time: sends older than the period no longer count", async () => {
    const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*")] });
    await setCaps([{ channel: "email", max: 1, period: "day" }]);
    expectStatus(await check({ recipients: [{ contactId: contact.id }], sendAt: "2026-06-20T12:00:00+05:00", commit: true }), 200);
    const at = (sendAt: string) => check({ recipients: [{ contactId: contact.id }], sendAt }).then((r) => reasonsOf(r.body));
    expect(await at("2026-06-21T11:59:00+05:00")).toEqual({ allowed: [], blocked: ["frequency_capped"] });
    expect(await at("2026-06-21T12:00:00+05:00")).toEqual({ allowed: [contact.id], blocked: [] });
    // A week's cap still sees it six days on, a month's 29 days on.
    await setCaps([{ channel: "email", max: 1, period: "week" }]);
    expect(await at("2026-06-26T12:00:00+05:00")).toEqual({ allowed: [], blocked: ["frequency_capped"] });
    expect(await at("2026-06-27T12:00:01+05:00")).toEqual({ allowed: [contact.id], blocked: [] });
    await setCaps([{ channel: "email", max: 1, period: "month" }]);
    expect(await at("2026-07-19T12:00:00+05:00")).toEqual({ allowed: [], blocked: ["frequency_capped"] });
    expect(await at("2026-07-20T12:00:01+05:00")).toEqual({ allowed: [contact.id], blocked: [] });
  });

  it("counts nothing without caps, and a consent reason comes before the cap", async () => {
    const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*")] });
    await setCaps([]);
    for (let i = 0; i < 3; i++) expectStatus(await check({ recipients: [{ contactId: contact.id }], commit: true }), 200);
    expect(await sendsOf(contact.id)).toHaveLength(3);
    expect(reasonsOf((await check({ recipients: [{ contactId: contact.id }] })).body)).toEqual({ allowed: [contact.id], blocked: [] });
    await setCaps([{ channel: "email", max: 3, period: "day" }]);
    expect(reasonsOf((await check({ recipients: [{ contactId: contact.id }] })).body).blocked).toEqual(["frequency_capped"]);
    expect(reasonsOf((await check({ topic: "advertising", recipients: [{ contactId: contact.id }] })).body).blocked).toEqual(["no_consent"]);
  });

  it("refuses a commit that is not a boolean", async () => {
    expectError(await check({ recipients: [{ email: freshEmail() }], commit: "yes" }), 400, "invalid_request", [["commit"]]);
  });

  it("forgets what was sent to an erased person", async () => {
    const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*")] });
    expectStatus(await check({ recipients: [{ contactId: contact.id }], commit: true }), 200);
    expect(await sendsOf(contact.id)).toHaveLength(1);
    expectStatus(await call("DELETE", `/v1/contacts/${contact.id}`), 200);
    expect(await sendsOf(contact.id)).toEqual([]);
  });
});

describe("campaigns record what they send", () => {
  it("counts each recipient of a batch Resend accepted: a later check and a later campaign are capped", async () => {
    const setup = campaignEnv();
    const contact = await createContact({ email: freshEmail(), consents: [grant("newsletter", "email")] });
    await setCaps([{ channel: "email", topic: "newsletter", max: 1, period: "week" }]);
    const started = await campaignCall(setup.env, "POST", "/v1/campaigns", { body: campaignBody({ recipients: [{ contactId: contact.id }] }) });
    expectStatus(started, 202);
    // Creating it counts nothing: only what goes out does.
    expect(await sendsOf(contact.id)).toEqual([]);
    const held = setup.queue.messages.splice(0).map((m) => m.body);
    await deliver(setup.env, held);
    // A redelivery of the same batch sends nothing again and counts nothing again.
    await deliver(setup.env, held);
    expect(await sendsOf(contact.id)).toEqual([{ topic: "newsletter", channel: "email", origin: started.body.id }]);

    expect(reasonsOf((await check({ recipients: [{ contactId: contact.id }] })).body).blocked).toEqual(["frequency_capped"]);
    const second = await campaignCall(setup.env, "POST", "/v1/campaigns", { body: campaignBody({ recipients: [{ contactId: contact.id }] }) });
    expectStatus(second, 202);
    expect(second.body.counts.blockedByReason).toEqual({ frequency_capped: 1 });
  });

  it("blocks a queued recipient capped by a send made after the campaign started", async () => {
    const setup = campaignEnv();
    const contact = await createContact({ email: freshEmail(), consents: [grant("newsletter", "email")] });
    await setCaps([{ channel: "email", topic: "newsletter", max: 1, period: "week" }]);
    const started = await campaignCall(setup.env, "POST", "/v1/campaigns", { body: campaignBody({ recipients: [{ contactId: contact.id }] }) });
    expectStatus(started, 202);
    expectStatus(await check({ recipients: [{ contactId: contact.id }], commit: true }), 200);
    await deliver(setup.env, setup.queue.messages.splice(0).map((m) => m.body));
    const view = await campaignCall(setup.env, "GET", `/v1/campaigns/${started.body.id}`);
    expect(view.body.counts).toMatchObject({ sent: 0, blocked: 1, blockedByReason: { frequency_capped: 1 } });
    expect((await sendsOf(contact.id)).map((s) => s.origin)).not.toContain(started.body.id);
  });
});
