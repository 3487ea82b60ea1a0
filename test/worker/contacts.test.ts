import { describe, expect, it } from "vitest";
import { call, createContact, expectError, expectStatus, freshEmail, freshPhone, grant, unique, withdraw } from "./api";
import { sql } from "./db";

async function ledgerOf(contactId: string) {
  return sql.all<Record<string, string>>("SELECT * FROM consent_events WHERE contact_id = ?1 ORDER BY seq", contactId);
}

async function statesOf(contactId: string) {
  return sql.all("SELECT topic, channel, status FROM consent_states WHERE contact_id = ?1 ORDER BY topic, channel", contactId);
}

describe("POST /v1/contacts: happy paths", () => {
  it("creates a contact with normalised addresses and records each consent in the ledger", async () => {
    const local = unique();
    const response = await call("POST", "/v1/contacts", {
      body: {
        email: `  Aigul.${local}@Mail.KZ `,
        phone: `8 701 ${freshPhone().slice(5, 8)} ${freshPhone().slice(8, 10)} ${freshPhone().slice(10)}`,
        locale: "ru",
        consents: [
          grant("*", "*", { evidence: { ip: "203.0.113.7", formUrl: "https://orleu.example/register" } }),
          withdraw("offers_prices", "sms", { source: "phone_call" }),
        ],
      },
    });
    expectStatus(response, 201);
    const contact = response.body;
    expect(contact.id).toMatch(/^ct_/);
    expect(contact.created).toBe(true);
    expect(contact.email).toBe(`aigul.${local}@mail.kz`);
    expect(contact.phone).toMatch(/^\+7701\d{7}$/);
    expect(contact.locale).toBe("ru");
    expect(contact.recordedEvents).toHaveLength(2);
    expect(contact.preferences.newsletter.email).toEqual({ allowed: true, reason: "baseline_consent" });
    expect(contact.preferences.offers_prices.sms).toEqual({ allowed: false, reason: "withdrawn_topic_channel" });
    expect(contact.preferences.advertising.email).toEqual({ allowed: false, reason: "no_consent" });

    const ledger = await ledgerOf(contact.id);
    expect(ledger.map((e) => [e.topic, e.channel, e.status, e.source])).toEqual([
      ["*", "*", "granted", "web_form"],
      ["offers_prices", "sms", "withdrawn", "phone_call"],
    ]);
    expect(ledger[0]!.policy_version).toBe("2024-01");
    expect(ledger[0]!.actor).toBe("api_key:admin");
    expect(JSON.parse(ledger[0]!.evidence!)).toEqual({ ip: "203.0.113.7", formUrl: "https://orleu.example/register" });
    expect(Date.parse(ledger[0]!.recorded_at!)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("updates the same contact when named by externalId, email or phone, and says so with 200", async () => {
    const externalId = `user-${unique()}`;
    const email = freshEmail();
    const phone = freshPhone();
    const created = await createContact({ externalId, email });
    const byExternal = await call("POST", "/v1/contacts", { body: { externalId, phone } });
    expectStatus(byExternal, 200);
    expect(byExternal.body).toMatchObject({ id: created.id, created: false, email, phone });
    const byEmail = await call("POST", "/v1/contacts", { body: { email: email.toUpperCase(), locale: "en" } });
    expect(byEmail.body).toMatchObject({ id: created.id, locale: "en" });
    const byPhone = await call("POST", "/v1/contacts", { body: { phone: `8${phone.slice(2)}`, consents: [grant("newsletter", "email")] } });
    expect(byPhone.body).toMatchObject({ id: created.id, externalId, email, phone });
    expect(byPhone.body.preferences.newsletter.email.reason).toBe("explicit_consent");
  });

  it("keeps the latest occurrence as the current state, and every event in the ledger", async () => {
    const contact = await createContact({
      email: freshEmail(),
      consents: [withdraw("newsletter", "email", { occurredAt: "2026-03-01T10:00:00+05:00" })],
    });
    // A record of an older grant arrives late: kept in the ledger, not the state.
    await call("POST", "/v1/contacts", {
      body: { email: contact.email, consents: [grant("newsletter", "email", { occurredAt: "2025-09-01T10:00:00Z" })] },
    });
    expect(await statesOf(contact.id)).toEqual([{ topic: "newsletter", channel: "email", status: "withdrawn" }]);
    expect((await ledgerOf(contact.id)).map((e) => [e.status, e.occurred_at])).toEqual([
      ["withdrawn", "2026-03-01T05:00:00.000Z"],
      ["granted", "2025-09-01T10:00:00.000Z"],
    ]);
  });

  it("loses nothing when many changes to one contact arrive at once", async () => {
    const contact = await createContact({ email: freshEmail() });
    const topics = ["service_updates", "offers_prices", "newsletter", "event_invitations", "surveys_research"];
    const responses = await Promise.all(
      topics.flatMap((topic) =>
        ["email", "telegram"].map((channel) =>
          call("POST", "/v1/contacts", { body: { email: contact.email, consents: [grant(topic, channel)] } }),
        ),
      ),
    );
    for (const response of responses) expectStatus(response, 200);
    expect(await ledgerOf(contact.id)).toHaveLength(10);
    expect(await statesOf(contact.id)).toHaveLength(10);
  });

  it("creates one contact, not two, when two requests for a new address race", async () => {
    const email = freshEmail();
    const [a, b] = await Promise.all([
      call("POST", "/v1/contacts", { body: { email, consents: [grant("*", "email")] } }),
      call("POST", "/v1/contacts", { body: { email, consents: [grant("newsletter", "email")] } }),
    ]);
    expect([a!.status, b!.status].sort()).toEqual([200, 201]);
    expect(a!.body.id).toBe(b!.body.id);
    expect(await ledgerOf(a!.body.id)).toHaveLength(2);
  });
});

describe("GET /v1/contacts/{id}", () => {
  it("answers the contact, its recorded scopes and effective preferences", async () => {
    const contact = await createContact({ phone: freshPhone(), consents: [grant("*", "sms"), withdraw("surveys_research", "*")] });
    const response = await call("GET", `/v1/contacts/${contact.id}`);
    expectStatus(response, 200);
    expect(response.body.consents).toHaveLength(2);
    expect(response.body.preferences.event_invitations).toMatchObject({
      sms: { allowed: true, reason: "baseline_consent" },
      email: { allowed: false, reason: "no_address" },
      voice: { allowed: false, reason: "no_consent" },
    });
    expect(response.body.preferences.surveys_research.sms.reason).toBe("withdrawn_topic");
    expect(response.body).not.toHaveProperty("emailHash");
  });

  it("answers 404 for an unknown id", async () => {
    expectError(await call("GET", "/v1/contacts/ct_doesnotexist"), 404, "not_found");
  });
});

describe("POST /v1/contacts: bad input changes nothing", () => {
  it.each([
    ["no identity", { locale: "kk" }, [[]]],
    ["a malformed email", { email: "not-an-email" }, [["email"]]],
    ["a malformed phone", { phone: "12345" }, [["phone"]]],
    ["an unknown locale", { email: "x@example.kz", locale: "de" }, [["locale"]]],
    ["an unknown field", { email: "x@example.kz", name: "Aigul" }, [[]]],
    ["an unknown topic", { email: "x@example.kz", consents: [grant("lottery", "email")] }, [["consents", 0, "topic"]]],
    ["a channel the topic does not use", { email: "x@example.kz", consents: [grant("newsletter", "voice")] }, [["consents", 0, "channel"]]],
    ["an unknown channel", { email: "x@example.kz", consents: [grant("*", "fax")] }, [["consents", 0, "channel"]]],
    ["a bad status", { email: "x@example.kz", consents: [grant("*", "*", { status: "maybe" })] }, [["consents", 0, "status"]]],
    ["a source only the service may claim", { email: "x@example.kz", consents: [grant("*", "*", { source: "one_click" })] }, [["consents", 0, "source"]]],
    ["a future occurrence", { email: "x@example.kz", consents: [grant("*", "*", { occurredAt: "2099-01-01T00:00:00Z" })] }, [["consents", 0, "occurredAt"]]],
    ["a time without zone", { email: "x@example.kz", consents: [grant("*", "*", { occurredAt: "2026-01-01T10:00:00" })] }, [["consents", 0, "occurredAt"]]],
    ["evidence that is not flat", { email: "x@example.kz", consents: [grant("*", "*", { evidence: { nested: { a: 1 } } })] }, [["consents", 0, "evidence", "nested"]]],
  ])("rejects %s with 400 and the field path", async (_name, body, paths) => {
    // Sent with a key of its own, whose events can be counted while other files write theirs.
    const writer = await call("POST", "/v1/api-keys", { body: { name: `writer-${unique()}`, scopes: ["contacts:write"] } });
    expectStatus(writer, 201);
    expectError(await call("POST", "/v1/contacts", { body, key: writer.body.key }), 400, "invalid_request", paths);
    // A second bad consent after a good one writes neither.
    expect(await sql.value("SELECT count(*) AS n FROM consent_events WHERE actor = ?1", `api_key:${writer.body.id}`)).toBe(0);
  });

  it("writes nothing when one consent of several is bad", async () => {
    const email = freshEmail();
    const response = await call("POST", "/v1/contacts", {
      body: { email, consents: [grant("*", "*"), grant("newsletter", "sms")] },
    });
    expectError(response, 400, "invalid_request", [["consents", 1, "channel"]]);
    expect(await sql.first("SELECT id FROM contacts WHERE email = ?1", email)).toBeNull();
  });

  it("answers 409 and writes nothing when identifiers belong to different contacts", async () => {
    const a = await createContact({ email: freshEmail() });
    const b = await createContact({ phone: freshPhone() });
    const response = await call("POST", "/v1/contacts", {
      body: { email: a.email, phone: b.phone, consents: [grant("*", "*")] },
    });
    expectError(response, 409, "conflict", [["phone"]]);
    expect(await ledgerOf(a.id)).toHaveLength(0);
    expect((await call("GET", `/v1/contacts/${a.id}`)).body.phone).toBeNull();
  });

  it("answers 409 when an address match would change a contact's externalId", async () => {
    const a = await createContact({ externalId: `user-${unique()}`, email: freshEmail() });
    expectError(
      await call("POST", "/v1/contacts", { body: { externalId: `user-${unique()}`, email: a.email } }),
      409,
      "conflict",
      [["externalId"]],
    );
  });

  it("answers 400 invalid_json for a body that is not JSON", async () => {
    expectError(
      await call("POST", "/v1/contacts", { rawBody: '{"email": ', headers: { "Content-Type": "application/json" } }),
      400,
      "invalid_json",
    );
  });

  it("answers 400 for a POST without a body", async () => {
    const response = await call("POST", "/v1/contacts");
    expectStatus(response, 400);
    expect(response.body.error.requestId).toBeTruthy();
  });

  it("answers 415 for a body that is not application/json", async () => {
    expectError(
      await call("POST", "/v1/contacts", { rawBody: "email=a@b.kz", headers: { "Content-Type": "application/x-www-form-urlencoded" } }),
      415,
      "unsupported_media_type",
    );
  });

  it("answers 413 for a body over the limit", async () => {
    const response = await call("POST", "/v1/contacts", { body: { email: "x@example.kz", padding: "x".repeat(70_000) } });
    expectError(response, 413, "payload_too_large");
  });

  it("never updates or deletes a ledger event, even from inside the database", async () => {
    const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*")] });
    await expect(sql.run("UPDATE consent_events SET status = 'withdrawn' WHERE contact_id = ?1", contact.id)).rejects.toThrow(/append-only/);
    await expect(sql.run("DELETE FROM consent_events WHERE contact_id = ?1", contact.id)).rejects.toThrow(/append-only/);
  });
});

describe("GET /v1/contacts?email=|phone=|externalId= (issue 16)", () => {
  it("finds a contact by each identifier, normalised as POST /v1/contacts does, and writes nothing", async () => {
    const externalId = `crm-${unique()}`;
    const phone = freshPhone();
    const contact = await createContact({ externalId, email: freshEmail(), phone, consents: [grant("*", "*")] });
    const before = await call("GET", `/v1/contacts/${contact.id}/consents`);
    for (const query of [
      `email=${encodeURIComponent(contact.email!.toUpperCase())}`,
      `phone=${encodeURIComponent(`8 ${phone.slice(2, 5)} ${phone.slice(5)}`)}`,
      `externalId=${externalId}`,
    ]) {
      const found = await call("GET", `/v1/contacts?${query}`);
      expectStatus(found, 200);
      expect(found.body.contacts.map((c: { id: string }) => c.id), query).toEqual([contact.id]);
      expect(found.body.contacts[0].preferences.newsletter.email.allowed).toBe(true);
    }
    const after = await call("GET", `/v1/contacts/${contact.id}/consents`);
    expect(after.body.events).toEqual(before.body.events);
  });

  it("answers an unknown identifier with an empty list, and refuses none or two of them, or a malformed one", async () => {
    const none = await call("GET", `/v1/contacts?email=${freshEmail()}`);
    expectStatus(none, 200);
    expect(none.body).toEqual({ contacts: [], nextCursor: null });
    expectError(await call("GET", "/v1/contacts"), 400, "invalid_request");
    expectError(await call("GET", `/v1/contacts?email=${freshEmail()}&externalId=x`), 400, "invalid_request");
    expectError(await call("GET", "/v1/contacts?email=not-an-address"), 400, "invalid_request", [["email"]]);
  });
});
