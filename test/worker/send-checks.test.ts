import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { AddressHasher } from "../../src/crypto/address-hash";
import { call, createContact, expectError, expectStatus, freshEmail, freshPhone, grant, unique, withdraw } from "./api";
import { sql } from "./db";

const NOON_ALMATY = "2026-11-25T12:00:00+05:00";
const NIGHT_ALMATY = "2026-11-25T23:00:00+05:00";

function check(body: Record<string, unknown>) {
  return call("POST", "/v1/send-checks", { body: { topic: "newsletter", channel: "email", ...body } });
}

/** A suppression as the bounce and erasure paths will write it: keyed by the address's hash. */
async function suppress(kind: "email" | "phone", address: string, channel: string, reason: string) {
  const hash = await new AddressHasher(env.ADDRESS_HASH_KEY).hash(kind, address);
  const now = new Date().toISOString();
  await sql.run("INSERT INTO suppressions (address_hash, channel, reason, created_at) VALUES (?1, ?2, ?3, ?4)", hash, channel, reason, now);
}

describe("POST /v1/send-checks: decisions through the real database", () => {
  it("finds recipients by email, phone, externalId and contactId and echoes them as given", async () => {
    const externalId = `user-${unique()}`;
    const phone = freshPhone();
    const contact = await createContact({ externalId, email: freshEmail(), phone, consents: [grant("*", "*")] });
    const recipients = [
      { email: contact.email!.toUpperCase() },
      { phone: `8 ${phone.slice(2, 5)} ${phone.slice(5)}` },
      { externalId },
      { contactId: contact.id },
    ];
    const response = await check({ recipients });
    expectStatus(response, 200);
    expect(response.body.allowed).toEqual(
      recipients.map((recipient) => ({ recipient, contactId: contact.id, locale: "kk", unsubscribe: expect.any(Object) })),
    );
    expect(response.body.blocked).toEqual([]);
    expect(response.body.id).toMatch(/^sc_/);
  });

  it("gives each allowed recipient the language to write to them in", async () => {
    const ru = await createContact({ email: freshEmail(), locale: "ru", consents: [grant("*", "*")] });
    const en = await createContact({ email: freshEmail(), locale: "en", consents: [grant("*", "*")] });
    const response = await check({ recipients: [{ contactId: ru.id }, { contactId: en.id }] });
    expectStatus(response, 200);
    expect(response.body.allowed.map((a: { locale: string }) => a.locale)).toEqual(["ru", "en"]);
  });

  it("blocks each recipient with its reason", async () => {
    const withdrawnAll = await createContact({ email: freshEmail(), consents: [grant("*", "*"), withdraw("*", "*")] });
    const withdrawnChannel = await createContact({ email: freshEmail(), consents: [grant("newsletter", "email"), withdraw("*", "email")] });
    const withdrawnTopic = await createContact({ email: freshEmail(), consents: [grant("*", "*"), withdraw("newsletter", "*")] });
    const withdrawnBoth = await createContact({ email: freshEmail(), consents: [grant("*", "*"), withdraw("newsletter", "email")] });
    const noConsent = await createContact({ email: freshEmail() });
    const phoneOnly = await createContact({ phone: freshPhone(), consents: [grant("*", "*")] });
    const baseline = await createContact({ email: freshEmail(), consents: [grant("*", "email")] });
    const explicit = await createContact({ email: freshEmail(), consents: [grant("newsletter", "*")] });
    const unknown = freshEmail();
    const response = await check({
      recipients: [withdrawnAll, withdrawnChannel, withdrawnTopic, withdrawnBoth, noConsent, baseline, explicit]
        .map((c) => ({ email: c.email! }))
        .concat([{ email: unknown }])
        .concat([{ contactId: phoneOnly.id } as never]),
    });
    expectStatus(response, 200);
    expect(response.body.blocked.map((b: { reason: string }) => b.reason)).toEqual([
      "withdrawn_all",
      "withdrawn_channel",
      "withdrawn_topic",
      "withdrawn_topic_channel",
      "no_consent",
      "unknown_contact",
      "no_address",
    ]);
    expect(response.body.allowed.map((a: { contactId: string }) => a.contactId)).toEqual([baseline.id, explicit.id]);
    expect(response.body.counts).toEqual({
      allowed: 2,
      blocked: 7,
      reasons: {
        withdrawn_all: 1,
        withdrawn_channel: 1,
        withdrawn_topic: 1,
        withdrawn_topic_channel: 1,
        no_consent: 1,
        unknown_contact: 1,
        no_address: 1,
        baseline_consent: 1,
        explicit_consent: 1,
      },
    });
  });

  it("needs an explicit grant for opt_in and partner topics", async () => {
    const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*")] });
    for (const topic of ["advertising", "partner_offers"]) {
      const response = await check({ topic, recipients: [{ email: contact.email }] });
      expect(response.body.blocked).toEqual([{ recipient: { email: contact.email }, reason: "no_consent" }]);
    }
    await call("POST", "/v1/contacts", { body: { email: contact.email, consents: [grant("partner_offers", "email")] } });
    const granted = await check({ topic: "partner_offers", recipients: [{ email: contact.email }] });
    expect(granted.body.allowed).toHaveLength(1);
  });

  it("re-allows after a broad withdrawal only when that same scope is granted again", async () => {
    const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*"), withdraw("*", "email")] });
    await call("POST", "/v1/contacts", { body: { email: contact.email, consents: [grant("newsletter", "email")] } });
    expect((await check({ recipients: [{ email: contact.email }] })).body.blocked[0].reason).toBe("withdrawn_channel");
    await call("POST", "/v1/contacts", { body: { email: contact.email, consents: [grant("*", "email")] } });
    expect((await check({ recipients: [{ email: contact.email }] })).body.allowed).toHaveLength(1);
  });

  it("keeps SMS inside its window in Kazakhstan time, answering when to retry, and email not", async () => {
    const contact = await createContact({ email: freshEmail(), phone: freshPhone(), consents: [grant("*", "*")] });
    const sms = (sendAt: string) => check({ topic: "event_invitations", channel: "sms", sendAt, recipients: [{ phone: contact.phone }] });
    const night = await sms(NIGHT_ALMATY);
    expectStatus(night, 200);
    expect(night.body.blocked).toEqual([{ recipient: { phone: contact.phone }, reason: "outside_sending_window", retryAt: "2026-11-26T04:00:00.000Z" }]);
    expect(night.body.counts.reasons).toEqual({ outside_sending_window: 1 });
    expect((await sms(NOON_ALMATY)).body.allowed).toHaveLength(1);
    const email = await check({ sendAt: NIGHT_ALMATY, recipients: [{ email: contact.email }] });
    expect(email.body.allowed).toHaveLength(1);
  });

  it.each([
    ["on a Saturday", "2026-11-28T12:00:00+05:00", "2026-11-30T04:00:00.000Z"],
    ["on Independence Day", "2026-12-16T12:00:00+05:00", "2026-12-17T04:00:00.000Z"],
    ["at 21:00 on the Friday before Nauryz", "2026-03-20T21:00:00+05:00", "2026-03-26T04:00:00.000Z"],
  ])("blocks voice %s until the next open window", async (_, sendAt, retryAt) => {
    const contact = await createContact({ phone: freshPhone(), consents: [grant("event_invitations", "voice")] });
    const response = await check({ topic: "event_invitations", channel: "voice", sendAt, recipients: [{ contactId: contact.id }] });
    expectStatus(response, 200);
    expect(response.body.blocked).toEqual([{ recipient: { contactId: contact.id }, reason: "outside_sending_window", retryAt }]);
    const retried = await check({ topic: "event_invitations", channel: "voice", sendAt: retryAt, recipients: [{ contactId: contact.id }] });
    expect(retried.body.allowed).toHaveLength(1);
  });

  it("answers consent_expired for an advertising grant older than 24 months, and allows a renewed one", async () => {
    const twoYearsAgo = new Date(Date.now() - 2 * 366 * 86_400_000).toISOString();
    const contact = await createContact({ email: freshEmail(), consents: [grant("advertising", "email", { occurredAt: twoYearsAgo }), grant("newsletter", "email", { occurredAt: twoYearsAgo })] });
    const ads = await check({ topic: "advertising", recipients: [{ email: contact.email }] });
    expectStatus(ads, 200);
    expect(ads.body.blocked).toEqual([{ recipient: { email: contact.email }, reason: "consent_expired" }]);
    // A topic without a lifespan keeps its grant.
    expect((await check({ topic: "newsletter", recipients: [{ email: contact.email }] })).body.allowed).toHaveLength(1);
    // Still valid at a send time before it expired.
    const before = new Date(Date.parse(twoYearsAgo) + 86_400_000).toISOString();
    expect((await check({ topic: "advertising", sendAt: before, recipients: [{ email: contact.email }] })).body.allowed).toHaveLength(1);
    await call("POST", "/v1/contacts", { body: { email: contact.email, consents: [grant("advertising", "email")] } });
    expect((await check({ topic: "advertising", recipients: [{ email: contact.email }] })).body.allowed).toHaveLength(1);
    const view = await call("GET", `/v1/contacts/${contact.id}`);
    expect(view.body.preferences.advertising.email).toEqual({ allowed: true, reason: "explicit_consent" });
  });

  it("shows an expired grant as consent_expired in the contact's preferences", async () => {
    const longAgo = new Date(Date.now() - 3 * 365 * 86_400_000).toISOString();
    const contact = await createContact({ email: freshEmail(), consents: [grant("advertising", "*", { occurredAt: longAgo })] });
    const view = await call("GET", `/v1/contacts/${contact.id}`);
    expectStatus(view, 200);
    expect(view.body.preferences.advertising.email).toEqual({ allowed: false, reason: "consent_expired" });
  });

  it("blocks a suppressed address on its channel only", async () => {
    const contact = await createContact({ email: freshEmail(), phone: freshPhone(), consents: [grant("*", "*")] });
    await suppress("email", contact.email!, "email", "hard_bounce");
    expect((await check({ recipients: [{ contactId: contact.id }] })).body.blocked[0].reason).toBe("suppressed");
    const sms = await check({ topic: "event_invitations", channel: "sms", sendAt: NOON_ALMATY, recipients: [{ contactId: contact.id }] });
    expect(sms.body.allowed).toHaveLength(1);
  });

  it("blocks an address left behind by an erasure as erased, not unknown", async () => {
    const email = freshEmail();
    await suppress("email", email, "*", "erased");
    const response = await check({ recipients: [{ email }, { email: freshEmail() }] });
    expect(response.body.blocked.map((b: { reason: string }) => b.reason)).toEqual(["erased", "unknown_contact"]);
  });

  it("records every check: who asked, what, and the counts per reason", async () => {
    const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*")] });
    const campaign = `winter-school-${unique()}`;
    const response = await check({ campaign, recipients: [{ email: contact.email }, { email: freshEmail() }] });
    const row = await sql.first<Record<string, unknown>>("SELECT * FROM send_checks WHERE id = ?1", response.body.id);
    expect(row).toMatchObject({ api_key_id: "admin", topic: "newsletter", channel: "email", campaign, recipients: 2, allowed: 1, blocked: 1 });
    expect(JSON.parse(row!.reasons as string)).toEqual({ baseline_consent: 1, unknown_contact: 1 });
  });

  it("decides 10,000 recipients in one check", async () => {
    const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*")] });
    const recipients = Array.from({ length: 10_000 }, (_, i) => ({ email: i === 0 ? contact.email! : `nobody${i}.${unique()}@example.kz` }));
    const response = await check({ recipients });
    expectStatus(response, 200);
    expect(response.body.allowed).toHaveLength(1);
    expect(response.body.blocked).toHaveLength(9_999);
  });
});

describe("POST /v1/send-checks: bad input", () => {
  const one = [{ email: "x@example.kz" }];
  it.each([
    ["an unknown topic", { topic: "lottery", recipients: one }, [["topic"]]],
    ["an unknown channel", { channel: "fax", recipients: one }, [["channel"]]],
    ["a channel the topic does not use", { topic: "newsletter", channel: "sms", recipients: one }, [["channel"]]],
    ["no recipients", { recipients: [] }, [["recipients"]]],
    ["a recipient with two identifiers", { recipients: [{ email: "x@example.kz", phone: "+77011234567" }] }, [["recipients", 0]]],
    ["a recipient with none", { recipients: [{}] }, [["recipients", 0]]],
    ["a recipient with an unknown key", { recipients: [{ mail: "x@example.kz" }] }, [["recipients", 0], ["recipients", 0]]],
    ["a malformed email", { recipients: [{ email: "x@example.kz" }, { email: "nope" }] }, [["recipients", 1, "email"]]],
    ["a malformed phone", { recipients: [{ phone: "12" }] }, [["recipients", 0, "phone"]]],
    ["a number for a phone", { recipients: [{ phone: 77011234567 }] }, [["recipients", 0, "phone"]]],
    ["a bad sendAt", { sendAt: "tomorrow", recipients: one }, [["sendAt"]]],
    ["an unknown field", { recipients: one, priority: "high" }, [[]]],
  ])("rejects %s with 400 and the field path, and records no check", async (_name, body, paths) => {
    // A campaign of its own, to count this check's rows while other files record theirs.
    const campaign = `bad-input-${unique()}`;
    expectError(await check({ campaign, ...body }), 400, "invalid_request", paths);
    expect(await sql.value("SELECT count(*) AS n FROM send_checks WHERE campaign = ?1", campaign)).toBe(0);
  });

  it("rejects 10,001 recipients", async () => {
    const recipients = Array.from({ length: 10_001 }, (_, i) => ({ externalId: `u${i}` }));
    expectError(await check({ recipients }), 400, "invalid_request", [["recipients"]]);
  });

  it("rejects a body over 4 MiB with 413", async () => {
    const recipients = Array.from({ length: 10_000 }, () => ({ externalId: "x".repeat(420) }));
    expectError(await check({ recipients }), 413, "payload_too_large");
  });
});

describe("GET /v1/send-checks and /v1/send-checks/{id}", () => {
  it("lists past checks of a campaign, newest first, in pages, and gives one by id with its counts", async () => {
    const campaign = `campaign-${unique()}`;
    const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*")] });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const made = await call("POST", "/v1/send-checks", { body: { topic: "newsletter", channel: "email", campaign, recipients: [{ contactId: contact.id }, { email: freshEmail() }] } });
      expectStatus(made, 200);
      ids.push(made.body.id);
    }
    const first = await call("GET", `/v1/send-checks?campaign=${campaign}&limit=2`);
    expectStatus(first, 200);
    expect(first.body.sendChecks.map((s: { id: string }) => s.id)).toEqual([ids[2], ids[1]]);
    const second = await call("GET", `/v1/send-checks?campaign=${campaign}&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.sendChecks.map((s: { id: string }) => s.id)).toEqual([ids[0]]);
    expect(second.body.nextCursor).toBeNull();

    const one = await call("GET", `/v1/send-checks/${ids[0]}`);
    expectStatus(one, 200);
    expect(one.body).toMatchObject({ id: ids[0], topic: "newsletter", channel: "email", campaign, recipients: 2, allowed: 1, blocked: 1, digest: false, committed: false });
    expect(one.body.reasons).toEqual({ baseline_consent: 1, unknown_contact: 1 });
    expect(JSON.stringify(one.body)).not.toContain("@");
  });

  it("keeps whether a check was made for the topic's digest and whether it was committed", async () => {
    const contact = await createContact({ email: freshEmail(), consents: [grant("newsletter", "email")] });
    const recorded = async (body: Record<string, unknown>) => {
      const made = await call("POST", "/v1/send-checks", { body: { topic: "newsletter", channel: "email", recipients: [{ contactId: contact.id }], ...body } });
      expectStatus(made, 200);
      const one = await call("GET", `/v1/send-checks/${made.body.id}`);
      expectStatus(one, 200);
      return { digest: one.body.digest, committed: one.body.committed };
    };
    expect(await recorded({ digest: true })).toEqual({ digest: true, committed: false });
    expect(await recorded({ commit: true })).toEqual({ digest: false, committed: true });
    expect(await recorded({ digest: true, commit: true })).toEqual({ digest: true, committed: true });
  });

  it("answers an unknown id with 404, a bad limit with 400, and a key without send-checks:read with 403", async () => {
    expectError(await call("GET", "/v1/send-checks/sc_nothing"), 404, "not_found");
    expectError(await call("GET", "/v1/send-checks?limit=0"), 400, "invalid_request", [["limit"]]);
    const writer = await call("POST", "/v1/api-keys", { body: { name: "writer", scopes: ["send-checks:write"] } });
    expectStatus(writer, 201);
    expectError(await call("GET", "/v1/send-checks", { key: writer.body.key }), 403, "forbidden");
  });
});
