import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { parseKeyRing } from "../../src/signing/key-ring";
import { encodeForUrl, signLink } from "../../src/signing/link-token";
import { call, createContact, expectStatus, freshEmail, grant, noonInKazakhstan } from "./api";
import { sql } from "./db";

// Pausing and "digest only" from the unsubscribe page (/u) and the preference page (/p), as
// plain form posts (issue 13 item 3; docs/preferences.md).

const BASE = "https://prefs.test";
const MONTH = 30 * 86_400_000;

async function page(method: string, url: string, form?: Record<string, string>) {
  const body = form && new URLSearchParams(form);
  const headers = { Origin: BASE, "CF-Connecting-IP": "203.0.113.9", "User-Agent": "Mozilla/5.0 test" };
  const response = await exports.default.fetch(new Request(new URL(url, BASE), { method, body, headers, redirect: "manual" }));
  return { status: response.status, text: await response.text() };
}

async function unsubscribeLink(contactId: string, topic = "newsletter") {
  const keys = parseKeyRing(env.LINK_SIGNING_KEYS);
  if ("problems" in keys) throw new Error("test key ring");
  return `${BASE}/u/${encodeForUrl(await signLink(keys, { kind: "unsubscribe", contactId, topic, channel: "email" }))}`;
}

async function preferencesLink(contactId: string) {
  const got = await call("GET", `/v1/contacts/${contactId}`);
  expectStatus(got, 200);
  return got.body.links.preferences as string;
}

async function events(contactId: string) {
  return sql.all<{ topic: string; channel: string; status: string; source: string; until: string | null }>(
    "SELECT topic, channel, status, source, until FROM consent_events WHERE contact_id = ?1 ORDER BY seq",
    contactId,
  );
}

async function decision(contactId: string, topic = "newsletter", extra: Record<string, unknown> = {}) {
  const response = await call("POST", "/v1/send-checks", { body: { topic, channel: "email", sendAt: noonInKazakhstan(), recipients: [{ contactId }], ...extra } });
  expectStatus(response, 200);
  return response.body.allowed.length === 1 ? { reason: "allowed" } : (response.body.blocked[0] as { reason: string; until?: string });
}

const subscriber = () => createContact({ email: freshEmail(), consents: [grant("*", "*")], locale: "ru" });

describe("POST /u/{token}: a break instead of a stop", () => {
  it("offers a break of one or three months and the digest, and writes nothing on GET", async () => {
    const contact = await subscriber();
    const shown = await page("GET", `${await unsubscribeLink(contact.id)}?lang=en`);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain("Take a break instead");
    expect(shown.text).toContain('name="months" value="1"');
    expect(shown.text).toContain('name="months" value="3"');
    expect(shown.text).toContain('name="digest" value="newsletter"');
    expect(await events(contact.id)).toHaveLength(1);
  });

  it("pauses the link's topic for a month: a ledger event with its end, consent untouched", async () => {
    const contact = await subscriber();
    const done = await page("POST", `${await unsubscribeLink(contact.id)}?lang=en`, { pause: "newsletter", months: "1" });
    expect(done.status, done.text).toBe(200);
    expect(done.text).toContain("“Newsletter” is paused until");
    const [, paused] = await events(contact.id);
    expect(paused).toMatchObject({ topic: "newsletter", channel: "*", status: "paused", source: "unsubscribe_page" });
    const length = Date.parse(paused!.until!) - Date.now();
    expect(length).toBeGreaterThan(27 * 86_400_000);
    expect(length).toBeLessThan(32 * 86_400_000);
    expect(await decision(contact.id)).toEqual({ recipient: { contactId: contact.id }, reason: "paused", until: paused!.until });
    expect((await decision(contact.id, "service_updates")).reason).toBe("allowed");
    // The link opened again says the pause is running (and still offers to stop).
    const again = await page("GET", `${await unsubscribeLink(contact.id)}?lang=en`);
    expect(again.text).toMatch(/<p class="notice">“Newsletter” is paused until [^<]+<\/p>/);
    expect(again.text).toContain('name="scope"');
  });

  it("the link of a topic no pause covers says nothing of pauses", async () => {
    const contact = await subscriber();
    await page("POST", `${await unsubscribeLink(contact.id)}?lang=en`, { pause: "newsletter", months: "1" });
    const other = await page("GET", `${await unsubscribeLink(contact.id, "offers_prices")}?lang=en`);
    expect(other.status).toBe(200);
    expect(other.text).not.toContain("is paused until");
  });

  it("pauses everything for three months", async () => {
    const contact = await subscriber();
    const done = await page("POST", await unsubscribeLink(contact.id), { pause: "*", months: "3" });
    expect(done.status).toBe(200);
    const until = Date.parse((await events(contact.id)).at(-1)!.until!);
    expect(until - Date.now()).toBeGreaterThan(2.9 * MONTH);
    expect((await decision(contact.id, "event_invitations")).reason).toBe("paused");
  });

  it.each([
    ["another topic than the link's", { pause: "offers_prices", months: "1" }],
    ["a length the page does not offer", { pause: "newsletter", months: "2" }],
    ["no length", { pause: "newsletter" }],
    ["the digest of a topic without one", { digest: "offers_prices" }],
  ])("refuses %s with 400 and writes nothing", async (_, form) => {
    const contact = await subscriber();
    const done = await page("POST", await unsubscribeLink(contact.id), form);
    expect(done.status).toBe(400);
    expect(await events(contact.id)).toHaveLength(1);
  });

  it("keeps the newsletter to its monthly digest", async () => {
    const contact = await subscriber();
    const done = await page("POST", `${await unsubscribeLink(contact.id)}?lang=ru`, { digest: "newsletter" });
    expect(done.status).toBe(200);
    expect(done.text).toContain("только ежемесячный дайджест");
    expect((await events(contact.id)).at(-1)).toMatchObject({ topic: "newsletter", channel: "*", status: "digest", source: "unsubscribe_page" });
    expect((await decision(contact.id)).reason).toBe("digest_only");
    expect((await decision(contact.id, "newsletter", { digest: true })).reason).toBe("allowed");
  });

  it("offers no digest for a topic without one", async () => {
    const contact = await subscriber();
    const shown = await page("GET", await unsubscribeLink(contact.id, "offers_prices"));
    expect(shown.text).toContain('name="pause" value="offers_prices"');
    expect(shown.text).not.toContain('name="digest"');
  });
});

describe("POST /p/{token}: pause, resume and the digest box", () => {
  it("pauses everything for three months, shows the pause with Resume, and resumes", async () => {
    const contact = await subscriber();
    const link = await preferencesLink(contact.id);
    const paused = await page("POST", `${link}?lang=en`, { pause: "*", months: "3" });
    expect(paused.status, paused.text).toBe(200);
    expect(paused.text).toContain("We will send you nothing until");
    expect(paused.text).toContain('name="resume" value="*/*"');
    expect((await decision(contact.id)).reason).toBe("paused");
    expect((await events(contact.id)).at(-1)).toMatchObject({ status: "paused", source: "preference_page" });

    const resumed = await page("POST", `${link}?lang=en`, { resume: "*/*" });
    expect(resumed.status).toBe(200);
    expect(resumed.text).toContain("The break has ended");
    expect(resumed.text).not.toContain('name="resume"');
    expect((await decision(contact.id)).reason).toBe("allowed");
  });

  it.each([
    ["a pause of a topic not on the page", { pause: "no_such_topic", months: "1" }],
    ["a resume of no running pause", { resume: "*/*" }],
    ["a pause and a resume at once", { pause: "*", months: "1", resume: "*/*" }],
  ])("refuses %s with 400 and writes nothing", async (_, form) => {
    const contact = await subscriber();
    const done = await page("POST", await preferencesLink(contact.id), form);
    expect(done.status).toBe(400);
    expect(await events(contact.id)).toHaveLength(1);
  });

  it("the digest box writes digest, and unticking it digest_off, and nothing when left alone", async () => {
    const contact = await subscriber();
    const link = await preferencesLink(contact.id);
    const shown = await page("GET", link);
    expect(shown.text).toContain('name="was-digest" value="newsletter/0"');
    const form = (digest: boolean, was: boolean) => {
      const body = new URLSearchParams({ "was-pref": "newsletter/email/1", pref: "newsletter/email", "was-digest": `newsletter/${was ? 1 : 0}` });
      if (digest) body.append("digest", "newsletter");
      return Object.fromEntries(body);
    };
    const ticked = await page("POST", link, form(true, false));
    expect(ticked.status, ticked.text).toBe(200);
    expect((await events(contact.id)).at(-1)).toMatchObject({ topic: "newsletter", channel: "*", status: "digest", source: "preference_page" });
    expect((await decision(contact.id)).reason).toBe("digest_only");
    expect((await page("GET", link)).text).toContain('name="was-digest" value="newsletter/1"');

    await page("POST", link, form(true, true));
    expect(await events(contact.id)).toHaveLength(2);
    await page("POST", link, form(false, true));
    expect((await events(contact.id)).at(-1)).toMatchObject({ status: "digest_off" });
    expect((await decision(contact.id)).reason).toBe("allowed");
  });
});
