import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, createContact, expectError, expectStatus, freshPhone, grant, withdraw } from "./api";
import { sql } from "./db";

let gatewayKey: string;
let gatewayKeyId: string;

beforeAll(async () => {
  const response = await call("POST", "/v1/api-keys", { body: { name: "sms gateway", scopes: ["sms:inbound"] } });
  expectStatus(response, 201);
  gatewayKey = response.body.key;
  gatewayKeyId = response.body.id;
});

function inbound(body: unknown, key: string | null = gatewayKey) {
  return call("POST", "/webhooks/sms", { key, body });
}

async function smsEvents(contactId: string) {
  const results = await sql.all<{ topic: string; channel: string; status: string; source: string; locale: string; actor: string; evidence: string }>(
    "SELECT topic, channel, status, source, locale, actor, evidence FROM consent_events WHERE contact_id = ?1 AND source = 'sms_keyword' ORDER BY seq",
    contactId,
  );
  return results.map((row) => ({ ...row, evidence: JSON.parse(row.evidence) as Record<string, unknown> }));
}

async function eventCount(contactId: string) {
  const row = await sql.first<{ n: number }>("SELECT count(*) AS n FROM consent_events WHERE contact_id = ?1", contactId);
  return row!.n;
}

/** The next SMS send check for this contact: "allowed" or the reason it is blocked (at noon, outside quiet hours). */
async function nextSmsCheck(contactId: string) {
  const response = await call("POST", "/v1/send-checks", {
    body: { topic: "service_updates", channel: "sms", sendAt: "2026-11-24T12:00:00+05:00", recipients: [{ contactId }] },
  });
  expectStatus(response, 200);
  return response.body.allowed.length === 1 ? "allowed" : (response.body.blocked[0].reason as string);
}

async function smsSubscriber() {
  const phone = freshPhone();
  const contact = await createContact({ phone, consents: [grant("*", "*")] });
  expect(await nextSmsCheck(contact.id)).toBe("allowed");
  return { phone, contact };
}

/** "+77011234567" as people and gateways write it: "8 701 123 45 67". */
function asTyped(phone: string) {
  const d = phone.slice(2);
  return `8 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6, 8)} ${d.slice(8)}`;
}

describe("POST /webhooks/sms: STOP", () => {
  it.each([
    ["STOP", "en"],
    ["stop", "en"],
    ["Stop all", "en"],
    ["UNSUBSCRIBE.", "en"],
    ["cancel", "en"],
    ["END", "en"],
    ["quit", "en"],
    ["СТОП", "ru"],
    ["стоп!", "ru"],
    ["CTOП", "ru"],
    ["ОТПИСКА", "ru"],
    ["Отписаться", "ru"],
    ["ТОҚТАТУ", "kk"],
    ["тоқтату", "kk"],
    ["ТОКТАТУ", "kk"],
    ["Жазылымнан шығу", "kk"],
    ["toqtatu", "kk"],
  ])("%j withdraws all marketing by SMS (%s)", async (text, language) => {
    const { phone, contact } = await smsSubscriber();
    const response = await inbound({ from: phone, text, messageId: "gw-1", receivedAt: "2026-11-24T10:00:00+05:00" });
    expectStatus(response, 200);
    expect(response.body).toEqual({ action: "stop" });
    expect(await nextSmsCheck(contact.id)).toBe("withdrawn_channel");
    const [event] = await smsEvents(contact.id);
    expect(event).toMatchObject({ topic: "*", channel: "sms", status: "withdrawn", locale: language, actor: `api_key:${gatewayKeyId}` });
    expect(event!.evidence).toMatchObject({ text, messageId: "gw-1", receivedAt: "2026-11-24T10:00:00+05:00" });
  });

  it("matches the number however it is written", async () => {
    const { phone, contact } = await smsSubscriber();
    expectStatus(await inbound({ from: asTyped(phone), text: "STOP" }), 200);
    expect(await nextSmsCheck(contact.id)).toBe("withdrawn_channel");
  });

  it("leaves email alone", async () => {
    const phone = freshPhone();
    const contact = await createContact({ phone, email: `sms.${phone.slice(1)}@example.kz`, consents: [grant("*", "*")] });
    expectStatus(await inbound({ from: phone, text: "СТОП" }), 200);
    const check = await call("POST", "/v1/send-checks", { body: { topic: "newsletter", channel: "email", recipients: [{ contactId: contact.id }] } });
    expect(check.body.allowed).toHaveLength(1);
  });

  it("records a repeated STOP once", async () => {
    const { phone, contact } = await smsSubscriber();
    for (const text of ["STOP", "стоп", "STOP"]) expect((await inbound({ from: phone, text })).body).toEqual({ action: "stop" });
    expect(await smsEvents(contact.id)).toHaveLength(1);
  });
});

describe("POST /webhooks/sms: START", () => {
  it.each([
    ["START", "en"],
    ["unstop", "en"],
    ["СТАРТ", "ru"],
    ["старт", "ru"],
    ["ҚОСУ", "kk"],
    ["косу", "kk"],
    ["Қайта қосу", "kk"],
  ])("%j grants SMS again after a STOP (%s)", async (text, language) => {
    const { phone, contact } = await smsSubscriber();
    expectStatus(await inbound({ from: phone, text: "ТОҚТАТУ" }), 200);
    expect(await nextSmsCheck(contact.id)).toBe("withdrawn_channel");
    const response = await inbound({ from: phone, text });
    expectStatus(response, 200);
    expect(response.body).toEqual({ action: "start" });
    expect(await nextSmsCheck(contact.id)).toBe("allowed");
    expect((await smsEvents(contact.id)).map((e) => [e.status, e.locale])).toEqual([
      ["withdrawn", "kk"],
      ["granted", language],
    ]);
  });

  it("does not undo a withdrawal made another way, and answers the same", async () => {
    const phone = freshPhone();
    const contact = await createContact({ phone, consents: [grant("*", "*"), withdraw("*", "sms")] });
    const before = await eventCount(contact.id);
    // STOP finds SMS already withdrawn (not by a keyword), so START has nothing of its own to undo.
    for (const text of ["STOP", "START"]) expectStatus(await inbound({ from: phone, text }), 200);
    expect((await inbound({ from: phone, text: "СТАРТ" })).body).toEqual({ action: "start" });
    expect(await eventCount(contact.id)).toBe(before);
    expect(await nextSmsCheck(contact.id)).toBe("withdrawn_channel");
  });

  it("writes nothing when SMS was never withdrawn", async () => {
    const { phone, contact } = await smsSubscriber();
    const before = await eventCount(contact.id);
    expect((await inbound({ from: phone, text: "START" })).body).toEqual({ action: "start" });
    expect(await eventCount(contact.id)).toBe(before);
  });

  it("grants once when START is repeated", async () => {
    const { phone, contact } = await smsSubscriber();
    for (const text of ["STOP", "START", "START", "старт"]) expectStatus(await inbound({ from: phone, text }), 200);
    expect((await smsEvents(contact.id)).map((e) => e.status)).toEqual(["withdrawn", "granted"]);
  });

  it("cannot lift a broader withdrawal: STOP and START touch SMS only", async () => {
    const phone = freshPhone();
    const contact = await createContact({ phone, consents: [grant("*", "*")] });
    expectStatus(await inbound({ from: phone, text: "STOP" }), 200);
    expectStatus(await call("POST", "/v1/contacts", { body: { phone, consents: [withdraw("*", "*")] } }), 200);
    expectStatus(await inbound({ from: phone, text: "START" }), 200);
    expect(await nextSmsCheck(contact.id)).toBe("withdrawn_all");
  });
});

describe("POST /webhooks/sms: other messages and numbers", () => {
  it.each(["Hello", "stop it please", "Не стоп", "тоқтатпаңыз", "", "?", "STOP".repeat(30)])(
    "answers %j with action none and writes nothing",
    async (text) => {
      const { phone, contact } = await smsSubscriber();
      const before = await eventCount(contact.id);
      const response = await inbound({ from: phone, text });
      expectStatus(response, 200);
      expect(response.body).toEqual({ action: "none" });
      expect(await eventCount(contact.id)).toBe(before);
      expect(await nextSmsCheck(contact.id)).toBe("allowed");
    },
  );

  it("answers an unknown number exactly as a known one, and creates nobody", async () => {
    const phone = freshPhone();
    for (const [text, action] of [["STOP", "stop"], ["START", "start"], ["hi", "none"]]) {
      const response = await inbound({ from: phone, text });
      expectStatus(response, 200);
      expect(response.body).toEqual({ action });
    }
    const found = await sql.first<{ n: number }>("SELECT count(*) AS n FROM contacts WHERE phone = ?1", phone);
    expect(found!.n).toBe(0);
  });

  it("dates the event at receivedAt, but never in the future", async () => {
    const { phone, contact } = await smsSubscriber();
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expectStatus(await inbound({ from: phone, text: "STOP", receivedAt: future }), 200);
    const row = await sql.first<{ at: string }>(
      "SELECT occurred_at AS at FROM consent_events WHERE contact_id = ?1 AND source = 'sms_keyword'",
      contact.id,
    );
    expect(Date.parse(row!.at)).toBeLessThanOrEqual(Date.now());
  });
});

describe("POST /webhooks/sms: bad input", () => {
  it.each([
    ["no from", { text: "STOP" }, [["from"]]],
    ["a from that is no phone number", { from: "not a phone", text: "STOP" }, [["from"]]],
    ["a short number", { from: "12345", text: "STOP" }, [["from"]]],
    ["no text", { from: "+77011234567" }, [["text"]]],
    ["a text that is not a string", { from: "+77011234567", text: 5 }, [["text"]]],
    ["a text over 1600 characters", { from: "+77011234567", text: "x".repeat(1601) }, [["text"]]],
    ["a receivedAt that is no time", { from: "+77011234567", text: "STOP", receivedAt: "yesterday" }, [["receivedAt"]]],
    ["an empty messageId", { from: "+77011234567", text: "STOP", messageId: "" }, [["messageId"]]],
    ["a body that is not an object", ["STOP"], [[]]],
  ])("answers 400 to %s", async (_label, body, paths) => {
    expectError(await inbound(body), 400, "invalid_request", paths);
  });

  it("answers 400 invalid_json to a body that is not JSON", async () => {
    const response = await call("POST", "/webhooks/sms", { key: gatewayKey, rawBody: "{from:", headers: { "Content-Type": "application/json" } });
    expectError(response, 400, "invalid_json");
  });

  it("answers 415 to a form-encoded body", async () => {
    const response = await call("POST", "/webhooks/sms", {
      key: gatewayKey,
      rawBody: "from=%2B77011234567&text=STOP",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expectError(response, 415, "unsupported_media_type");
  });

  it("answers 413 to a body over 16 KiB", async () => {
    expectError(await inbound({ from: "+77011234567", text: "STOP", padding: "x".repeat(17 * 1024) }), 413, "payload_too_large");
  });
});

describe("POST /webhooks/sms: authentication", () => {
  it("answers 401 without a key, before reading the body", async () => {
    expectError(await inbound({ nonsense: true }, null), 401, "unauthorized");
  });

  it("answers 401 to a wrong key", async () => {
    expectError(await inbound({ from: "+77011234567", text: "STOP" }, "mpk_not_a_real_key_at_all_0000000000000000000"), 401, "unauthorized");
  });

  it("answers 403 to a key without the sms:inbound scope, and writes nothing", async () => {
    const { phone, contact } = await smsSubscriber();
    const other = await call("POST", "/v1/api-keys", { body: { name: "crm", scopes: ["contacts:write", "send-checks:write"] } });
    expectStatus(other, 201);
    expectError(await inbound({ from: phone, text: "STOP" }, other.body.key), 403, "forbidden");
    expect(await nextSmsCheck(contact.id)).toBe("allowed");
  });

  it("lets ADMIN_API_KEY through, recorded as the admin", async () => {
    const { phone, contact } = await smsSubscriber();
    expectStatus(await inbound({ from: phone, text: "STOP" }, env.ADMIN_API_KEY), 200);
    expect((await smsEvents(contact.id))[0]!.actor).toBe("api_key:admin");
  });
});
