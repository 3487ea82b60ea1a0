import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { AddressHasher } from "../../src/crypto/address-hash";
import { call, createContact, expectError, expectStatus, freshEmail, freshPhone, grant, unique, withdraw } from "./api";
import { sql } from "./db";

const NOON_ALMATY = "2026-11-24T07:00:00Z";

/** A contact with email, phone, externalId, a caller's evidence naming them and an IP, and a one-click withdrawal from another IP. */
async function person() {
  const email = freshEmail();
  const phone = freshPhone();
  const externalId = `user-${unique()}`;
  // IPs of this person alone, so that "no row holds it" does not depend on what other tests wrote.
  const prefix = `2001:db8:${crypto.randomUUID().slice(0, 8).replace(/(.{4})/, "$1:")}`;
  const [formIp, clickIp] = [`${prefix}::7`, `${prefix}::9`];
  const contact = await createContact({
    externalId,
    email,
    phone,
    locale: "ru",
    consents: [grant("*", "*", { evidence: { ip: formIp, formUrl: `https://orleu.example/register?email=${email}`, age: 41, adult: true } })],
  });
  const checked = await call("POST", "/v1/send-checks", { body: { topic: "newsletter", channel: "email", recipients: [{ contactId: contact.id }] } });
  const unsubscribeUrl: string = checked.body.allowed[0].unsubscribe.url;
  const clicked = await exports.default.fetch(
    new Request(unsubscribeUrl, {
      method: "POST",
      body: "List-Unsubscribe=One-Click",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "User-Agent": "GoogleOneClick/1.0", "CF-Connecting-IP": clickIp },
    }),
  );
  expect(clicked.status).toBe(200);
  const preferencesUrl: string = (await call("GET", `/v1/contacts/${contact.id}`)).body.links.preferences;
  return { id: contact.id, email, phone, externalId, formIp, clickIp, unsubscribeUrl, preferencesUrl };
}

const erase = (id: string, key?: string) => call("DELETE", `/v1/contacts/${id}`, { key });

async function check(channel: string, recipients: Record<string, string>[], topic = "newsletter") {
  const response = await call("POST", "/v1/send-checks", { body: { topic, channel, sendAt: NOON_ALMATY, recipients } });
  expectStatus(response, 200);
  return [...response.body.allowed.map(() => "allowed"), ...response.body.blocked.map((b: { reason: string }) => b.reason)];
}

const hash = (kind: "email" | "phone", address: string) => new AddressHasher(env.ADDRESS_HASH_KEY).hash(kind, address);

async function suppressionsOf(p: { email: string; phone: string }) {
  const hashes = [await hash("email", p.email), await hash("phone", p.phone)];
  return sql.all("SELECT * FROM suppressions WHERE address_hash IN (?1, ?2) ORDER BY address_hash", ...hashes);
}

describe("DELETE /v1/contacts/{id}", () => {
  it("erases: personal data gone, ledger kept without identifying data, addresses left as erased suppressions, recorded", async () => {
    const p = await person();
    const ledgerBefore = await sql.all("SELECT * FROM consent_events WHERE contact_id = ?1 ORDER BY seq", p.id);
    const response = await erase(p.id);
    expectStatus(response, 200);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^er_/),
      contactId: p.id,
      erasedAt: expect.any(String),
      apiKeyId: "admin",
      ledgerEvents: 2,
      addresses: ["email", "phone"],
    });

    const [contact] = await sql.all("SELECT * FROM contacts WHERE id = ?1", p.id);
    expect(contact).toMatchObject({ external_id: null, email: null, phone: null, email_hash: null, phone_hash: null, locale: "kk" });
    expect(contact!.erased_at).toBe(response.body.erasedAt);

    const ledger = await sql.all("SELECT * FROM consent_events WHERE contact_id = ?1 ORDER BY seq", p.id);
    expect(ledger).toHaveLength(2);
    ledger.forEach((event, i) => {
      const { locale, evidence, ...rest } = event;
      const { locale: _l, evidence: _e, ...restBefore } = ledgerBefore[i]!;
      expect(rest).toEqual(restBefore);
      expect(locale).toBeNull();
      expect(evidence).not.toBe(ledgerBefore[i]!.evidence);
    });
    // A caller's evidence is erased whole, keys and all; the service's own non-identifying references stay.
    expect(JSON.parse(ledger[0]!.evidence)).toEqual({ erased: true });
    expect(ledger[1]!.source).toBe("one_click");
    expect(JSON.parse(ledgerBefore[1]!.evidence)).toMatchObject({ ip: p.clickIp, userAgent: "GoogleOneClick/1.0" });
    expect(JSON.parse(ledger[1]!.evidence)).toEqual({ linkKeyId: 2, sendCheckId: expect.stringMatching(/^sc_/), choice: "link", erased: true });

    const suppressions = await suppressionsOf(p);
    expect(suppressions).toHaveLength(2);
    for (const s of suppressions) {
      expect(s).toMatchObject({ channel: "*", reason: "erased", created_at: response.body.erasedAt });
      expect(JSON.parse(s.evidence)).toEqual({ erasure: response.body.id });
    }

    const [record] = await sql.all("SELECT * FROM erasures WHERE contact_id = ?1", p.id);
    expect(record).toMatchObject({ id: response.body.id, api_key_id: "admin", ledger_events: 2, addresses: '["email","phone"]' });

    // Nothing readable is left anywhere: no table holds the address, the number, the external id or an IP.
    for (const table of ["contacts", "consent_events", "consent_states", "suppressions", "erasures", "dev_outbox"]) {
      for (const needle of [p.email, p.phone, p.externalId, p.formIp, p.clickIp]) {
        expect(await rowsHolding(table, needle), `${needle} in ${table}`).toBe(0);
      }
    }
  });

  it("leaves no key of the evidence readable: a caller's keys may be addresses", async () => {
    const email = freshEmail();
    const phone = freshPhone();
    const contact = await createContact({
      email,
      phone,
      consents: [grant("*", "*", { evidence: { [email]: true, [phone]: "called back", [`${email} ${phone}`]: null } })],
    });
    expect(await rowsHolding("consent_events", email)).toBe(1);
    expectStatus(await erase(contact.id), 200);
    const [event] = await sql.all("SELECT evidence FROM consent_events WHERE contact_id = ?1", contact.id);
    expect(JSON.parse(event!.evidence)).toEqual({ erased: true });
    for (const table of ["contacts", "consent_events", "suppressions", "erasures"]) {
      for (const needle of [email, email.split("@")[0]!, phone, phone.slice(2)]) {
        expect(await rowsHolding(table, needle), `${needle} in ${table}`).toBe(0);
      }
    }
  });

  it("leaves the erased addresses' other suppressions saying why, but no message id that leads back to the address", async () => {
    const p = await person();
    const [emailHash, phoneHash] = [await hash("email", p.email), await hash("phone", p.phone)];
    // As a Resend bounce was recorded before migration 0010, and as any other writer might.
    await sql.run(
      `INSERT INTO suppressions (address_hash, channel, reason, created_at, evidence) VALUES (?1, 'email', 'hard_bounce', ?3, ?4), (?2, 'sms', 'complaint', ?3, ?5)`,
      emailHash,
      phoneHash,
      new Date().toISOString(),
      JSON.stringify({ provider: "resend", type: "email.bounced", svixId: "msg_2x9", emailId: "4ef9a417-02e9", bounceType: "Permanent", bounceSubType: "General" }),
      JSON.stringify({ provider: "gateway", messageId: "sms-77", from: p.phone }),
    );
    const erased = await erase(p.id);
    expectStatus(erased, 200);
    const evidence = Object.fromEntries((await suppressionsOf(p)).map((s) => [`${s.address_hash === emailHash ? "email" : "phone"} ${s.channel}`, JSON.parse(s.evidence)]));
    expect(evidence).toEqual({
      "email *": { erasure: erased.body.id },
      "email email": { provider: "resend", type: "email.bounced", bounceType: "Permanent", bounceSubType: "General" },
      "phone *": { erasure: erased.body.id },
      "phone sms": { provider: "gateway" },
    });
  });

  it("(the search above finds what is there)", async () => {
    const p = await person();
    expect(await rowsHolding("contacts", p.phone)).toBe(1);
    expect(await rowsHolding("consent_events", p.email)).toBe(1);
    expect(await rowsHolding("consent_events", p.clickIp)).toBe(1);
  });

  it("records which key erased", async () => {
    const key = await call("POST", "/v1/api-keys", { body: { name: "dpo", scopes: ["contacts:erase"] } });
    const contact = await createContact({ email: freshEmail() });
    const response = await erase(contact.id, key.body.key);
    expectStatus(response, 200);
    expect(response.body).toMatchObject({ apiKeyId: key.body.id, ledgerEvents: 0, addresses: ["email"] });
  });

  it("answers 410 with the same erasure record afterwards, to DELETE and GET alike", async () => {
    const contact = await createContact({ email: freshEmail() });
    const first = await erase(contact.id);
    expectStatus(first, 200);
    for (const response of [await erase(contact.id), await call("GET", `/v1/contacts/${contact.id}`)]) {
      expectError(response, 410, "gone");
      expect(response.body.erasure).toEqual(first.body);
    }
  });

  it("erases once when two requests race: one 200, one 410, one record", async () => {
    const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*")] });
    const responses = await Promise.all([erase(contact.id), erase(contact.id)]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 410]);
    expect(await sql.all("SELECT id FROM erasures WHERE contact_id = ?1", contact.id)).toHaveLength(1);
  });

  it("answers 404 for an unknown id", async () => {
    expectError(await erase("ct_doesnotexist"), 404, "not_found");
  });

  it("needs the contacts:erase scope, which contacts:write does not give", async () => {
    const key = await call("POST", "/v1/api-keys", { body: { name: "crm", scopes: ["contacts:write", "contacts:read"] } });
    const contact = await createContact({ email: freshEmail() });
    expectError(await erase(contact.id, key.body.key), 403, "forbidden");
    expectError(await erase(contact.id, null as unknown as string), 401, "unauthorized");
    expect((await sql.all("SELECT email FROM contacts WHERE id = ?1", contact.id))[0]!.email).toBe(contact.email);
  });

  it("writes nothing when any part of the erasure fails", async () => {
    const p = await person();
    // A ledger row the erasure cannot parse (written behind the service's back) makes the batch fail.
    await sql.run(
      `INSERT INTO consent_events (id, contact_id, topic, channel, status, source, occurred_at, recorded_at, policy_version, actor, evidence)
       VALUES (?1, ?2, '*', 'sms', 'granted', 'api', ?3, ?3, '2024-01', 'test', 'not json')`,
      `ce_${unique()}`,
      p.id,
      new Date().toISOString(),
    );
    const before = await snapshot(p);
    expectError(await erase(p.id), 500, "internal_error");
    expect(await snapshot(p)).toEqual(before);
    expect(await check("email", [{ email: p.email }])).toEqual(["withdrawn_topic_channel"]);
  });
});

describe("after an erasure", () => {
  it("blocks the old address and number as erased on every channel, and the contact id too", async () => {
    const p = await person();
    expectStatus(await erase(p.id), 200);
    expect(await check("email", [{ email: p.email }, { contactId: p.id }])).toEqual(["erased", "erased"]);
    expect(await check("sms", [{ phone: p.phone }], "event_invitations")).toEqual(["erased"]);
    expect(await check("whatsapp", [{ phone: p.phone }], "event_invitations")).toEqual(["erased"]);
    // The external id is gone with the rest: it names nobody now.
    expect(await check("email", [{ externalId: p.externalId }])).toEqual(["unknown_contact"]);
  });

  it("makes the person's links invalid: unsubscribe and preference pages answer as for any bad link", async () => {
    const p = await person();
    expectStatus(await erase(p.id), 200);
    expect((await exports.default.fetch(new Request(p.unsubscribeUrl))).status).toBe(404);
    const oneClick = await exports.default.fetch(
      new Request(p.unsubscribeUrl, {
        method: "POST",
        body: "List-Unsubscribe=One-Click",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      }),
    );
    expect(oneClick.status).toBe(404);
    expect((await exports.default.fetch(new Request(p.preferencesUrl))).status).toBe(404);
    expect(await sql.all("SELECT id FROM consent_events WHERE contact_id = ?1", p.id)).toHaveLength(2);
  });

  it("keeps a re-created contact blocked as erased until a new grant lifts it, per address", async () => {
    const p = await person();
    const erased = await erase(p.id);
    expectStatus(erased, 200);

    // Named again by the old externalId: a new contact, never the erased one brought back.
    const again = await createContact({ externalId: p.externalId, email: p.email, phone: p.phone });
    expect(again.id).not.toBe(p.id);
    expect((await sql.all("SELECT email FROM contacts WHERE id = ?1", p.id))[0]!.email).toBeNull();
    expect(await check("email", [{ email: p.email }, { contactId: again.id }])).toEqual(["erased", "erased"]);

    // None of these is new consent: a withdrawal, an import, a record of a grant from before the erasure.
    const before = new Date(Date.parse(erased.body.erasedAt) - 60_000).toISOString();
    for (const consent of [withdraw("surveys_research", "*"), grant("*", "*", { source: "import" }), grant("*", "*", { occurredAt: before })]) {
      expectStatus(await call("POST", "/v1/contacts", { body: { email: p.email, consents: [consent] } }), 200);
      expect(await check("email", [{ email: p.email }])).toEqual(["erased"]);
    }

    // A new grant by email lifts the email address only; the phone stays erased until its own.
    expectStatus(await call("POST", "/v1/contacts", { body: { email: p.email, consents: [grant("newsletter", "email")] } }), 200);
    expect(await check("email", [{ email: p.email }])).toEqual(["allowed"]);
    expect(await check("sms", [{ phone: p.phone }], "event_invitations")).toEqual(["erased"]);
    expectStatus(await call("POST", "/v1/contacts", { body: { phone: p.phone, consents: [grant("*", "sms")] } }), 200);
    expect(await check("sms", [{ phone: p.phone }], "event_invitations")).toEqual(["allowed"]);
    expect(await suppressionsOf(p)).toEqual([]);
  });

  it("keeps a withdrawal-only or consent-less re-creation blocked, and a grant of everything lifts both addresses", async () => {
    const p = await person();
    expectStatus(await erase(p.id), 200);
    const again = await createContact({ email: p.email, phone: p.phone });
    expect(await check("email", [{ contactId: again.id }])).toEqual(["erased"]);
    expectStatus(await call("POST", "/v1/contacts", { body: { email: p.email, consents: [grant("*", "*")] } }), 200);
    expect(await check("email", [{ contactId: again.id }])).toEqual(["allowed"]);
    expect(await check("sms", [{ contactId: again.id }], "event_invitations")).toEqual(["allowed"]);
  });

  it("refuses, inside the database, any change to an erased contact, its erasure record, or its ledger beyond erasure's", async () => {
    const p = await person();
    const erased = await erase(p.id);
    // ?1 is the contact's id, or the erasure's for the erasures table.
    const refused = async (statement: string, message: RegExp, id: string = p.id) => expect(sql.run(statement, id)).rejects.toThrow(message);
    await refused("UPDATE contacts SET email = 'back@example.kz' WHERE id = ?1", /erased contact cannot change/);
    await refused("UPDATE erasures SET api_key_id = 'someone' WHERE id = ?1", /erasures are final/, erased.body.id);
    await refused("DELETE FROM erasures WHERE id = ?1", /erasures are final/, erased.body.id);
    await refused("UPDATE consent_events SET status = 'withdrawn' WHERE contact_id = ?1", /append-only/);
    await refused(`UPDATE consent_events SET evidence = '{"ip":"10.0.0.1"}' WHERE contact_id = ?1`, /append-only/);
    await refused("UPDATE consent_events SET evidence = '{}' WHERE contact_id = ?1", /append-only/);
    // Erasure may take evidence away, marked; it may not add a member or change one it kept.
    await refused(`UPDATE consent_events SET evidence = '{"erased":false}' WHERE contact_id = ?1`, /append-only/);
    await refused(`UPDATE consent_events SET evidence = '{"erased":true,"ip":"10.0.0.1"}' WHERE contact_id = ?1`, /append-only/);
    // A second marker must not smuggle text in (0011).
    await refused(`UPDATE consent_events SET evidence = '{"erased":true,"erased":"aigul"}' WHERE contact_id = ?1`, /append-only/);
    await refused(`UPDATE consent_events SET evidence = '{"erased":"aigul","erased":true}' WHERE contact_id = ?1`, /append-only/);
    await refused(
      `UPDATE consent_events SET evidence = '{"erased":true,"linkKeyId":1}' WHERE contact_id = ?1 AND source = 'one_click'`,
      /append-only/,
    );
    await refused(
      `UPDATE consent_events SET evidence = '{"erased":true,"linkKeyId":"2"}' WHERE contact_id = ?1 AND source = 'one_click'`,
      /append-only/,
    );
    await sql.run(`UPDATE consent_events SET evidence = '{"erased":true}' WHERE contact_id = ?1 AND source = 'one_click'`, p.id);
    await refused("DELETE FROM consent_events WHERE contact_id = ?1", /append-only/);
  });

  it("lets nothing strip the ledger of a contact that is not erased", async () => {
    const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*", { evidence: { ip: "203.0.113.7" } })] });
    await expect(sql.run(`UPDATE consent_events SET locale = NULL, evidence = '{"ip":"[erased]"}' WHERE contact_id = ?1`, contact.id)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql.run(`UPDATE consent_events SET locale = NULL, evidence = '{"erased":true}' WHERE contact_id = ?1`, contact.id)).rejects.toThrow(
      /append-only/,
    );
  });
});

/** How many rows of a table hold the text in any column. */
async function rowsHolding(table: string, text: string): Promise<number> {
  // PostgreSQL writes a whole row as text by itself; SQLite needs its columns named.
  if (sql.dialect === "postgres") return (await sql.value(`SELECT count(*) AS n FROM ${table} t WHERE strpos(t::text, ?1) > 0`, text))!;
  const columns = await sql.all<{ name: string }>("SELECT name FROM pragma_table_info(?1)", table);
  const row = `json_array(${columns.map((c) => `t."${c.name}"`).join(", ")})`;
  return (await sql.value(`SELECT count(*) AS n FROM ${table} t WHERE instr(${row}, ?1) > 0`, text))!;
}

async function snapshot(p: { id: string; email: string }) {
  return {
    contact: await sql.all("SELECT * FROM contacts WHERE id = ?1", p.id),
    ledger: await sql.all("SELECT * FROM consent_events WHERE contact_id = ?1 ORDER BY seq", p.id),
    erasures: await sql.all("SELECT * FROM erasures WHERE contact_id = ?1", p.id),
    suppressions: await sql.all("SELECT * FROM suppressions WHERE address_hash = ?1", await hash("email", p.email)),
  };
}
