import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { ADMIN_KEY, freshEmail, grant } from "./api";
import { requestsTo, resendEnv } from "./mail";

/**
 * One spelling per link: the last base64url character of a token may carry unused bits,
 * and a sibling with any of them set must not open the link. Through the real app, with
 * mail going to the fake Resend so that the confirmation link is the one the Worker mails.
 */
const app = createApp();
const BASE = "https://prefs.test";
const URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

async function fetchApp(method: string, url: string, init: { body?: BodyInit; headers?: Record<string, string> } = {}) {
  const ctx = createExecutionContext();
  const response = await app.fetch(new Request(new URL(url, BASE), { method, ...init, redirect: "manual" }), resendEnv(), ctx);
  const text = await response.text();
  await waitOnExecutionContext(ctx);
  return { status: response.status, text };
}

async function api(method: string, path: string, body?: unknown) {
  const response = await fetchApp(method, path, {
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { Authorization: `Bearer ${ADMIN_KEY}`, "Content-Type": "application/json" },
  });
  expect(response.status, response.text).toBeLessThan(300);
  return JSON.parse(response.text);
}

/** The link's URL with the last character of its token changed to each sibling that has unused bits set. */
function siblings(url: string): string[] {
  const unusedBits = { 2: 4, 3: 2 }[url.slice(url.lastIndexOf("/") + 1).length % 4] ?? 0;
  const last = URL_ALPHABET.indexOf(url.at(-1)!);
  return Array.from({ length: (1 << unusedBits) - 1 }, (_, i) => url.slice(0, -1) + URL_ALPHABET[last | (i + 1)]);
}

const oneClick = { body: "List-Unsubscribe=One-Click", headers: { "Content-Type": "application/x-www-form-urlencoded" } };

/** A contact granted everything, with a pending double opt-in grant of advertising by email, and each kind of link. */
async function links() {
  const email = freshEmail();
  const contact = await api("POST", "/v1/contacts", { email, doubleOptIn: true, consents: [grant("*", "*"), grant("advertising", "email")] });
  const check = await api("POST", "/v1/send-checks", { topic: "newsletter", channel: "email", recipients: [{ contactId: contact.id }] });
  const mailed = JSON.stringify((await requestsTo(email))[0]!.body);
  return {
    contactId: contact.id as string,
    u: check.allowed[0].unsubscribe.url as string,
    p: contact.links.preferences as string,
    c: new RegExp(`${BASE}/c/[A-Za-z0-9_-]+`).exec(mailed)![0],
  };
}

async function newsletterByEmail(contactId: string) {
  const check = await api("POST", "/v1/send-checks", { topic: "newsletter", channel: "email", recipients: [{ contactId }] });
  return check.allowed.length === 1 ? "allowed" : check.blocked[0].reason;
}

describe("a link's token is read in one spelling only", () => {
  it("opens /u, /p and /c with the token as made, and answers 404 to every sibling spelling", async () => {
    const link = await links();
    expect(siblings(link.u)).toHaveLength(15); // 40 bytes: 4 unused bits
    expect(siblings(link.p)).toHaveLength(15); // 34 bytes: 4 unused bits
    expect(siblings(link.c)).toHaveLength(3); // 44 bytes: 2 unused bits
    for (const url of [link.u, link.p, link.c]) {
      const canonical = await fetchApp("GET", url);
      expect(canonical.status, url).toBe(200);
      for (const sibling of siblings(url)) expect((await fetchApp("GET", sibling)).status, sibling).toBe(404);
    }
  });

  it("writes nothing for a one-click on a sibling of the unsubscribe link", async () => {
    const link = await links();
    for (const sibling of siblings(link.u)) expect((await fetchApp("POST", sibling, oneClick)).status, sibling).toBe(404);
    expect(await newsletterByEmail(link.contactId)).toBe("allowed");
    expect((await fetchApp("POST", link.u, oneClick)).status).toBe(200);
    expect(await newsletterByEmail(link.contactId)).not.toBe("allowed");
  });
});
