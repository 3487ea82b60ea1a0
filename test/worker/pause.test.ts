import { describe, expect, it } from "vitest";
import { call, createContact, expectError, expectStatus, freshEmail, grant, withdraw } from "./api";
import { sql } from "./db";

// Pause and "less often" through the API (issue 13 item 3; docs/preferences.md, docs/decision.md).

const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();
/** Noon in Kazakhstan, `days` from today: outside the quiet hours, for email it does not matter. */
const noonIn = (days: number) => `${new Date(Date.now() + days * DAY).toISOString().slice(0, 10)}T12:00:00+05:00`;

function pause(topic: string, channel: string, until: string, extra: Record<string, unknown> = {}) {
  return { topic, channel, status: "paused", until, source: "api", ...extra };
}

function check(body: Record<string, unknown>) {
  return call("POST", "/v1/send-checks", { body: { topic: "newsletter", channel: "email", ...body } });
}

async function blockedOf(contactId: string, body: Record<string, unknown> = {}) {
  const response = await check({ recipients: [{ contactId }], ...body });
  expectStatus(response, 200);
  return response.body.blocked as { reason: string; until?: string }[];
}

describe("POST /v1/contacts: pause events", () => {
  it("records a pause with its end, and the proof shows it in JSON and CSV", async () => {
    const until = inDays(30);
    const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*"), pause("newsletter", "*", until)] });
    const proof = await call("GET", `/v1/contacts/${contact.id}/consents`);
    expectStatus(proof, 200);
    const paused = proof.body.events.find((e: { status: string }) => e.status === "paused");
    expect(paused).toMatchObject({ topic: "newsletter", channel: "*", until: new Date(until).toISOString() });
    expect(proof.body.events.find((e: { status: string }) => e.status === "granted").until).toBeNull();
    // The pause moved no consent state: (*,*) is still granted, and nothing else is recorded.
    expect(proof.body.state.consents.map((s: { topic: string; status: string }) => [s.topic, s.status])).toEqual([["*", "granted"]]);
    expect(proof.body.summary.text.some((line: string) => line.includes("paused on"))).toBe(true);
    const shown = await call("GET", `/v1/contacts/${contact.id}`);
    expect(shown.body.pauses).toEqual([{ topic: "newsletter", channel: "*", until: new Date(until).toISOString() }]);
    expect(shown.body.digests).toEqual([]);

    const csv = await call("GET", `/v1/contacts/${contact.id}/consents?format=csv`);
    expectStatus(csv, 200);
    const [header, , pausedRow] = (csv.body as string).trim().split("\r\n");
    expect(header!.split(",").at(-1)).toBe("until");
    expect(pausedRow!.endsWith(`,${new Date(until).toISOString()}`)).toBe(true);
  });

  it.each([
    ["no until", { until: undefined }, ["consents", 1, "until"]],
    ["an until in the past", { until: inDays(-1) }, ["consents", 1, "until"]],
    ["an until now", { until: new Date().toISOString() }, ["consents", 1, "until"]],
    ["an until more than a year ahead", { until: inDays(367) }, ["consents", 1, "until"]],
    ["an until that is no time", { until: "next month" }, ["consents", 1, "until"]],
    ["an until on a grant", { status: "granted" }, ["consents", 1, "until"]],
    ["digest on a topic without a digest", { topic: "offers_prices", status: "digest", until: undefined }, ["consents", 1, "topic"]],
    ["digest on every topic", { topic: "*", status: "digest", until: undefined }, ["consents", 1, "topic"]],
  ])("refuses %s with 400 naming the field, and writes nothing", async (_, change, path) => {
    const email = freshEmail();
    const consent = { ...pause("newsletter", "*", inDays(30)), ...change };
    const response = await call("POST", "/v1/contacts", { body: { email, consents: [grant("*", "*"), consent] } });
    expectError(response, 400, "invalid_request", [path]);
    const found = await call("GET", `/v1/contacts?email=${encodeURIComponent(email)}`);
    expect(found.body.contacts).toEqual([]);
  });

  it("keeps the ledger's guarantee: an until is refused on any event but a pause", async () => {
    const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*")] });
    const now = new Date().toISOString();
    await expect(
      sql.run(
        `INSERT INTO consent_events (id, contact_id, topic, channel, status, source, occurred_at, recorded_at, policy_version, actor, evidence, until)
         VALUES (?1, ?2, '*', '*', 'granted', 'api', ?3, ?3, '2025-01', 'test', '{}', ?4)`,
        `ce_${crypto.randomUUID()}`,
        contact.id,
        now,
        inDays(3),
      ),
    ).rejects.toThrow(/until/);
  });

  it("keeps a pause's end through an erasure: the ledger may lose evidence, never change until", async () => {
    const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*"), pause("*", "*", inDays(30))] });
    expectStatus(await call("DELETE", `/v1/contacts/${contact.id}`), 200);
    const proof = await sql.all<{ until: string | null }>("SELECT until FROM consent_events WHERE contact_id = ?1 AND status = 'paused'", contact.id);
    expect(proof).toHaveLength(1);
    expect(proof[0]!.until).not.toBeNull();
    await expect(
      sql.run(`UPDATE consent_events SET until = ?2, evidence = '{"erased":true}', locale = NULL WHERE contact_id = ?1 AND status = 'paused'`, contact.id, inDays(5)),
    ).rejects.toThrow(/append-only/);
    // The same update without touching until is an erasure's, and allowed: until alone was refused.
    await sql.run(`UPDATE consent_events SET evidence = '{"erased":true}', locale = NULL WHERE contact_id = ?1 AND status = 'paused'`, contact.id);
  });
});

describe("POST /v1/send-checks: paused and digest_only", () => {
  it("blocks a paused contact with the pause's end, on every topic for a pause of everything", async () => {
    const until = inDays(90);
    const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*"), pause("*", "*", until)] });
    expect(await blockedOf(contact.id, { sendAt: noonIn(0) })).toEqual([{ recipient: { contactId: contact.id }, reason: "paused", until: new Date(until).toISOString() }]);
    const other = await check({ topic: "event_invitations", recipients: [{ contactId: contact.id }] });
    expect(other.body.blocked[0]).toMatchObject({ reason: "paused", until: new Date(until).toISOString() });
    expect(other.body.counts.reasons).toEqual({ paused: 1 });
  });

  it("pauses one topic only, and leaves the others as they were", async () => {
    const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*"), pause("newsletter", "*", inDays(30))] });
    expect((await blockedOf(contact.id))[0]?.reason).toBe("paused");
    const other = await check({ topic: "service_updates", recipients: [{ contactId: contact.id }] });
    expect(other.body.allowed).toHaveLength(1);
  });

  it("ends by itself: a send after the pause's end is allowed as before", async () => {
    const until = inDays(30);
    const contact = await createContact({ email: freshEmail(), consents: [grant("newsletter", "email"), pause("newsletter", "*", until)] });
    expect((await blockedOf(contact.id, { sendAt: noonIn(29) }))[0]).toMatchObject({ reason: "paused" });
    const after = await check({ recipients: [{ contactId: contact.id }], sendAt: noonIn(31) });
    expect(after.body.allowed).toHaveLength(1);
  });

  it("a withdrawal during a pause still takes effect, and outlasts it", async () => {
    const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*"), pause("*", "*", inDays(30))] });
    const saved = await call("POST", "/v1/contacts", { body: { email: contact.email, consents: [withdraw("newsletter", "email")] } });
    expectStatus(saved, 200);
    expect((await blockedOf(contact.id))[0]?.reason).toBe("withdrawn_topic_channel");
    expect((await blockedOf(contact.id, { sendAt: noonIn(40) }))[0]?.reason).toBe("withdrawn_topic_channel");
  });

  it("a grant of the same scope or a resume ends the pause; a grant of another scope does not", async () => {
    const resumed = await createContact({ email: freshEmail(), consents: [grant("*", "*"), pause("*", "*", inDays(30))] });
    await call("POST", "/v1/contacts", { body: { email: resumed.email, consents: [grant("newsletter", "*")] } });
    expect((await blockedOf(resumed.id))[0]?.reason).toBe("paused");
    const after = await call("POST", "/v1/contacts", { body: { email: resumed.email, consents: [{ topic: "*", channel: "*", status: "resumed", source: "api" }] } });
    expect(after.body.pauses).toEqual([]);
    expect(await blockedOf(resumed.id)).toEqual([]);

    const regranted = await createContact({ email: freshEmail(), consents: [grant("*", "*"), pause("*", "*", inDays(30))] });
    await call("POST", "/v1/contacts", { body: { email: regranted.email, consents: [grant("*", "*")] } });
    expect(await blockedOf(regranted.id)).toEqual([]);
  });

  it("a pause recorded late, with a time before a grant of its scope, stays ended", async () => {
    const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*", { occurredAt: inDays(-1) })] });
    await call("POST", "/v1/contacts", { body: { email: contact.email, consents: [pause("*", "*", inDays(10), { occurredAt: inDays(-2) })] } });
    expect(await blockedOf(contact.id)).toEqual([]);
  });

  it("the latest end of overlapping pauses is the one answered", async () => {
    const later = inDays(60);
    const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*"), pause("*", "email", inDays(20)), pause("newsletter", "*", later)] });
    expect((await blockedOf(contact.id))[0]).toMatchObject({ reason: "paused", until: new Date(later).toISOString() });
  });

  it("digest only: blocks the topic's ordinary sends, allows its digest campaign, until digest_off", async () => {
    const digest = { topic: "newsletter", channel: "*", status: "digest", source: "api" };
    const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*"), digest] });
    expect((await blockedOf(contact.id))[0]?.reason).toBe("digest_only");
    expect(await blockedOf(contact.id, { digest: true })).toEqual([]);
    expect((await call("GET", `/v1/contacts/${contact.id}`)).body.digests).toEqual([{ topic: "newsletter", channel: "*" }]);
    const other = await check({ topic: "service_updates", recipients: [{ contactId: contact.id }] });
    expect(other.body.allowed).toHaveLength(1);
    // A stop and a new grant of the topic leave the choice in place: stopping is a switch.
    await call("POST", "/v1/contacts", { body: { email: contact.email, consents: [withdraw("newsletter", "*")] } });
    expect((await blockedOf(contact.id, { digest: true }))[0]?.reason).toBe("withdrawn_topic");
    await call("POST", "/v1/contacts", { body: { email: contact.email, consents: [grant("newsletter", "*")] } });
    expect((await blockedOf(contact.id))[0]?.reason).toBe("digest_only");
    await call("POST", "/v1/contacts", { body: { email: contact.email, consents: [{ ...digest, status: "digest_off" }] } });
    expect(await blockedOf(contact.id)).toEqual([]);
  });

  it("refuses digest: true for a topic without a digest", async () => {
    const response = await check({ topic: "offers_prices", digest: true, recipients: [{ email: freshEmail() }] });
    expectError(response, 400, "invalid_request", [["digest"]]);
  });
});
