import { env } from "cloudflare:workers";
import { Webhook } from "svix";
import { describe, expect, it } from "vitest";
import { verifyWebhookSignature, WebhookSecretError } from "../../src/mail/webhook-signature";
import { call, createContact, expectError, expectStatus, freshEmail, freshPhone, grant, unique } from "./api";
import { sql } from "./db";

// Every delivery here is signed by Svix's own library, as Resend's are.
const OTHER_SECRET = "whsec_b3RoZXItc2VjcmV0LW5vdC1yZXNlbmRzLTAxMjM0NTY3";

function bounced(email: string, type = "Permanent", subType = "General") {
  return event("email.bounced", email, { bounce: { message: `550 5.1.1 <${email}>: user unknown`, subType, type } });
}

function complained(email: string) {
  return event("email.complained", email);
}

function event(type: string, email: string, extra: Record<string, unknown> = {}) {
  return {
    type,
    created_at: new Date().toISOString(),
    data: {
      created_at: "2026-11-22T23:41:11.894719+00:00",
      email_id: `em-${unique()}`,
      from: "Orleu <news@orleu.kz>",
      to: [email],
      subject: "Жаңалықтар",
      tags: { category: "newsletter" },
      ...extra,
    },
  };
}

interface Signing {
  id?: string;
  at?: Date;
  secret?: string;
}

function sign(body: string, { id = `msg_${unique()}`, at = new Date(), secret = env.RESEND_WEBHOOK_SECRET }: Signing = {}) {
  return {
    "svix-id": id,
    "svix-timestamp": String(Math.floor(at.getTime() / 1000)),
    "svix-signature": new Webhook(secret).sign(id, at, body),
  };
}

function post(body: string, headers: Record<string, string>) {
  return call("POST", "/webhooks/resend", { key: null, rawBody: body, headers: { "Content-Type": "application/json", ...headers } });
}

/** Signs and posts a payload; the svix-id is returned for replays. */
async function deliver(payload: unknown, signing: Signing = {}) {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  const headers = sign(body, signing);
  return { response: await post(body, headers), body, headers, id: headers["svix-id"] };
}

async function ledger(contactId: string) {
  const results = await sql.all<{ topic: string; channel: string; status: string; source: string; actor: string; evidence: string }>(
    "SELECT topic, channel, status, source, actor, evidence FROM consent_events WHERE contact_id = ?1 ORDER BY seq",
    contactId,
  );
  return results.map((row) => ({ ...row, evidence: JSON.parse(row.evidence) as Record<string, unknown> }));
}

async function scopeState(contactId: string, topic: string, channel: string) {
  const row = await sql.first<{ status: string }>(
    "SELECT status FROM consent_states WHERE contact_id = ?1 AND topic = ?2 AND channel = ?3",
    contactId,
    topic,
    channel,
  );
  return row?.status;
}

async function suppressionsOf(email: string) {
  return sql.all<{ channel: string; reason: string; evidence: string }>(
    "SELECT s.channel, s.reason, s.evidence FROM suppressions s JOIN contacts c ON c.email_hash = s.address_hash WHERE c.email = ?1",
    email,
  );
}

async function delivery(id: string) {
  return sql.first("SELECT type, outcome FROM webhook_deliveries WHERE source = 'resend' AND message_id = ?1", id);
}

/** What the next send check says for this recipient: "allowed" or the reason it is blocked. */
async function nextCheck(recipient: Record<string, string>, topic = "newsletter", channel = "email") {
  const response = await call("POST", "/v1/send-checks", {
    body: { topic, channel, sendAt: "2026-11-24T12:00:00+05:00", recipients: [recipient] },
  });
  expectStatus(response, 200);
  return response.body.allowed.length === 1 ? "allowed" : (response.body.blocked[0].reason as string);
}

async function subscriber() {
  const email = freshEmail();
  const contact = await createContact({ email, phone: freshPhone(), consents: [grant("*", "*")] });
  expect(await nextCheck({ email })).toBe("allowed");
  return { email, contact };
}

describe("POST /webhooks/resend: hard bounces", () => {
  it("suppresses the address on email, notes it in the contact's ledger, and blocks the next send check", async () => {
    const { email, contact } = await subscriber();
    const payload = bounced(email);
    const { response, id } = await deliver(payload);
    expectStatus(response, 200);
    expect(response.body).toEqual({ outcome: "hard_bounce", duplicate: false });

    expect(await nextCheck({ email })).toBe("suppressed");
    expect(await nextCheck({ contactId: contact.id })).toBe("suppressed");
    // Only email: the same person may still get SMS.
    expect(await nextCheck({ contactId: contact.id }, "service_updates", "sms")).toBe("allowed");

    const events = await ledger(contact.id);
    expect(events.at(-1)).toEqual({
      topic: "*",
      channel: "email",
      status: "suppressed",
      source: "bounce",
      actor: "webhook:resend",
      evidence: { provider: "resend", type: "email.bounced", svixId: id, emailId: payload.data.email_id, bounceType: "Permanent", bounceSubType: "General" },
    });
    // A bounce says the address is dead, not that the person withdrew: consent is unchanged.
    expect(await scopeState(contact.id, "*", "email")).toBeUndefined();
    expect(await scopeState(contact.id, "*", "*")).toBe("granted");

    const suppressions = await suppressionsOf(email);
    expect(suppressions.map(({ channel, reason }) => ({ channel, reason }))).toEqual([{ channel: "email", reason: "hard_bounce" }]);
    expect(await delivery(id)).toEqual({ type: "email.bounced", outcome: "hard_bounce" });
  });

  it("keeps no readable address in the ledger or the suppression", async () => {
    const { email, contact } = await subscriber();
    expectStatus((await deliver(bounced(email))).response, 200);
    const stored = JSON.stringify([await ledger(contact.id), await suppressionsOf(email)]).toLowerCase();
    expect(stored).not.toContain(email);
    expect(stored).not.toContain(email.split("@")[0]);
  });

  it("keeps in the suppression why, not which message: Resend's email id and the svix-id lead back to the address", async () => {
    const bouncedOne = await subscriber();
    const complainedOne = await subscriber();
    const bounce = await deliver(bounced(bouncedOne.email));
    const complaint = await deliver(complained(complainedOne.email));
    expectStatus(bounce.response, 200);
    expectStatus(complaint.response, 200);
    expect((await suppressionsOf(bouncedOne.email)).map((s) => JSON.parse(s.evidence))).toEqual([
      { provider: "resend", type: "email.bounced", bounceType: "Permanent", bounceSubType: "General" },
    ]);
    expect((await suppressionsOf(complainedOne.email)).map((s) => JSON.parse(s.evidence))).toEqual([{ provider: "resend", type: "email.complained" }]);
    // The person's ledger, the proof, still names the message (until an erasure).
    expect((await ledger(complainedOne.contact.id)).at(-1)!.evidence).toMatchObject({ svixId: complaint.id });
  });

  it("suppresses an address nobody has yet, so a contact who later gives it is blocked", async () => {
    const email = freshEmail();
    const { response } = await deliver(bounced(email));
    expectStatus(response, 200);
    expect(response.body.outcome).toBe("hard_bounce");
    const contact = await createContact({ email, consents: [grant("*", "*")] });
    expect(await ledger(contact.id)).toHaveLength(1); // the grant only
    expect(await nextCheck({ email })).toBe("suppressed");
  });

  it("normalises the address as the contacts are", async () => {
    const { email } = await subscriber();
    expectStatus((await deliver(bounced(`  ${email.toUpperCase()} `))).response, 200);
    expect(await nextCheck({ email })).toBe("suppressed");
  });

  it.each(["Transient", "Undetermined"])("does not suppress on a %s (soft) bounce, and records the delivery as ignored", async (type) => {
    const { email, contact } = await subscriber();
    const { response, id } = await deliver(bounced(email, type, "MailboxFull"));
    expectStatus(response, 200);
    expect(response.body).toEqual({ outcome: "soft_bounce", duplicate: false });
    expect(await nextCheck({ email })).toBe("allowed");
    expect(await ledger(contact.id)).toHaveLength(1);
    expect(await suppressionsOf(email)).toEqual([]);
    expect(await delivery(id)).toEqual({ type: "email.bounced", outcome: "soft_bounce" });
  });
});

describe("POST /webhooks/resend: complaints", () => {
  it("withdraws all marketing by email, suppresses the address, and blocks the next send check", async () => {
    const { email, contact } = await subscriber();
    const payload = complained(email);
    const { response, id } = await deliver(payload);
    expectStatus(response, 200);
    expect(response.body).toEqual({ outcome: "complaint", duplicate: false });

    const events = await ledger(contact.id);
    expect(events.at(-1)).toEqual({
      topic: "*",
      channel: "email",
      status: "withdrawn",
      source: "complaint",
      actor: "webhook:resend",
      evidence: { provider: "resend", type: "email.complained", svixId: id, emailId: payload.data.email_id },
    });
    expect(await scopeState(contact.id, "*", "email")).toBe("withdrawn");
    expect((await suppressionsOf(email)).map((s) => s.reason)).toEqual(["complaint"]);
    expect(await nextCheck({ email })).toBe("suppressed");
    expect(await nextCheck({ contactId: contact.id }, "service_updates", "sms")).toBe("allowed");
  });
});

describe("POST /webhooks/resend: each svix-id once", () => {
  it("answers a replay 200 as a duplicate and changes nothing, even after the person granted again", async () => {
    const { email, contact } = await subscriber();
    const first = await deliver(complained(email));
    expectStatus(first.response, 200);
    // The person subscribes again; a replay of the old complaint must not undo that.
    expectStatus(await call("POST", "/v1/contacts", { body: { email, consents: [grant("*", "email")] } }), 200);
    const eventsBefore = await ledger(contact.id);

    const replay = await post(first.body, first.headers);
    expectStatus(replay, 200);
    expect(replay.body).toEqual({ outcome: "complaint", duplicate: true });
    // Svix signs each retry anew: same id, new timestamp and signature.
    const retry = await deliver(first.body, { id: first.id, at: new Date(Date.now() - 60_000) });
    expect(retry.response.body).toEqual({ outcome: "complaint", duplicate: true });

    expect(await ledger(contact.id)).toEqual(eventsBefore);
    expect(await scopeState(contact.id, "*", "email")).toBe("granted");
    expect(await suppressionsOf(email)).toHaveLength(1);
  });

  it("writes once when the same delivery arrives several times at once", async () => {
    const { email, contact } = await subscriber();
    const body = JSON.stringify(bounced(email));
    const headers = sign(body);
    const responses = await Promise.all(Array.from({ length: 5 }, () => post(body, headers)));
    for (const response of responses) expectStatus(response, 200);
    expect(responses.filter((r) => r.body.duplicate === false)).toHaveLength(1);
    expect((await ledger(contact.id)).filter((e) => e.source === "bounce")).toHaveLength(1);
  });
});

describe("POST /webhooks/resend: other event types", () => {
  it.each(["email.delivered", "email.opened", "email.sent", "contact.created", "something.new"])(
    "accepts %s and ignores it",
    async (type) => {
      const { email, contact } = await subscriber();
      const { response, id } = await deliver(event(type, email));
      expectStatus(response, 200);
      expect(response.body).toEqual({ outcome: "ignored", duplicate: false });
      expect(await ledger(contact.id)).toHaveLength(1);
      expect(await nextCheck({ email })).toBe("allowed");
      expect(await delivery(id)).toEqual({ type, outcome: "ignored" });
    },
  );

  it("ignores an unknown type without reading its data", async () => {
    const { response } = await deliver({ type: "inbox.thread.created", data: 42 });
    expectStatus(response, 200);
    expect(response.body.outcome).toBe("ignored");
  });
});

describe("POST /webhooks/resend: signatures", () => {
  async function expectRejected(response: Awaited<ReturnType<typeof post>>, code: string, email: string, id: string) {
    expectError(response, 401, code);
    expect(await nextCheck({ email })).toBe("allowed");
    expect(await delivery(id)).toBeNull();
  }

  it("rejects a body changed after signing (forged)", async () => {
    const { email } = await subscriber();
    const genuine = JSON.stringify(event("email.delivered", email));
    const headers = sign(genuine);
    await expectRejected(await post(JSON.stringify(bounced(email)), headers), "invalid_signature", email, headers["svix-id"]);
  });

  it("rejects a signature made with another secret", async () => {
    const { email } = await subscriber();
    const { response, id } = await deliver(bounced(email), { secret: OTHER_SECRET });
    await expectRejected(response, "invalid_signature", email, id);
  });

  it("rejects a valid signature moved to another svix-id", async () => {
    const { email } = await subscriber();
    const body = JSON.stringify(bounced(email));
    const headers = { ...sign(body), "svix-id": `msg_${unique()}` };
    await expectRejected(await post(body, headers), "invalid_signature", email, headers["svix-id"]);
  });

  it.each(["", "v1,", "v1,AAAA", "v2,abc", "garbage"])("rejects the signature header %j", async (signature) => {
    const { email } = await subscriber();
    const body = JSON.stringify(bounced(email));
    const headers = { ...sign(body), "svix-signature": signature };
    const response = await post(body, headers);
    if (signature === "") expectError(response, 401, "invalid_signature", [["headers", "svix-signature"]]);
    else await expectRejected(response, "invalid_signature", email, headers["svix-id"]);
  });

  it("accepts any one valid signature among several (secret rotation)", async () => {
    const { email } = await subscriber();
    const body = JSON.stringify(bounced(email));
    const headers = sign(body);
    const stale = sign(body, { id: headers["svix-id"], secret: OTHER_SECRET })["svix-signature"];
    const response = await post(body, { ...headers, "svix-signature": `${stale} ${headers["svix-signature"]}` });
    expectStatus(response, 200);
    expect(response.body.outcome).toBe("hard_bounce");
  });

  it.each([
    ["six minutes old", -6 * 60_000],
    ["six minutes ahead", 6 * 60_000],
    ["a day old", -86_400_000],
  ])("rejects a timestamp %s, though correctly signed", async (_label, offset) => {
    const { email } = await subscriber();
    const { response, id } = await deliver(bounced(email), { at: new Date(Date.now() + offset) });
    await expectRejected(response, "invalid_timestamp", email, id);
  });

  it("accepts a timestamp four minutes old (Svix's tolerance is five)", async () => {
    const { email } = await subscriber();
    const { response } = await deliver(bounced(email), { at: new Date(Date.now() - 4 * 60_000) });
    expectStatus(response, 200);
  });

  it("rejects a timestamp that is not a number", async () => {
    const { email } = await subscriber();
    const body = JSON.stringify(bounced(email));
    const headers = { ...sign(body), "svix-timestamp": "yesterday" };
    await expectRejected(await post(body, headers), "invalid_timestamp", email, headers["svix-id"]);
  });

  it.each(["svix-id", "svix-timestamp", "svix-signature"])("rejects a delivery without %s, naming it", async (name) => {
    const { email } = await subscriber();
    const body = JSON.stringify(bounced(email));
    const headers: Record<string, string> = sign(body);
    delete headers[name];
    expectError(await post(body, headers), 401, "invalid_signature", [["headers", name]]);
    expect(await nextCheck({ email })).toBe("allowed");
  });

  it("rejects an unsigned delivery, naming every header", async () => {
    expectError(await post("{}", {}), 401, "invalid_signature", [["headers", "svix-id"], ["headers", "svix-timestamp"], ["headers", "svix-signature"]]);
  });

  it("checks the signature before reading the body", async () => {
    expectError(await post("not json", { ...sign("other") }), 401, "invalid_signature");
  });

  it("refuses to trust anything when the secret is missing or not a whsec_ secret", () => {
    const headers = sign("{}");
    for (const secret of [undefined, "", "plain-secret", "whsec_%%%not-base64%%%"]) {
      expect(() => verifyWebhookSignature(secret, "{}", headers)).toThrow(WebhookSecretError);
    }
  });
});

describe("POST /webhooks/resend: bad bodies with a valid signature", () => {
  it("answers 400 invalid_json to a body that is not JSON, and records nothing", async () => {
    const { response, id } = await deliver("{not json");
    expectError(response, 400, "invalid_json");
    expect(await delivery(id)).toBeNull();
  });

  it.each([
    ["no type", { data: {} }, [["type"]]],
    ["a type that is not a string", { type: 7 }, [["type"]]],
    ["not an object", [1, 2], [[]]],
  ])("answers 400 to an event with %s", async (_label, payload, paths) => {
    expectError((await deliver(payload)).response, 400, "invalid_request", paths);
  });

  it.each([
    ["no recipients", (e: any) => delete e.data.to, [["data", "to"]]],
    ["an empty recipient list", (e: any) => (e.data.to = []), [["data", "to"]]],
    ["a recipient that is not an address", (e: any) => (e.data.to = ["not-an-address"]), [["data", "to", 0]]],
    ["no email_id", (e: any) => delete e.data.email_id, [["data", "email_id"]]],
    ["no bounce", (e: any) => delete e.data.bounce, [["data", "bounce"]]],
    ["no bounce type", (e: any) => delete e.data.bounce.type, [["data", "bounce", "type"]]],
    ["no created_at", (e: any) => delete e.created_at, [["created_at"]]],
    ["a created_at that is no time", (e: any) => (e.created_at = "yesterday"), [["created_at"]]],
    ["no data", (e: any) => delete e.data, [["data"]]],
  ])("answers 400 with the field to a bounce with %s, and writes nothing", async (_label, spoil, paths) => {
    const { email, contact } = await subscriber();
    const payload = bounced(email);
    spoil(payload);
    const { response, id } = await deliver(payload);
    expectError(response, 400, "invalid_request", paths);
    expect(await nextCheck({ email })).toBe("allowed");
    expect(await ledger(contact.id)).toHaveLength(1);
    expect(await delivery(id)).toBeNull();
  });

  it("answers 413 to a body over 64 KiB", async () => {
    const { response } = await deliver({ type: "email.delivered", padding: "x".repeat(70 * 1024) });
    expectError(response, 413, "payload_too_large");
  });
});
