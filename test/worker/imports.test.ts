import { describe, expect, it } from "vitest";
import { call, createContact, expectStatus, freshEmail, freshPhone, grant, unique } from "./api";
import { sql } from "./db";
import { importFile, importRows, ndjson, snapshotOf, waitForImport } from "./imports";

const GRANT_2024 = { topic: "*", channel: "*", status: "granted", occurredAt: "2024-05-01T10:00:00+05:00" };

describe("POST /v1/imports: NDJSON", () => {
  it("imports contacts with their consent records and evidence, in the background, and reports done", async () => {
    const email = freshEmail();
    const phone = freshPhone();
    const externalId = `crm-${unique()}`;
    const upload = await call("POST", "/v1/imports", {
      rawBody: ndjson([
        {
          email: email.toUpperCase(),
          phone: `8${phone.slice(2)}`,
          locale: "ru",
          consents: [
            { ...GRANT_2024, policyVersion: "2023-06", evidence: { form: "paper", operator: "A. Seitkali" } },
            { topic: "offers_prices", channel: "sms", status: "withdrawn", occurredAt: "2025-02-01T09:00:00Z", source: "import" },
          ],
        },
        { externalId },
      ]),
      headers: { "Content-Type": "application/x-ndjson" },
    });
    expectStatus(upload, 202);
    expect(upload.body).toEqual({
      id: expect.stringMatching(/^imp_/),
      status: "queued",
      format: "ndjson",
      rows: 2,
      links: { self: `/v1/imports/${upload.body.id}`, errors: `/v1/imports/${upload.body.id}/errors` },
    });
    expect(upload.headers.get("Location")).toBe(upload.body.links.self);

    const done = await waitForImport(upload.body.id);
    expect(done).toMatchObject({ status: "done", rows: 2, imported: 2, unchanged: 0, rejected: 0, errors: [], nextErrorsCursor: null });
    expect(done.progress).toEqual({ chunks: 1, chunksDone: 1, chunksFailed: 0, rowsProcessed: 2, percent: 100 });
    expect(done.finishedAt).toBeTruthy();

    const [contact] = await sql.all("SELECT * FROM contacts WHERE email = ?1", email);
    expect(contact).toMatchObject({ phone, locale: "ru", external_id: null });
    const ledger = await sql.all("SELECT * FROM consent_events WHERE contact_id = ?1 ORDER BY seq", contact!.id);
    expect(ledger.map((e) => [e.topic, e.channel, e.status, e.source, e.occurred_at, e.policy_version, e.locale, e.actor])).toEqual([
      ["*", "*", "granted", "import", "2024-05-01T05:00:00.000Z", "2023-06", "ru", "api_key:admin"],
      ["offers_prices", "sms", "withdrawn", "import", "2025-02-01T09:00:00.000Z", "2024-01", "ru", "api_key:admin"],
    ]);
    expect(JSON.parse(ledger[0]!.evidence)).toEqual({ form: "paper", operator: "A. Seitkali" });
    expect(ledger.every((e) => /^[0-9a-f]{32}$/.test(e.import_key))).toBe(true);
    const view = await call("GET", `/v1/contacts/${contact!.id}`);
    expect(view.body.preferences.newsletter.email).toEqual({ allowed: true, reason: "baseline_consent" });
    expect(view.body.preferences.offers_prices.sms).toEqual({ allowed: false, reason: "withdrawn_topic_channel" });
    expect(await sql.all("SELECT id FROM contacts WHERE external_id = ?1", externalId)).toHaveLength(1);
  });

  it("updates an existing contact by identity, as POST /v1/contacts does, and keeps its ledger", async () => {
    const externalId = `crm-${unique()}`;
    const existing = await createContact({ externalId, consents: [grant("newsletter", "email")] });
    const email = freshEmail();
    const done = await importRows([{ externalId, email, consents: [{ ...GRANT_2024, topic: "event_invitations", channel: "email" }] }]);
    expect(done).toMatchObject({ status: "done", imported: 1, rejected: 0 });
    const [contact] = await sql.all("SELECT * FROM contacts WHERE external_id = ?1", externalId);
    expect(contact).toMatchObject({ id: existing.id, email });
    const ledger = await sql.all("SELECT source, topic FROM consent_events WHERE contact_id = ?1 ORDER BY seq", existing.id);
    expect(ledger).toEqual([{ source: "web_form", topic: "newsletter" }, { source: "import", topic: "event_invitations" }]);
  });

  it("changes nothing when the same file is imported again: counts say unchanged, contacts and ledger stay as they were", async () => {
    const file = ndjson(
      Array.from({ length: 30 }, (_, i) => ({
        externalId: `rerun-${unique()}`,
        email: freshEmail(),
        consents: [GRANT_2024, { topic: "newsletter", channel: "email", status: i % 2 ? "granted" : "withdrawn", occurredAt: "2025-03-01T00:00:00Z" }],
      })),
    );
    const first = await importFile(file);
    expect(first).toMatchObject({ status: "done", rows: 30, imported: 30, unchanged: 0 });
    const emails = file.split("\n").filter(Boolean).map((line) => JSON.parse(line).email as string);
    const before = await snapshotOf(emails);
    const again = await importFile(file);
    expect(again).toMatchObject({ status: "done", rows: 30, imported: 0, unchanged: 30, rejected: 0 });
    expect(await snapshotOf(emails)).toEqual(before);
  });

  it("writes rows with many consents, whose events exceed what D1 binds in one value", async () => {
    const prefix = unique();
    const consents = Array.from({ length: 100 }, (_, i) => ({ ...GRANT_2024, occurredAt: new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString(), evidence: { n: i, note: "x".repeat(50) } }));
    const done = await importRows(Array.from({ length: 40 }, (_, i) => ({ email: `many.${prefix}.${i}@example.kz`, consents })));
    expect(done).toMatchObject({ status: "done", rows: 40, imported: 40, progress: { chunks: 1 } });
    const [{ n }] = (await sql.all(
      "SELECT count(*) AS n FROM consent_events e JOIN contacts c ON c.id = e.contact_id WHERE c.email LIKE ?1",
      `many.${prefix}.%`,
    )) as [{ n: number }];
    expect(n).toBe(4_000);
  });

  it("spreads a large file over chunks of 1,000 rows and sums their progress", async () => {
    const prefix = unique();
    const file = ndjson(Array.from({ length: 2_345 }, (_, i) => ({ email: `bulk.${prefix}.${i}@example.kz`, consents: [GRANT_2024] })));
    const done = await importFile(file);
    expect(done).toMatchObject({ status: "done", rows: 2_345, imported: 2_345 });
    expect(done.progress).toEqual({ chunks: 3, chunksDone: 3, chunksFailed: 0, rowsProcessed: 2_345, percent: 100 });
    const [{ n }] = (await sql.all("SELECT count(*) AS n FROM contacts WHERE email LIKE ?1", `bulk.${prefix}.%`)) as [{ n: number }];
    expect(n).toBe(2_345);
  });
});

describe("POST /v1/imports: CSV", () => {
  it("reads RFC 4180 (quotes, commas and line breaks in fields, CRLF); rows naming one contact add up", async () => {
    const email = freshEmail();
    const externalId = `csv-${unique()}`;
    const other = freshEmail();
    const csv = [
      "externalId,email,phone,locale,topic,channel,status,occurredAt,policyVersion,evidence",
      `${externalId},${email},,kk,*,*,granted,2024-05-01T10:00:00Z,2023-06,"{""note"": ""signed at the seminar, Almaty"",\n ""room"": 2}"`,
      `${externalId},,,,newsletter,email,withdrawn,2025-01-10T10:00:00Z,,`,
      `,"${other}",,,,,,,,`,
    ].join("\r\n");
    const done = await importFile(csv + "\r\n", "text/csv");
    expect(done).toMatchObject({ status: "done", format: "csv", rows: 3, imported: 3, rejected: 0 });
    const [contact] = await sql.all("SELECT * FROM contacts WHERE external_id = ?1", externalId);
    expect(contact).toMatchObject({ email, locale: "kk" });
    const ledger = await sql.all("SELECT * FROM consent_events WHERE contact_id = ?1 ORDER BY seq", contact!.id);
    expect(ledger.map((e) => [e.topic, e.channel, e.status, e.policy_version])).toEqual([
      ["*", "*", "granted", "2023-06"],
      ["newsletter", "email", "withdrawn", "2024-01"],
    ]);
    expect(JSON.parse(ledger[0]!.evidence)).toEqual({ note: "signed at the seminar, Almaty", room: 2 });
    expect(await sql.all("SELECT id FROM contacts WHERE email = ?1", other)).toHaveLength(1);

    const again = await importFile(csv, "text/csv");
    expect(again).toMatchObject({ status: "done", imported: 0, unchanged: 3 });
    expect(await sql.all("SELECT id FROM consent_events WHERE contact_id = ?1", contact!.id)).toHaveLength(2);
  });

  it("reports bad rows by the line they start on, with the column at fault, and writes nothing of them", async () => {
    const good = freshEmail();
    const bad = Array.from({ length: 5 }, () => freshEmail());
    const csv = [
      "email,topic,channel,status,occurredAt,evidence",
      `${good},newsletter,email,granted,2024-01-01T00:00:00Z,`,
      `${bad[0]},newsletter,fax,granted,2024-01-01T00:00:00Z,`,
      `${bad[1]},newsletter,email,granted,2024-01-01T00:00:00Z,"{""a"": 1,`,
      `still the same record"`,
      `${bad[2]},newsletter,email,granted,2024-01-01T00:00:00Z,{not json}`,
      `${bad[3]},newsletter,email,granted`,
      `${bad[4]},newsletter,email,granted,2024-01-01T00:00:00Z,x"y"`,
      "",
      `${good},newsletter,sms,granted,2024-01-01T00:00:00Z,`,
    ].join("\n");
    const done = await importFile(csv, "text/csv");
    expect(done).toMatchObject({ status: "done", rows: 7, imported: 1, rejected: 6 });
    expect(done.errors.map((e: any) => [e.line, e.path, e.code])).toEqual([
      [3, ["channel"], "invalid_field"],
      [4, ["evidence"], "invalid_json"],
      [6, ["evidence"], "invalid_json"],
      [7, [], "invalid_csv"],
      [8, [], "invalid_csv"],
      [10, ["channel"], "invalid_field"],
    ]);
    for (const email of bad) expect(await sql.all("SELECT id FROM contacts WHERE email = ?1", email)).toEqual([]);
  });
});

describe("POST /v1/imports: rows that are rejected", () => {
  it("rejects each bad row whole, with its line, field path, code and message, and imports the rest", async () => {
    const emails = Array.from({ length: 9 }, () => freshEmail());
    const lines = [
      JSON.stringify({ email: emails[0], consents: [GRANT_2024] }),
      `{"email": "${emails[1]}", "consents": [`,
      "",
      JSON.stringify({ email: emails[2], consents: [GRANT_2024, { ...GRANT_2024, topic: "horoscopes" }] }),
      JSON.stringify({ email: emails[3], consents: [{ ...GRANT_2024, occurredAt: undefined }] }),
      JSON.stringify({ email: emails[4], consents: [{ ...GRANT_2024, source: "one_click" }] }),
      JSON.stringify({ locale: "kk", consents: [GRANT_2024] }),
      JSON.stringify({ email: "not-an-address", consents: [GRANT_2024] }),
      JSON.stringify({ email: emails[5], consents: [{ ...GRANT_2024, occurredAt: "2999-01-01T00:00:00Z" }] }),
      JSON.stringify([emails[6]]),
      JSON.stringify({ email: emails[7], consents: [GRANT_2024] }),
    ];
    const done = await importFile(lines.join("\n"));
    expect(done).toMatchObject({ status: "done", rows: 10, imported: 2, unchanged: 0, rejected: 8 });
    expect(done.errors.map((e: any) => [e.line, e.path, e.code])).toEqual([
      [2, [], "invalid_json"],
      [4, ["consents", 1, "topic"], "invalid_field"],
      [5, ["consents", 0, "occurredAt"], "invalid_field"],
      [6, ["consents", 0, "source"], "invalid_field"],
      [7, [], "invalid_field"],
      [8, ["email"], "invalid_field"],
      [9, ["consents", 0, "occurredAt"], "invalid_field"],
      [10, [], "invalid_json"],
    ]);
    expect(done.errors.every((e: any) => typeof e.message === "string" && e.message.length > 0)).toBe(true);
    // A row with one bad consent writes neither its contact nor its good consent.
    for (const email of emails.slice(1, 7)) expect(await sql.all("SELECT id FROM contacts WHERE email = ?1", email)).toEqual([]);
    for (const email of [emails[0], emails[7]]) expect(await sql.all("SELECT id FROM contacts WHERE email = ?1", email)).toHaveLength(1);
  });

  it("rejects a row whose identifiers belong to different contacts (conflict)", async () => {
    const a = await createContact({ externalId: `crm-${unique()}`, email: freshEmail() });
    const b = await createContact({ email: freshEmail() });
    const done = await importRows([{ externalId: a.externalId, email: b.email, consents: [GRANT_2024] }]);
    expect(done).toMatchObject({ rejected: 1, imported: 0 });
    expect(done.errors).toEqual([{ line: 1, path: ["email"], code: "conflict", message: "belongs to another contact" }]);
    expect(await sql.all("SELECT id FROM consent_events WHERE contact_id IN (?1, ?2)", a.id, b.id)).toEqual([]);

    // Within one file too: the second row's email names the contact the first row created.
    const email = freshEmail();
    const inFile = await importRows([{ externalId: `crm-${unique()}`, email }, { externalId: `crm-${unique()}`, email, consents: [GRANT_2024] }]);
    expect(inFile).toMatchObject({ imported: 1, rejected: 1 });
    expect(inFile.errors).toEqual([{ line: 2, path: ["externalId"], code: "conflict", message: "belongs to another contact" }]);
  });

  it("blocks an erased address: the row is rejected as erased, and the address stays erased for send checks", async () => {
    const email = freshEmail();
    const phone = freshPhone();
    const file = ndjson([{ email, phone, consents: [GRANT_2024] }]);
    expect(await importFile(file)).toMatchObject({ imported: 1 });
    const [person] = await sql.all("SELECT id FROM contacts WHERE email = ?1", email);
    // Erasure strips the imported events like any others (the append-only trigger knows import_key).
    expectStatus(await call("DELETE", `/v1/contacts/${person!.id}`), 200);
    const again = await importFile(file);
    expect(again).toMatchObject({ imported: 0, rejected: 1 });
    expect(again.errors.map((e: any) => [e.line, e.path, e.code])).toEqual([
      [1, ["email"], "erased"],
      [1, ["phone"], "erased"],
    ]);
    const done = await importRows([
      { email, consents: [{ ...GRANT_2024, occurredAt: new Date().toISOString() }] },
      { externalId: `crm-${unique()}`, phone: `8${phone.slice(2)}` },
    ]);
    expect(done).toMatchObject({ rows: 2, imported: 0, rejected: 2 });
    expect(done.errors.map((e: any) => [e.line, e.path, e.code])).toEqual([
      [1, ["email"], "erased"],
      [2, ["phone"], "erased"],
    ]);
    expect(await sql.all("SELECT id FROM contacts WHERE email = ?1 OR phone = ?2", email, phone)).toEqual([]);
    const check = await call("POST", "/v1/send-checks", { body: { topic: "newsletter", channel: "email", recipients: [{ email }] } });
    expect(check.body.blocked).toEqual([{ recipient: { email }, reason: "erased" }]);
  });
});

describe("POST /v1/imports: reports keep no key of the file", () => {
  it("names an unknown field or an evidence key by a placeholder, since either may be an address and reports outlive erasure", async () => {
    const keys = Array.from({ length: 5 }, () => `key.${unique()}@mail.kz`);
    const lines = [
      JSON.stringify({ email: freshEmail(), [keys[0]!]: true }),
      JSON.stringify({ email: freshEmail(), consents: [{ ...GRANT_2024, [keys[1]!]: 1 }] }),
      JSON.stringify({ email: freshEmail(), consents: [{ ...GRANT_2024, evidence: { [keys[2]!]: { verified: true } } }] }),
      JSON.stringify({ email: freshEmail(), consents: [{ ...GRANT_2024, evidence: { [`${"x".repeat(60)}${keys[3]}`]: 1 } }] }),
    ];
    const csv = ["email,topic,channel,status,occurredAt,evidence", `${freshEmail()},*,*,granted,2024-05-01T10:00:00Z,"{""${keys[4]}"": [1]}"`].join("\n");
    const fromNdjson = await importFile(lines.join("\n"));
    const fromCsv = await importFile(csv, "text/csv");
    expect(fromNdjson).toMatchObject({ rejected: 4, imported: 0 });
    expect(fromNdjson.errors.map((e: any) => [e.line, e.path])).toEqual([
      [1, ["(unknown field)"]],
      [2, ["consents", 0, "(unknown field)"]],
      [3, ["consents", 0, "evidence", "(key)"]],
      [4, ["consents", 0, "evidence", "(key)"]],
    ]);
    expect(fromCsv.errors.map((e: any) => [e.line, e.path, e.code])).toEqual([[2, ["evidence", "(key)"], "invalid_field"]]);
    const reports = [];
    for (const done of [fromNdjson, fromCsv]) {
      reports.push(JSON.stringify(done), JSON.stringify((await call("GET", `/v1/imports/${done.id}/errors`)).body));
      reports.push((await call("GET", `/v1/imports/${done.id}/errors?format=csv`)).body as string);
      reports.push(JSON.stringify(await sql.all("SELECT errors FROM import_chunks WHERE import_id = ?1", done.id)));
    }
    for (const key of keys) for (const report of reports) expect(report).not.toContain(key.split("@")[0]);
  });
});

describe("GET /v1/imports/{id}/errors", () => {
  it("pages through the errors in file order, and gives them all as CSV", async () => {
    const lines = ["not json", JSON.stringify({ email: freshEmail() }), "[1]", "{", JSON.stringify({ locale: "xx", email: "bad" })];
    const done = await importFile(lines.join("\n"));
    expect(done).toMatchObject({ rejected: 4, imported: 1 });
    const first = await call("GET", `/v1/imports/${done.id}/errors?limit=2`);
    expectStatus(first, 200);
    expect(first.body.errors.map((e: any) => e.line)).toEqual([1, 3]);
    const second = await call("GET", `/v1/imports/${done.id}/errors?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.errors.map((e: any) => e.line)).toEqual([4, 5]);
    const third = await call("GET", `/v1/imports/${done.id}/errors?limit=2&cursor=${second.body.nextCursor}`);
    expect(third.body).toEqual({ errors: [expect.objectContaining({ line: 5 })], nextCursor: null });

    const csv = await call("GET", `/v1/imports/${done.id}/errors?format=csv`);
    expectStatus(csv, 200);
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8; header=present");
    const csvLines = (csv.body as string).trimEnd().split("\r\n");
    expect(csvLines[0]).toBe("line,path,code,message");
    expect(csvLines.slice(1).map((l) => l.split(",").slice(0, 3).join(","))).toEqual([
      "1,,invalid_json",
      "3,,invalid_json",
      "4,,invalid_json",
      "5,email,invalid_field",
      "5,locale,invalid_field",
    ]);
  });
});

describe("an import whose clock runs fast (issue 14)", () => {
  it("records a grant dated a few minutes ahead at the time it was written, so a withdrawal made before that moment takes effect", async () => {
    const email = freshEmail();
    const claimed = new Date(Date.now() + 4 * 60_000).toISOString();
    const done = await importRows([{ email, consents: [{ topic: "newsletter", channel: "email", status: "granted", occurredAt: claimed }] }]);
    expect(done).toMatchObject({ status: "done", imported: 1 });
    const [event] = await sql.all(
      "SELECT occurred_at, recorded_at, evidence FROM consent_events WHERE contact_id = (SELECT id FROM contacts WHERE email = ?1)",
      email,
    );
    expect(event!.occurred_at).toBe(event!.recorded_at);
    expect(JSON.parse(event!.evidence).claimedOccurredAt).toBe(claimed);
    expectStatus(await call("POST", "/v1/contacts", { body: { email, consents: [{ topic: "newsletter", channel: "email", status: "withdrawn", source: "api" }] } }), 200);
    const check = await call("POST", "/v1/send-checks", { body: { topic: "newsletter", channel: "email", recipients: [{ email }] } });
    expect(check.body.blocked[0]?.reason).toBe("withdrawn_topic_channel");
  });
});
