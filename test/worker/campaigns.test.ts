import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { FOOTER_TEXTS } from "../../src/campaigns/personalise";
import { CONTACTS, ORGANISATION, TRUST_TEXT } from "../../src/consent/texts";
import { call, createContact, expectError, expectStatus, freshEmail, grant, withdraw } from "./api";
import { batchesOf, campaignBody, campaignCall, campaignEnv, deliver } from "./campaigns";
import { sql } from "./db";
import { requestsTo } from "./mail";

type Mail = { to: string[]; subject: string; html: string; text: string; from: string; headers: Record<string, string> };

const granted = (extra: Record<string, unknown> = {}) => createContact({ email: freshEmail(), consents: [grant("newsletter", "email")], ...extra });
const mailsTo = async (email: string) => (await requestsTo(email)).map((r) => ({ ...r, mail: r.body as Mail }));

async function start(setup: ReturnType<typeof campaignEnv>, overrides: Record<string, unknown>) {
  const response = await campaignCall(setup.env, "POST", "/v1/campaigns", { body: campaignBody(overrides) });
  expectStatus(response, 202);
  return response.body as { id: string; status: string; counts: Record<string, any>; links: { self: string } };
}

/** Delivers everything the campaign queued, once, and answers the campaign as GET shows it. */
async function sendAll(setup: ReturnType<typeof campaignEnv>, id: string) {
  const held = setup.queue.messages.splice(0).map((m) => m.body);
  await deliver(setup.env, held);
  const view = await campaignCall(setup.env, "GET", `/v1/campaigns/${id}`);
  expectStatus(view, 200);
  return view.body;
}

describe("POST /v1/campaigns: only allowed recipients get the mail", () => {
  it("sends to the allowed ones only, each with its own one-click headers, and the link works", async () => {
    const setup = campaignEnv();
    const allowed = await granted();
    const withdrawn = await createContact({ email: freshEmail(), consents: [grant("*", "*"), withdraw("newsletter", "email")] });
    const unknown = freshEmail();
    const created = await start(setup, { recipients: [{ email: allowed.email }, { email: withdrawn.email }, { email: unknown }] });
    expect(created).toMatchObject({ status: "sending", counts: { recipients: 3, blocked: 2, queued: 1, sent: 0 } });
    expect(created.counts.blockedByReason).toEqual({ withdrawn_topic_channel: 1, unknown_contact: 1 });
    expect(setup.queue.messages).toEqual([{ body: { campaignId: created.id, batch: 0 }, delaySeconds: 0 }]);

    const done = await sendAll(setup, created.id);
    expect(done).toMatchObject({ status: "done", counts: { sent: 1, blocked: 2, failed: 0, queued: 0 }, expectedFinishAt: null });
    expect(await requestsTo(withdrawn.email!)).toEqual([]);
    expect(await requestsTo(unknown)).toEqual([]);
    const [sent] = await mailsTo(allowed.email!);
    expect(sent).toMatchObject({ userAgent: expect.stringMatching(/^resend-node:\d/), batchValidation: "strict", answer: 200 });
    expect(sent!.idempotencyKey).toBe(`campaign/${created.id}/batch/0`);
    const { headers, html, text } = sent!.mail;
    expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const url = /<(https:\/\/prefs\.test\/u\/[^>]+)>/.exec(headers["List-Unsubscribe"]!)![1]!;
    // The footer (no placeholder in the body) carries the same link and the preference page's.
    expect(text).toContain(url);
    expect(html).toContain(`href="${url}"`);
    expect(text).toMatch(/https:\/\/prefs\.test\/p\/\S+/);
    // …and, as every page and mail of ours, who sends, why, the policy and where to ask.
    for (const line of [ORGANISATION.kk, FOOTER_TEXTS.why.kk, `${TRUST_TEXT.policy.kk}: ${env.POLICY_URL}`, CONTACTS.email, CONTACTS.phone]) {
      expect(text).toContain(line);
    }
    expect(html).toContain(`<a href="${env.POLICY_URL}">${TRUST_TEXT.policy.kk}</a>`);
    expect(html).toContain(`<a href="mailto:${CONTACTS.email}">`);

    const oneClick = await call("POST", new URL(url).pathname, {
      key: null,
      rawBody: "List-Unsubscribe=One-Click",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expectStatus(oneClick, 200);
    const check = await call("POST", "/v1/send-checks", { body: { topic: "newsletter", channel: "email", recipients: [{ contactId: allowed.id }] } });
    expect(check.body.blocked).toEqual([{ recipient: { contactId: allowed.id }, reason: "withdrawn_topic_channel" }]);
  });

  it("fills the placeholders instead of adding the footer, and records the check as made now", async () => {
    const setup = campaignEnv();
    const contact = await granted();
    const created = await start(setup, {
      html: { kk: '<p>Сәлем</p><a href="{{unsubscribe_url}}">x</a> <a href="{{preferences_url}}">y</a>' },
      text: { kk: "Сәлем. Бас тарту: {{unsubscribe_url}}" },
      subject: { kk: "Тақырып" },
      recipients: [{ contactId: contact.id }],
    });
    await sendAll(setup, created.id);
    const { mail } = (await mailsTo(contact.email!))[0]!;
    expect(mail.html).not.toContain("{{");
    expect(mail.html).not.toContain("<hr>");
    expect(mail.html).toMatch(/href="https:\/\/prefs\.test\/p\/[^"]+">y</);
    expect(mail.text).toMatch(/^Сәлем\. Бас тарту: https:\/\/prefs\.test\/u\/\S+$/);
    const record = await call("GET", `/v1/send-checks?campaign=${created.id}`);
    expect(record.body.sendChecks).toHaveLength(1);
    expect(Math.abs(Date.parse(record.body.sendChecks[0].sendAt) - Date.now())).toBeLessThan(60_000);
  });

  it("sends the topic's digest campaign to those who chose the digest only, and nothing else to them", async () => {
    const setup = campaignEnv();
    const digestOnly = await createContact({ email: freshEmail(), consents: [grant("newsletter", "email"), { topic: "newsletter", channel: "*", status: "digest", source: "api" }] });
    const everyIssue = await granted();
    const recipients = [{ contactId: digestOnly.id }, { contactId: everyIssue.id }];
    const ordinary = await start(setup, { recipients });
    expect(ordinary).toMatchObject({ digest: false, counts: { blockedByReason: { digest_only: 1 } } });
    setup.queue.messages.splice(0); // the ordinary one is not sent here
    const digest = await start(setup, { reference: `digest-${crypto.randomUUID()}`, digest: true, recipients });
    expect(digest).toMatchObject({ digest: true, counts: { blocked: 0 } });
    // The batch's own re-check keeps the flag: the digest-only person gets the digest.
    const done = await sendAll(setup, digest.id);
    expect(done).toMatchObject({ status: "done", counts: { sent: 2, blocked: 0 } });
    expect(await mailsTo(digestOnly.email!)).toHaveLength(1);
    // Only a topic with a digest has digest campaigns.
    const refused = await campaignCall(setup.env, "POST", "/v1/campaigns", { body: campaignBody({ topic: "offers_prices", digest: true, recipients }) });
    expectError(refused, 400, "invalid_request", [["digest"]]);
  });

  it("writes to each recipient in their language, in Kazakh when the campaign lacks it", async () => {
    const setup = campaignEnv();
    const ru = await granted({ locale: "ru" });
    const en = await granted({ locale: "en" });
    const kk = await granted();
    const created = await start(setup, { recipients: [{ contactId: ru.id }, { contactId: en.id }, { contactId: kk.id }] });
    expect(created).toMatchObject({ languages: ["kk", "ru"] });
    await sendAll(setup, created.id);
    const mailOf = async (email: string) => (await mailsTo(email))[0]!.mail;
    expect(await mailOf(ru.email!)).toMatchObject({ subject: "Новости", html: expect.stringContaining("Отписаться от рассылки") });
    expect(await mailOf(en.email!)).toMatchObject({ subject: "Жаңалықтар", html: expect.stringContaining("Хабарламалардан бас тарту") });
    expect(await mailOf(kk.email!)).toMatchObject({ subject: "Жаңалықтар", text: expect.stringContaining("Сәлеметсіз бе!") });
  });
});

describe("consent checked again before each batch", () => {
  it("stops the mail of a person who withdrew after the campaign was created, and counts the reason", async () => {
    const setup = campaignEnv();
    const stays = await granted();
    const leaves = await granted();
    const created = await start(setup, { recipients: [{ contactId: stays.id }, { contactId: leaves.id }] });
    expect(created.counts).toMatchObject({ queued: 2, blocked: 0 });
    expectStatus(await call("POST", "/v1/contacts", { body: { email: leaves.email, consents: [withdraw("*", "email")] } }), 200);

    const done = await sendAll(setup, created.id);
    expect(done.counts).toMatchObject({ sent: 1, blocked: 1, blockedByReason: { withdrawn_channel: 1 } });
    expect(await requestsTo(leaves.email!)).toEqual([]);
    expect(await requestsTo(stays.email!)).toHaveLength(1);
  });

  it("ties a bounce back to the campaign by Resend's message id", async () => {
    const setup = campaignEnv();
    const contact = await granted();
    const created = await start(setup, { recipients: [{ contactId: contact.id }] });
    await sendAll(setup, created.id);
    const emailId = (await requestsTo(contact.email!))[0]!.id!;
    const row = await sql.first("SELECT message_id FROM campaign_recipients WHERE campaign_id = ?1", created.id);
    expect(row).toEqual({ message_id: emailId });
    const { signedBounce } = await import("./campaign-webhook");
    expectStatus(await signedBounce(contact.email!, emailId), 200);
    const view = await campaignCall(setup.env, "GET", `/v1/campaigns/${created.id}`);
    expect(view.body.counts).toMatchObject({ sent: 1, bounced: 1, complained: 0 });
  });
});

describe("cancel, redelivery, failures", () => {
  it("sends nothing of a cancelled campaign; cancelling again is the same; a finished one cannot be", async () => {
    const setup = campaignEnv();
    const contacts = [await granted(), await granted()];
    const created = await start(setup, { recipients: contacts.map((c) => ({ contactId: c.id })) });
    const cancelled = await campaignCall(setup.env, "POST", `/v1/campaigns/${created.id}/cancel`);
    expectStatus(cancelled, 200);
    expect(cancelled.body).toMatchObject({ status: "cancelled", counts: { cancelled: 2, queued: 0, sent: 0 } });
    expectStatus(await campaignCall(setup.env, "POST", `/v1/campaigns/${created.id}/cancel`), 200);
    const after = await sendAll(setup, created.id);
    expect(after).toMatchObject({ status: "cancelled", counts: { sent: 0, cancelled: 2 } });
    expect(await batchesOf(created.id)).toEqual([]);

    const other = campaignEnv();
    const finished = await start(other, { recipients: [{ contactId: contacts[0]!.id }] });
    await sendAll(other, finished.id);
    expectError(await campaignCall(other.env, "POST", `/v1/campaigns/${finished.id}/cancel`), 409, "conflict");
  });

  it("sends a redelivered batch once; a batch claimed but not recorded goes again as the same request", async () => {
    const setup = campaignEnv();
    const contact = await granted();
    const created = await start(setup, { recipients: [{ contactId: contact.id }] });
    const [message] = setup.queue.messages.map((m) => m.body);
    await deliver(setup.env, [message!]);
    await deliver(setup.env, [message!]);
    expect(await batchesOf(created.id)).toHaveLength(1);
    // As if the consumer died after Resend took the batch but before recording it.
    await sql.run("UPDATE campaign_recipients SET status = 'sending', message_id = NULL WHERE campaign_id = ?1", created.id);
    await deliver(setup.env, [message!]);
    const batches = await batchesOf(created.id);
    expect(batches.map((b) => [b.answer, b.idempotencyKey])).toEqual([
      [200, `campaign/${created.id}/batch/0`],
      [200, `campaign/${created.id}/batch/0`],
    ]);
    // The same payload (else the fake, like Resend, answers 409): the same message, not a second one.
    const ids = (await requestsTo(contact.email!)).map((r) => r.id);
    expect(ids[1]).toBe(ids[0]);
    const view = await campaignCall(setup.env, "GET", `/v1/campaigns/${created.id}`);
    expect(view.body.counts).toMatchObject({ sent: 1, queued: 0 });
  });

  it("waits out a 429's Retry-After and sends with the same key", async () => {
    const setup = campaignEnv();
    const contact = await granted();
    const created = await start(setup, { recipients: [{ contactId: contact.id }] });
    await scriptBatch(contact.email!, [{ status: 429, retryAfter: "1", name: "rate_limit_exceeded" }]);
    const began = Date.now();
    await sendAll(setup, created.id);
    expect(Date.now() - began).toBeGreaterThanOrEqual(950);
    expect((await batchesOf(created.id)).map((b) => b.answer)).toEqual([429, 200]);
  });

  it("fails a batch Resend refuses (422) at once, and one it keeps failing after the last delivery", { timeout: 20_000 }, async () => {
    const setup = campaignEnv();
    const refused = await granted();
    const created = await start(setup, { recipients: [{ contactId: refused.id }] });
    await scriptBatch(refused.email!, [{ status: 422, name: "validation_error" }]);
    const view = await sendAll(setup, created.id);
    expect(view).toMatchObject({ status: "failed", counts: { failed: 1, failedByReason: { provider_rejected: 1 } } });
    expect(view.errors).toEqual([{ batch: 0, reason: "provider_rejected", detail: "answered 422 (validation_error)", recipients: 1 }]);

    const down = await granted();
    const second = await start(setup, { recipients: [{ contactId: down.id }] });
    const [message] = setup.queue.messages.splice(0).map((m) => m.body);
    await scriptBatch(down.email!, Array.from({ length: 6 }, () => ({ status: 503 })));
    const first = await deliver(setup.env, [message!], { attempts: 1 });
    expect(first.retryMessages).toHaveLength(1);
    const last = await deliver(setup.env, [message!], { attempts: 4 });
    expect(last.explicitAcks).toHaveLength(1);
    const after = await campaignCall(setup.env, "GET", `/v1/campaigns/${second.id}`);
    expect(after.body.counts).toMatchObject({ failed: 1, failedByReason: { provider_unavailable: 1 } });
  });

  it("marks a batch from the dead-letter queue failed", async () => {
    const setup = campaignEnv();
    const contact = await granted();
    const created = await start(setup, { recipients: [{ contactId: contact.id }] });
    await deliver(setup.env, [{ campaignId: created.id, batch: 0 }], { queue: "orleu-campaigns-dlq" });
    const view = await campaignCall(setup.env, "GET", `/v1/campaigns/${created.id}`);
    expect(view.body).toMatchObject({ status: "failed", counts: { failedByReason: { dead_letter: 1 } } });
    expect(await requestsTo(contact.email!)).toEqual([]);
  });
});

async function scriptBatch(to: string, answers: unknown[]) {
  const { fakeResend } = await import("./mail");
  const response = await fetch(`${fakeResend.baseUrl}/_fake/script`, { method: "POST", body: JSON.stringify({ to, answers }) });
  expect(response.status).toBe(204);
}
