import { describe, expect, it } from "vitest";
import { call, createContact, expectError, expectStatus, freshEmail, freshPhone, grant, withdraw } from "./api";

/** RFC 4180, as a spreadsheet reads it: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(field), (field = "");
    else if (ch === "\r" && text[i + 1] === "\n") row.push(field), rows.push(row), (row = []), (field = ""), i++;
    else field += ch;
  }
  expect(field, "the file ends with CRLF").toBe("");
  return rows;
}

/** A contact with a varied ledger: a baseline with evidence, a late record, a withdrawal, an old policy version. */
async function contactWithHistory() {
  const email = freshEmail();
  const contact = await createContact({
    email,
    phone: freshPhone(),
    locale: "ru",
    consents: [
      grant("*", "*", {
        occurredAt: "2025-09-01T10:00:00+05:00",
        policyVersion: "2023-06",
        evidence: { ip: "203.0.113.7", note: 'Подписал, "лично", в Алматы\nвторая строка' },
      }),
      withdraw("newsletter", "email", { source: "phone_call", occurredAt: "2026-03-01T10:00:00+05:00" }),
    ],
  });
  // Recorded later about an earlier moment: in the ledger, not in the state.
  await call("POST", "/v1/contacts", { body: { email, consents: [grant("newsletter", "email", { occurredAt: "2025-10-01T09:00:00Z" })] } });
  return { ...contact, email };
}

describe("GET /v1/contacts/{id}/consents as JSON", () => {
  it("answers every event in ledger order, the current state with the events that set it, and a summary", async () => {
    const contact = await contactWithHistory();
    const response = await call("GET", `/v1/contacts/${contact.id}/consents`);
    expectStatus(response, 200);
    const { events, state, summary } = response.body;
    expect(response.body.contact).toMatchObject({ id: contact.id, email: contact.email, phone: contact.phone, locale: "ru" });
    expect(events.map((e: any) => [e.topic, e.channel, e.status, e.source, e.policyVersion])).toEqual([
      ["*", "*", "granted", "web_form", "2023-06"],
      ["newsletter", "email", "withdrawn", "phone_call", "2024-01"],
      ["newsletter", "email", "granted", "web_form", "2024-01"],
    ]);
    expect(events.map((e: any) => e.seq)).toEqual([...events.map((e: any) => e.seq)].sort((a, b) => a - b));
    expect(events[0]).toMatchObject({
      id: expect.stringMatching(/^ce_/),
      occurredAt: "2025-09-01T05:00:00.000Z",
      recordedAt: expect.any(String),
      locale: "ru",
      actor: "api_key:admin",
      evidence: { ip: "203.0.113.7", note: 'Подписал, "лично", в Алматы\nвторая строка' },
    });
    const newsletter = state.consents.find((s: any) => s.topic === "newsletter");
    expect(newsletter).toEqual({
      topic: "newsletter",
      channel: "email",
      status: "withdrawn",
      occurredAt: "2026-03-01T05:00:00.000Z",
      eventId: events[1].id,
      source: "phone_call",
    });
    expect(state.preferences.newsletter.email).toEqual({ allowed: false, reason: "withdrawn_topic_channel" });
    expect(state.suppressions).toEqual([]);
    expect(summary).toMatchObject({
      events: 3,
      byStatus: { granted: 2, withdrawn: 1 },
      firstOccurredAt: "2025-09-01T05:00:00.000Z",
      lastOccurredAt: "2026-03-01T05:00:00.000Z",
      policyVersions: ["2023-06", "2024-01"],
    });
    expect(summary.text[0]).toBe(
      "3 ledger events (2 granted, 1 withdrawn) that occurred from 2025-09-01 10:00 to 2026-03-01 10:00 (UTC+05:00), " +
        "under policy versions 2023-06, 2024-01.",
    );
    expect(summary.text).toContain(`Newsletter (newsletter) by email: withdrawn since 2026-03-01 10:00, source phone_call (event ${events[1].id}).`);
    expect(Date.parse(response.body.generatedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("shows a double opt-in awaiting confirmation as pending, and says so in the summary", async () => {
    const saved = await call("POST", "/v1/contacts", { body: { email: freshEmail(), doubleOptIn: true, consents: [grant("advertising", "email")] } });
    expectStatus(saved, 201);
    const { body } = await call("GET", `/v1/contacts/${saved.body.id}/consents`);
    expect(body.events).toEqual([expect.objectContaining({ topic: "advertising", channel: "email", status: "pending" })]);
    expect(body.state.consents).toEqual([]);
    expect(body.summary.byStatus).toEqual({ pending: 1 });
    expect(body.summary.text[1]).toMatch(/^Advertising and promotions \(advertising\) by email: awaiting confirmation \(double opt-in\) since /);
  });

  it("says plainly when nothing is recorded", async () => {
    const contact = await createContact({ phone: freshPhone() });
    const { body } = await call("GET", `/v1/contacts/${contact.id}/consents`);
    expect(body.events).toEqual([]);
    expect(body.summary).toMatchObject({ events: 0, firstOccurredAt: null, text: ["No consent or withdrawal is recorded for this contact."] });
  });

  it("answers JSON when ?format=json, whatever Accept says", async () => {
    const contact = await createContact({ email: freshEmail(), consents: [grant("*", "email")] });
    const response = await call("GET", `/v1/contacts/${contact.id}/consents?format=json`, { headers: { Accept: "text/csv" } });
    expectStatus(response, 200);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
  });
});

describe("GET /v1/contacts/{id}/consents as CSV", () => {
  it.each([
    ["Accept: text/csv", "", { Accept: "text/csv" }],
    ["?format=csv", "?format=csv", {}],
  ])("answers an RFC 4180 file for %s that parses back to the ledger", async (_name, query, headers) => {
    const contact = await contactWithHistory();
    const json = (await call("GET", `/v1/contacts/${contact.id}/consents`)).body;
    const response = await call("GET", `/v1/contacts/${contact.id}/consents${query}`, { headers });
    expectStatus(response, 200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8; header=present");
    const disposition = response.headers.get("Content-Disposition")!;
    expect(disposition).toMatch(new RegExp(`^attachment; filename="consents-${contact.id}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    expect(disposition).not.toContain(contact.email.split("@")[0]);
    expect(disposition).not.toContain(contact.phone!.slice(1));

    const [header, ...rows] = parseCsv(response.body as string);
    expect(header).toEqual([
      "contactId", "seq", "id", "topic", "channel", "status", "source", "occurredAt", "recordedAt", "policyVersion", "locale", "actor", "evidence", "until",
    ]);
    expect(rows).toHaveLength(3);
    rows.forEach((row, i) => {
      const event = json.events[i];
      const record = Object.fromEntries(header!.map((name, j) => [name, row[j]]));
      expect(record).toEqual({
        contactId: contact.id,
        seq: String(event.seq),
        id: event.id,
        topic: event.topic,
        channel: event.channel,
        status: event.status,
        source: event.source,
        occurredAt: event.occurredAt,
        recordedAt: event.recordedAt,
        policyVersion: event.policyVersion,
        locale: event.locale ?? "",
        actor: event.actor,
        evidence: JSON.stringify(event.evidence),
        until: event.until ?? "",
      });
      expect(JSON.parse(record.evidence!)).toEqual(event.evidence);
    });
  });

  it("answers a header row alone for an empty ledger", async () => {
    const contact = await createContact({ email: freshEmail() });
    const response = await call("GET", `/v1/contacts/${contact.id}/consents?format=csv`);
    expectStatus(response, 200);
    expect(parseCsv(response.body as string)).toHaveLength(1);
  });
});

describe("GET /v1/contacts/{id}/consents: errors", () => {
  it("answers 404 for an unknown id", async () => {
    expectError(await call("GET", "/v1/contacts/ct_doesnotexist/consents"), 404, "not_found");
    expectError(await call("GET", "/v1/contacts/ct_doesnotexist/consents?format=csv"), 404, "not_found");
  });

  it("answers 400 with the field path for an unknown format", async () => {
    const contact = await createContact({ email: freshEmail() });
    expectError(await call("GET", `/v1/contacts/${contact.id}/consents?format=xlsx`), 400, "invalid_request", [["format"]]);
  });

  it("answers 410 with the erasure record for an erased contact, in JSON and CSV alike", async () => {
    const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*")] });
    const erased = await call("DELETE", `/v1/contacts/${contact.id}`);
    expectStatus(erased, 200);
    for (const query of ["", "?format=csv"]) {
      const response = await call("GET", `/v1/contacts/${contact.id}/consents${query}`);
      expectError(response, 410, "gone");
      expect(response.body.erasure).toEqual(erased.body);
    }
  });
});
