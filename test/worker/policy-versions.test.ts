import { describe, expect, it } from "vitest";
import { call, createContact, expectError, expectStatus, freshEmail, grant, listAllContacts, withdraw } from "./api";

// Only these tests record consents under versions this old, so the lists below are theirs
// alone; each test still keeps to its own version range.

const listAll = (consentBefore: string, limit?: number) =>
  listAllContacts<{ id: string; lastConsentAt: string; policyVersion: string }>(`consentBefore=${consentBefore}`, limit);

const at = (day: string) => `${day}T09:00:00Z`;
const grantUnder = (policyVersion: string, day: string, topic = "*", channel = "*") => grant(topic, channel, { policyVersion, occurredAt: at(day) });

describe("GET /v1/contacts?consentBefore=", () => {
  it("lists the contacts whose latest grant, by occurrence, was given under an older version", async () => {
    const old = await createContact({ email: freshEmail(), consents: [grantUnder("2001-01", "2001-03-01")] });
    const renewed = await createContact({ email: freshEmail(), consents: [grantUnder("2001-01", "2001-03-01"), grantUnder("2003-01", "2003-02-01")] });
    // Recorded last, occurred first: the newer grant still counts as the last consent.
    const lateRecord = await createContact({ email: freshEmail(), consents: [grantUnder("2003-01", "2003-02-01"), grantUnder("2001-01", "2001-03-01")] });
    const thenWithdrew = await createContact({
      email: freshEmail(),
      consents: [grantUnder("2001-01", "2001-03-01"), withdraw("*", "*", { policyVersion: "2003-01", occurredAt: at("2003-02-01") })],
    });
    const neverGranted = await createContact({
      email: freshEmail(),
      consents: [withdraw("*", "*", { policyVersion: "2001-01", occurredAt: at("2001-03-01") })],
    });
    const erased = await createContact({ email: freshEmail(), consents: [grantUnder("2001-01", "2001-03-01")] });
    expectStatus(await call("DELETE", `/v1/contacts/${erased.id}`), 200);
    const mine = new Set([old, renewed, lateRecord, thenWithdrew, neverGranted, erased].map((c) => c.id));

    const { contacts } = await listAll("2002-01");
    const listed = contacts.filter((c) => mine.has(c.id));
    expect(listed).toEqual(
      [old, thenWithdrew]
        .map((c) => ({ id: c.id, lastConsentAt: "2001-03-01T09:00:00.000Z", policyVersion: "2001-01" }))
        .sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
  });

  it("orders versions as dates: a second version in a month comes after the month's first", async () => {
    const midMonth = await createContact({ email: freshEmail(), consents: [grantUnder("1998-05-15", "1998-05-20")] });
    const ids = async (before: string) => (await listAll(before)).contacts.map((c) => c.id);
    expect(await ids("1998-05")).not.toContain(midMonth.id);
    expect(await ids("1998-05-15")).not.toContain(midMonth.id);
    expect(await ids("1998-05-16")).toContain(midMonth.id);
    expect(await ids("1998-06")).toContain(midMonth.id);
  });

  it("pages through in id order with a cursor, each page at most the limit", async () => {
    const created = [];
    for (let i = 0; i < 5; i++) {
      created.push(await createContact({ email: freshEmail(), consents: [grantUnder("1995-01", "1995-01-10", "newsletter", "email")] }));
    }
    const { contacts, pages } = await listAll("1995-02", 2);
    expect(contacts.map((c) => c.id)).toEqual(created.map((c) => c.id).sort());
    expect(pages).toEqual([2, 2, 1]);
    expect(contacts[0]).toEqual({ id: expect.any(String), lastConsentAt: "1995-01-10T09:00:00.000Z", policyVersion: "1995-01" });
  });

  it("answers an empty last page with a null cursor", async () => {
    const response = await call("GET", "/v1/contacts?consentBefore=1900-01");
    expectStatus(response, 200);
    expect(response.body).toEqual({ contacts: [], nextCursor: null });
  });

  it.each([
    ["no version", "", [["consentBefore"]]],
    ["a version that is not a date", "consentBefore=v2", [["consentBefore"]]],
    ["a month 13", "consentBefore=2025-13", [["consentBefore"]]],
    ["a month without its zero", "consentBefore=2025-1", [["consentBefore"]]],
    ["a limit of 0", "consentBefore=2025-01&limit=0", [["limit"]]],
    ["a limit over 1000", "consentBefore=2025-01&limit=1001", [["limit"]]],
    ["a limit that is not a number", "consentBefore=2025-01&limit=many", [["limit"]]],
    ["an empty cursor", "consentBefore=2025-01&cursor=", [["cursor"]]],
  ])("answers 400 with the field path for %s", async (_name, query, paths) => {
    expectError(await call("GET", `/v1/contacts?${query}`), 400, "invalid_request", paths);
  });
});

describe("policy versions on consents", () => {
  it("records the version in force unless the caller names the one the person agreed to", async () => {
    const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*"), grant("newsletter", "email", { policyVersion: "2023-06" })] });
    const { body } = await call("GET", `/v1/contacts/${contact.id}/consents`);
    expect(body.events.map((e: { policyVersion: string }) => e.policyVersion)).toEqual(["2024-01", "2023-06"]);
  });

  it.each(["v3", "2023", "2023-6", "2023-06-32", " 2023-06"])("refuses a consent under version %j, writing nothing", async (policyVersion) => {
    const email = freshEmail();
    const response = await call("POST", "/v1/contacts", { body: { email, consents: [grant("*", "*", { policyVersion })] } });
    expectError(response, 400, "invalid_request", [["consents", 0, "policyVersion"]]);
    const check = await call("POST", "/v1/send-checks", { body: { topic: "newsletter", channel: "email", recipients: [{ email }] } });
    expect(check.body.blocked).toEqual([{ recipient: { email }, reason: "unknown_contact" }]);
  });
});
