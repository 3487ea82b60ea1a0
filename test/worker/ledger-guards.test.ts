import { env, exports } from "cloudflare:workers";
import { Webhook } from "svix";
import { describe, expect, it } from "vitest";
import { AddressHasher } from "../../src/crypto/address-hash";
import { parseKeyRing, type KeyRing } from "../../src/signing/key-ring";
import { call, createContact, expectStatus, freshEmail, freshPhone, grant, unique, withdraw } from "./api";
import { sql } from "./db";

// Guards a plausible one-line bug would slip past without these (issue 14, item 8): each
// test failed with its bug planted, e.g. withdrawOnce's "already withdrawn" ignoring the
// channel, the erasure lift knowing only sms for a phone, `to` not deduplicated after
// normalising, the kind nibble unchecked, ties on occurredAt going to the earlier event,
// a preference form compared with the state rather than with what it showed.

const BASE = "https://prefs.test";
const NOON_ALMATY = "2026-11-24T12:00:00+05:00";

/** The next send check for one recipient, outside quiet hours: "allowed" or the reason it is blocked. */
async function nextCheck(recipient: Record<string, string>, topic: string, channel: string) {
  const response = await call("POST", "/v1/send-checks", { body: { topic, channel, sendAt: NOON_ALMATY, recipients: [recipient] } });
  expectStatus(response, 200);
  return response.body.allowed.length === 1 ? "allowed" : (response.body.blocked[0].reason as string);
}

async function unsubscribeUrl(contactId: string, topic: string, channel: string): Promise<string> {
  const response = await call("POST", "/v1/send-checks", { body: { topic, channel, sendAt: NOON_ALMATY, recipients: [{ contactId }] } });
  expectStatus(response, 200);
  return response.body.allowed[0].unsubscribe.url;
}

function page(method: string, url: string, form?: URLSearchParams) {
  const headers: Record<string, string> = form ? { Origin: BASE, "Content-Type": "application/x-www-form-urlencoded" } : {};
  return exports.default.fetch(new Request(url, { method, headers, body: form }));
}

const oneClick = (url: string) => page("POST", url, new URLSearchParams({ "List-Unsubscribe": "One-Click" }));

async function ledger(contactId: string) {
  return sql.all<{ topic: string; channel: string; status: string; source: string }>(
    "SELECT topic, channel, status, source FROM consent_events WHERE contact_id = ?1 ORDER BY seq",
    contactId,
  );
}

describe("a recipient's withdrawal is recorded unless that very scope is withdrawn", () => {
  it("records a one-click on the newsletter by email although the newsletter is withdrawn on WhatsApp", async () => {
    const contact = await createContact({ email: freshEmail(), phone: freshPhone(), consents: [grant("*", "*"), withdraw("newsletter", "whatsapp")] });
    const url = await unsubscribeUrl(contact.id, "newsletter", "email");
    expect((await oneClick(url)).status).toBe(200);
    expect((await ledger(contact.id)).at(-1)).toEqual({ topic: "newsletter", channel: "email", status: "withdrawn", source: "one_click" });
    expect(await nextCheck({ contactId: contact.id }, "newsletter", "email")).toBe("withdrawn_topic_channel");
  });

  it("records SMS STOP although everything is withdrawn by email", async () => {
    const phone = freshPhone();
    const contact = await createContact({ email: freshEmail(), phone, consents: [grant("*", "*"), withdraw("*", "email")] });
    const stop = await call("POST", "/webhooks/sms", { body: { from: phone, text: "STOP" } });
    expectStatus(stop, 200);
    expect((await ledger(contact.id)).at(-1)).toEqual({ topic: "*", channel: "sms", status: "withdrawn", source: "sms_keyword" });
    expect(await nextCheck({ contactId: contact.id }, "service_updates", "sms")).toBe("withdrawn_channel");
  });
});

describe("an erased phone number is lifted by a new grant on any channel that uses it", () => {
  it.each([
    ["voice", "voice"],
    ["whatsapp", "whatsapp"],
    ["telegram", "telegram"],
    ["sms", "sms"],
    ["*", "sms"],
  ])("a grant on %s", async (granted, checked) => {
    const phone = freshPhone();
    const erased = await createContact({ phone, consents: [grant("*", "*")] });
    expectStatus(await call("DELETE", `/v1/contacts/${erased.id}`), 200);
    expect(await nextCheck({ phone }, "event_invitations", checked)).toBe("erased");

    await createContact({ phone, consents: [grant("*", granted)] });
    expect(await nextCheck({ phone }, "event_invitations", checked)).toBe("allowed");
    const hash = await new AddressHasher(env.ADDRESS_HASH_KEY).hash("phone", phone);
    expect(await sql.all("SELECT reason FROM suppressions WHERE address_hash = ?1", hash)).toEqual([]);
  });
});

describe("POST /webhooks/resend naming one address twice", () => {
  it("writes one ledger event and one suppression when `to` repeats the address in another case", async () => {
    const email = freshEmail();
    const contact = await createContact({ email, consents: [grant("*", "*")] });
    const body = JSON.stringify({
      type: "email.bounced",
      created_at: new Date().toISOString(),
      data: { email_id: `em-${unique()}`, to: [email, email.toUpperCase()], bounce: { type: "Permanent", subType: "General" } },
    });
    const id = `msg_${unique()}`;
    const now = new Date();
    const response = await call("POST", "/webhooks/resend", {
      key: null,
      rawBody: body,
      headers: {
        "Content-Type": "application/json",
        "svix-id": id,
        "svix-timestamp": String(Math.floor(now.getTime() / 1000)),
        "svix-signature": new Webhook(env.RESEND_WEBHOOK_SECRET).sign(id, now, body),
      },
    });
    expectStatus(response, 200);
    expect((await ledger(contact.id)).filter((e) => e.source === "bounce")).toHaveLength(1);
    const hasher = new AddressHasher(env.ADDRESS_HASH_KEY);
    const hashes = [await hasher.hash("email", email), await hasher.hash("email", email.toUpperCase())];
    expect(await sql.all("SELECT address_hash FROM suppressions WHERE address_hash IN (?1, ?2)", ...hashes)).toEqual([{ address_hash: hashes[0] }]);
  });
});

describe("a link token opens only the kind of page its kind byte names", () => {
  const parsed = parseKeyRing(env.LINK_SIGNING_KEYS);
  if ("problems" in parsed) throw new Error("the test key ring is unusable");
  const ring: KeyRing = parsed;
  const KINDS = { unsubscribe: 1, preferences: 2, confirm: 3 };

  /** The URL's token with its kind nibble (low half of byte 0) set, signed again with the right key. */
  async function reKinded(url: string, kind: number): Promise<string> {
    const { origin, pathname } = new URL(url);
    const slash = pathname.lastIndexOf("/");
    const token = Uint8Array.fromBase64(pathname.slice(slash + 1), { alphabet: "base64url" });
    token[0] = (token[0]! & 0xf0) | kind;
    const signed = token.length - 16;
    const mac = await crypto.subtle.sign("HMAC", await ring.key(token[1]!)!, token.subarray(0, signed));
    token.set(new Uint8Array(mac, 0, 16), signed);
    return `${origin}${pathname.slice(0, slash + 1)}${token.toBase64({ alphabet: "base64url", omitPadding: true })}`;
  }

  it("refuses a preferences token re-signed as an unsubscribe token at /p", async () => {
    const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*")] });
    const link: string = (await call("GET", `/v1/contacts/${contact.id}`)).body.links.preferences;
    // Re-signed as it was, it opens: what refuses the other one is its kind alone.
    expect((await page("GET", await reKinded(link, KINDS.preferences))).status).toBe(200);
    expect((await page("GET", await reKinded(link, KINDS.unsubscribe))).status).toBe(404);
  });

  it.each([["preferences", KINDS.preferences], ["confirm", KINDS.confirm]])(
    "refuses an unsubscribe token re-signed as a %s token at /u, for GET and one-click alike",
    async (_, kind) => {
      const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*")] });
      const url = await unsubscribeUrl(contact.id, "newsletter", "email");
      expect((await page("GET", await reKinded(url, KINDS.unsubscribe))).status).toBe(200);
      const tampered = await reKinded(url, kind);
      expect((await page("GET", tampered)).status).toBe(404);
      expect((await oneClick(tampered)).status).toBe(404);
      expect(await ledger(contact.id)).toHaveLength(1);
    },
  );
});

describe("two events on one scope at the same explicit occurredAt", () => {
  it.each([
    ["in one request", [[grant, withdraw]]],
    ["in two requests", [[grant], [withdraw]]],
  ] as const)("a grant then a withdrawal ends withdrawn (%s)", async (_, requests) => {
    const email = freshEmail();
    const occurredAt = new Date(Date.now() - 3_600_000).toISOString();
    for (const consents of requests) {
      const response = await call("POST", "/v1/contacts", { body: { email, consents: consents.map((make) => make("newsletter", "email", { occurredAt })) } });
      expect([200, 201], JSON.stringify(response.body)).toContain(response.status);
    }
    expect(await nextCheck({ email }, "newsletter", "email")).toBe("withdrawn_topic_channel");
  });
});

describe("a stale preference form", () => {
  it("leaves a topic withdrawn by a one-click made after the form was shown, when the form comes back unchanged", async () => {
    const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*")] });
    const preferences: string = (await call("GET", `/v1/contacts/${contact.id}`)).body.links.preferences;
    const shown = await page("GET", preferences);
    expect(shown.status).toBe(200);
    const form = formAsShown(await shown.text());
    expect(form.getAll("pref")).toContain("newsletter/email");

    expect((await oneClick(await unsubscribeUrl(contact.id, "newsletter", "email"))).status).toBe(200);
    const withdrawn = (await ledger(contact.id)).length;
    expect((await page("POST", preferences, form)).status).toBe(200);
    expect(await nextCheck({ contactId: contact.id }, "newsletter", "email")).toBe("withdrawn_topic_channel");
    expect((await ledger(contact.id)).slice(withdrawn).filter((e) => e.topic === "newsletter")).toEqual([]);
  });
});

/** What a browser sends for the page's form when nothing is touched: the hidden fields and the ticked boxes. */
function formAsShown(html: string): URLSearchParams {
  const form = new URLSearchParams();
  for (const [, attributes] of html.matchAll(/<input ([^>]*)\/?>/g)) {
    const a = Object.fromEntries([...attributes!.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (a.type === "hidden" || (a.type === "checkbox" && a.checked !== undefined)) form.append(a.name!, a.value!);
  }
  return form;
}
