import { describe, expect, it } from "vitest";
import { call, createContact, expectError, expectStatus, freshEmail, freshPhone, grant, listAllContacts, withdraw } from "./api";

// Only these tests grant topics with a lifespan this long ago, so the lists below are theirs
// alone; each test keeps to its own years.

interface Expiring {
  id: string;
  expiring: { topic: string; channel: string; grantedAt: string; expiresAt: string }[];
}

const listAll = (before: string, limit?: number) => listAllContacts<Expiring>(`consentExpiringBefore=${before}`, limit);

const at = (day: string) => `${day}T09:00:00.000Z`;

describe("GET /v1/contacts?consentExpiringBefore=", () => {
  it("lists grants of topics with a lifespan that expire before the day, with when", async () => {
    const ads = await createContact({ email: freshEmail(), consents: [grant("advertising", "email", { occurredAt: at("1990-03-01") })] });
    const partner = await createContact({ phone: freshPhone(), consents: [grant("partner_offers", "*", { occurredAt: at("1990-06-15") })] });
    const later = await createContact({ email: freshEmail(), consents: [grant("advertising", "email", { occurredAt: at("1991-03-01") })] });
    const noLifespan = await createContact({ email: freshEmail(), consents: [grant("newsletter", "email", { occurredAt: at("1990-03-01") }), grant("*", "*", { occurredAt: at("1990-03-01") })] });
    const stopped = await createContact({
      email: freshEmail(),
      consents: [grant("advertising", "email", { occurredAt: at("1990-03-01") }), withdraw("*", "email", { occurredAt: at("1990-04-01") })],
    });
    const renewedForAll = await createContact({
      email: freshEmail(),
      consents: [grant("advertising", "email", { occurredAt: at("1990-03-01") }), grant("advertising", "*", { occurredAt: at("1991-06-01") })],
    });
    const withdrawnSince = await createContact({
      email: freshEmail(),
      consents: [grant("advertising", "email", { occurredAt: at("1990-03-01") }), withdraw("advertising", "email", { occurredAt: at("1990-05-01") })],
    });
    const erased = await createContact({ email: freshEmail(), consents: [grant("advertising", "email", { occurredAt: at("1990-03-01") })] });
    expectStatus(await call("DELETE", `/v1/contacts/${erased.id}`), 200);
    const mine = new Set([ads, partner, later, noLifespan, stopped, renewedForAll, withdrawnSince, erased].map((c) => c.id));

    const listed = (await listAll("1993-01-01")).contacts.filter((c) => mine.has(c.id));
    expect(listed).toEqual(
      [
        { id: ads.id, expiring: [{ topic: "advertising", channel: "email", grantedAt: at("1990-03-01"), expiresAt: at("1992-03-01") }] },
        { id: partner.id, expiring: [{ topic: "partner_offers", channel: "*", grantedAt: at("1990-06-15"), expiresAt: at("1992-06-15") }] },
      ].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    const ids = async (before: string) => (await listAll(before)).contacts.map((c) => c.id);
    expect(await ids("1992-03-01")).not.toContain(ads.id); // expires at 09:00 that day, not before it
    expect(await ids("1992-03-02")).toContain(ads.id);
    expect(await ids("1993-03-02")).toContain(later.id);
  });

  it("pages through in id order with a cursor, each page at most the limit", async () => {
    const created = [];
    for (let i = 0; i < 5; i++) {
      created.push(await createContact({ email: freshEmail(), consents: [grant("advertising", "email", { occurredAt: at("1985-01-10") }), grant("advertising", "sms", { occurredAt: at("1985-01-11") })] }));
    }
    const { contacts, pages } = await listAll("1987-02-01", 2);
    expect(contacts.map((c) => c.id)).toEqual(created.map((c) => c.id).sort());
    expect(pages).toEqual([2, 2, 1]);
    expect(contacts[0]!.expiring.map((e) => e.channel)).toEqual(["email", "sms"]);
  });

  it("answers an empty last page with a null cursor", async () => {
    const response = await call("GET", "/v1/contacts?consentExpiringBefore=1900-01-01");
    expectStatus(response, 200);
    expect(response.body).toEqual({ contacts: [], nextCursor: null });
  });

  it.each([
    ["not a date", "next-year"],
    ["a month", "2027-01"],
    ["a day that does not exist", "2027-02-30"],
    ["a time", "2027-01-01T00:00:00Z"],
    ["nothing", ""],
  ])("refuses %s with 400 naming the field", async (_, value) => {
    expectError(await call("GET", `/v1/contacts?consentExpiringBefore=${encodeURIComponent(value)}`), 400, "invalid_request", [["consentExpiringBefore"]]);
  });

  it("refuses it beside another lookup", async () => {
    expectError(await call("GET", `/v1/contacts?consentExpiringBefore=2027-01-01&email=${freshEmail()}`), 400, "invalid_request", [["consentBefore"]]);
  });
});
