import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { parseKeyRing, type KeyRing } from "../../src/signing/key-ring";
import { encodeForUrl, signLink } from "../../src/signing/link-token";
import { call, createContact, expectError, expectStatus, freshEmail, freshPhone, grant, noonInKazakhstan, withdraw } from "./api";
import { sql } from "./db";
import { requestsTo, resendEnv } from "./mail";

/**
 * The preference page (/p), the link request form, double opt-in (/c) and the API's
 * links.preferences, through the real app on real D1, with mail going to the fake Resend.
 */
const app = createApp();
const BASE = "https://prefs.test";
const SAME_ORIGIN = { Origin: BASE };

async function page(method: string, url: string, init: { form?: Record<string, string | string[]>; headers?: Record<string, string> } = {}) {
  let body: URLSearchParams | undefined;
  if (init.form) {
    body = new URLSearchParams();
    for (const [name, values] of Object.entries(init.form)) for (const v of [values].flat()) body.append(name, v);
  }
  const headers = { "CF-Connecting-IP": "203.0.113.9", "User-Agent": "Mozilla/5.0 (Linux; Android 14) test", ...init.headers };
  const ctx = createExecutionContext();
  const response = await app.fetch(new Request(new URL(url, BASE), { method, body, headers, redirect: "manual" }), resendEnv(), ctx);
  const text = await response.text();
  await waitOnExecutionContext(ctx);
  return { status: response.status, headers: response.headers, text };
}

/** What a browser would send for the page's form, after ticking and unticking some boxes. */
function submission(html: string, change: { tick?: string[]; untick?: string[] } = {}) {
  const form: Record<string, string[]> = {};
  const add = (name: string, value: string) => (form[name] ??= []).push(value);
  for (const [, attributes] of html.matchAll(/<input ([^>]*)\/?>/g)) {
    const a = Object.fromEntries([...attributes!.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (a.type === "hidden") add(a.name!, a.value!);
    if (a.type !== "checkbox") continue;
    const key = `${a.name}:${a.value}`;
    const ticked = change.tick?.includes(key) || (a.checked !== undefined && !change.untick?.includes(key));
    if (ticked) add(a.name!, a.value!);
  }
  return form;
}

const boxes = (html: string) =>
  [...html.matchAll(/<input type="checkbox" id="[^"]*" name="(pref|stop)" value="([^"]+)"( checked="")?/g)].map(
    (m) => `${m[1]}:${m[2]}${m[3] ? " on" : ""}`,
  );

async function events(contactId: string) {
  return sql.all<{ id: string; topic: string; channel: string; status: string; source: string; actor: string; evidence: string }>(
    "SELECT id, topic, channel, status, source, actor, evidence FROM consent_events WHERE contact_id = ?1 ORDER BY seq",
    contactId,
  );
}

async function decision(contactId: string, topic: string, channel = "email") {
  const response = await call("POST", "/v1/send-checks", { body: { topic, channel, sendAt: noonInKazakhstan(), recipients: [{ contactId }] } });
  expectStatus(response, 200);
  return response.body.allowed.length === 1 ? "allowed" : (response.body.blocked[0].reason as string);
}

/** A contact with a baseline consent, and the link the API gives for their page. */
async function person(body: Record<string, unknown> = {}) {
  const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*")], ...body });
  const got = await call("GET", `/v1/contacts/${contact.id}`);
  expectStatus(got, 200);
  return { ...contact, link: got.body.links.preferences as string };
}

function testRing(): KeyRing {
  const parsed = parseKeyRing(env.LINK_SIGNING_KEYS);
  if ("problems" in parsed) throw new Error("test key ring");
  return parsed;
}

describe("links.preferences on GET /v1/contacts/{id}", () => {
  it("is a fresh signed /p link that expires after PREFERENCES_LINK_TTL_DAYS", async () => {
    const contact = await createContact({ email: freshEmail() });
    const got = await call("GET", `/v1/contacts/${contact.id}`);
    expect(got.body.links.preferences).toMatch(/^https:\/\/prefs\.test\/p\/[A-Za-z0-9_-]{46}$/);
    const days = (Date.parse(got.body.links.preferencesExpiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.99);
    expect(days).toBeLessThanOrEqual(30);
    expect(got.body.links.preferences).not.toContain(contact.email!.split("@")[0]);
  });
});

describe("GET /p/{token}", () => {
  it("shows every topic for the channels the contact has, grouped by clause, in Kazakh by default, and writes nothing", async () => {
    const p = await person();
    const before = await events(p.id);
    const shown = await page("GET", p.link);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('<html lang="kk">');
    expect(shown.text).toContain("Жаңалықтар, ұсыныстар және жарнама");
    expect(shown.text).toContain("Маркетингтік зерттеулер мен іс-шаралар");
    // The Kazakh policy lists advertising in §3.1 7), the Russian in 9): each page follows its own text.
    const kkClause7 = shown.text.slice(shown.text.indexOf('id="clause-3.1(7)"'), shown.text.indexOf('id="clause-3.1(9)"'));
    expect(kkClause7).toContain('value="advertising/email"');
    const ruUrl = new URL(p.link);
    ruUrl.searchParams.set("lang", "ru");
    const ru = await page("GET", ruUrl.href);
    const ruClause9 = ru.text.slice(ru.text.indexOf('id="clause-3.1(9)"'));
    expect(ruClause9).toContain('value="advertising/email"');
    expect(boxes(shown.text)).toEqual([
      "stop:email",
      "stop:*",
      "pref:service_updates/email on",
      "pref:offers_prices/email on",
      "pref:newsletter/email on",
      "pref:partner_offers/email",
      "pref:advertising/email",
      "pref:event_invitations/email on",
      "pref:surveys_research/email on",
    ]);
    expect(shown.headers.get("Cache-Control")).toBe("no-store");
    expect(shown.text).not.toContain(p.email);
    expect(await events(p.id)).toEqual(before);
  });

  it("shows SMS to a contact with a phone, and calls, WhatsApp and Telegram only once recorded for them", async () => {
    const p = await person({ email: undefined, phone: freshPhone() });
    const shown = boxes((await page("GET", p.link)).text);
    expect(shown).toContain("pref:advertising/sms");
    expect(shown).toContain("stop:sms");
    // A grant on every channel (*) records none of them in particular.
    expect(shown.filter((b) => /email|voice|whatsapp|telegram/.test(b))).toEqual([]);

    // Any event on a channel records it: a withdrawal (calls), a grant (WhatsApp), a pending grant (Telegram).
    const q = await person({ phone: freshPhone(), consents: [grant("*", "*"), withdraw("event_invitations", "voice"), grant("newsletter", "whatsapp")] });
    const before = boxes((await page("GET", q.link)).text);
    expect(before).toEqual(expect.arrayContaining(["stop:voice", "stop:whatsapp", "pref:event_invitations/voice", "pref:newsletter/whatsapp on"]));
    expect(before.filter((b) => b.includes("telegram"))).toEqual([]);
    const pendingTelegram = await call("POST", "/v1/contacts", { body: { email: q.email, doubleOptIn: true, consents: [grant("advertising", "telegram")] } });
    expectStatus(pendingTelegram, 200);
    expect(boxes((await page("GET", q.link)).text)).toEqual(expect.arrayContaining(["stop:telegram", "pref:advertising/telegram"]));
  });

  it("switches language with ?lang= and remembers it in a cookie", async () => {
    const p = await person();
    const ruUrl = new URL(p.link);
    ruUrl.searchParams.set("lang", "ru");
    const ru = await page("GET", ruUrl.href);
    expect(ru.text).toContain('<html lang="ru">');
    expect(ru.text).toContain("Настройки рассылок");
    const cookie = ru.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^lang=ru;/);
    expect(cookie).toContain("HttpOnly");
    const again = await page("GET", p.link, { headers: { Cookie: "lang=ru" } });
    expect(again.text).toContain('<html lang="ru">');
    expect((await page("GET", `${p.link}?lang=en`, { headers: { Cookie: "lang=ru" } })).text).toContain('<html lang="en">');
    // Remembered already: nothing to set. A save in a newly chosen language sets it once.
    expect((await page("GET", `${p.link}?lang=ru`, { headers: { Cookie: "lang=ru" } })).headers.getSetCookie()).toEqual([]);
    const form = submission(ru.text, { untick: ["pref:newsletter/email"] });
    const saved = await page("POST", `${p.link}?lang=en`, { form, headers: { ...SAME_ORIGIN, Cookie: "lang=ru" } });
    expect(saved.headers.getSetCookie()).toHaveLength(1);
    expect(saved.text).toContain('<html lang="en">');
  });

  it("answers an expired link with 410 and a tampered one with 404, both with the form for a new link", async () => {
    const p = await person();
    const expired = await signLink(testRing(), { kind: "preferences", contactId: p.id, topic: "*", channel: "*", expiresAt: new Date(Date.now() - 1000) });
    const old = await page("GET", `/p/${encodeForUrl(expired)}`);
    expect(old.status).toBe(410);
    expect(old.text).toContain('name="email"');
    const token = p.link.split("/p/")[1]!;
    const tampered = await page("GET", `/p/${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`);
    expect(tampered.status).toBe(404);
    expect(tampered.text).toContain('name="email"');
    // A warning, not a success, with the way forward: the form below and the contacts.
    for (const dead of [old, tampered]) {
      const warning = /<div class="warning" role="status">(.*?)<\/div>/.exec(dead.text)?.[1];
      expect(warning).toContain("Төмендегі форма арқылы жаңа сілтеме сұраңыз немесе бізге хабарласыңыз:");
      expect(warning).toContain('href="mailto:kuzhat@orleu-edu.kz"');
      expect(warning).toContain('href="tel:+77172574600"');
      expect(dead.text).not.toContain('class="notice"');
    }
    expect(old.text).toContain("Бұл сілтеменің мерзімі өтіп кетті.");
    // An unsubscribe token is not a preference link.
    const unsubscribe = await signLink(testRing(), { kind: "unsubscribe", contactId: p.id, topic: "*", channel: "*" });
    expect((await page("GET", `/p/${encodeForUrl(unsubscribe)}`)).status).toBe(404);
  });
});

describe("POST /p/{token}", () => {
  it("saves only what changed, as preference_page events with evidence, and the page shows it kept", async () => {
    const p = await person();
    const before = (await events(p.id)).length;
    const shown = await page("GET", p.link);
    const saved = await page("POST", p.link, { form: submission(shown.text, { untick: ["pref:newsletter/email"] }), headers: SAME_ORIGIN });
    expect(saved.status).toBe(200);
    expect(saved.text).toContain('role="status"');
    expect(saved.text).toContain("<li>«Жаңалықтар хаты» (электрондық пошта): жазылым өшірілді</li>");
    const written = (await events(p.id)).slice(before);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ topic: "newsletter", channel: "email", status: "withdrawn", source: "preference_page", actor: "recipient" });
    expect(JSON.parse(written[0]!.evidence)).toMatchObject({ ip: "203.0.113.9", userAgent: expect.stringContaining("Android"), linkKeyId: 2 });
    expect(await decision(p.id, "newsletter")).toBe("withdrawn_topic_channel");
    expect(await decision(p.id, "service_updates")).toBe("allowed");
    expect(boxes((await page("GET", p.link)).text)).toContain("pref:newsletter/email");
  });

  it("writes nothing when nothing changed, and says so", async () => {
    const p = await person();
    const before = await events(p.id);
    const shown = await page("GET", p.link);
    const saved = await page("POST", p.link, { form: submission(shown.text), headers: SAME_ORIGIN });
    expect(saved.status).toBe(200);
    expect(saved.text).toContain("Өзгеріс жоқ");
    expect(await events(p.id)).toEqual(before);
  });

  it("stops everything keeping the choices under it, and lifting the stop brings exactly them back", async () => {
    const p = await person({ consents: [grant("*", "*"), withdraw("surveys_research", "email")] });
    const shown = await page("GET", p.link);
    const before = boxes(shown.text);
    const stopping = await page("POST", p.link, { form: submission(shown.text, { tick: ["stop:*"] }), headers: SAME_ORIGIN });
    expect(stopping.text).toContain("<li>Барлық хабарламаны жіберу тоқтатылды</li>");
    expect(await decision(p.id, "newsletter")).toBe("withdrawn_all");
    const stopped = await page("GET", p.link);
    expect(boxes(stopped.text)).toEqual(before.map((b) => (b === "stop:*" ? "stop:* on" : b)));
    expect(stopped.text).toContain("Қазір барлық хабарлама тоқтатылған");
    expect(stopped.text).toContain('class="choice paused"');
    await page("POST", p.link, { form: submission(stopped.text, { untick: ["stop:*"] }), headers: SAME_ORIGIN });
    expect(boxes((await page("GET", p.link)).text)).toEqual(before);
    expect(await decision(p.id, "newsletter")).toBe("allowed");
    expect(await decision(p.id, "service_updates")).toBe("allowed");
    expect(await decision(p.id, "surveys_research")).toBe("withdrawn_topic_channel");
    expect(await decision(p.id, "advertising")).toBe("no_consent");
  });

  it("a stop that hid no grant is cleared when lifted: nothing is granted that was not", async () => {
    const p = await person({ consents: [grant("newsletter", "email")] });
    const shown = await page("GET", p.link);
    await page("POST", p.link, { form: submission(shown.text, { tick: ["stop:email"] }), headers: SAME_ORIGIN });
    expect(await decision(p.id, "newsletter")).toBe("withdrawn_channel");
    const stopped = await page("GET", p.link);
    expect(boxes(stopped.text)).toContain("pref:newsletter/email on");
    await page("POST", p.link, { form: submission(stopped.text, { untick: ["stop:email"] }), headers: SAME_ORIGIN });
    expect(await decision(p.id, "newsletter")).toBe("allowed");
    expect(await decision(p.id, "service_updates")).toBe("no_consent");
    expect((await events(p.id)).at(-1)).toMatchObject({ topic: "*", channel: "email", status: "cleared", source: "preference_page" });
  });

  it("keeps a person's own unsubscribe made after the page was opened (a stale form changes only what it changed)", async () => {
    const p = await person();
    const shown = await page("GET", p.link);
    await call("POST", "/v1/contacts", { body: { email: p.email, consents: [withdraw("*", "email")] } });
    await page("POST", p.link, { form: submission(shown.text, { untick: ["pref:newsletter/email"] }), headers: SAME_ORIGIN });
    expect(await decision(p.id, "service_updates")).toBe("withdrawn_channel");
  });

  it.each<[string, (form: Record<string, string[]>) => void]>([
    ["an unknown topic", (f) => f["was-pref"]!.push("no_such_topic/email/0")],
    ["a channel the contact has no address for", (f) => f["was-pref"]!.push("advertising/sms/0")],
    ["a tick for a box the page did not show", (f) => (f.pref = [...(f.pref ?? []), "advertising/whatsapp"])],
    ["the same box twice", (f) => f["was-pref"]!.push(f["was-pref"]![0]!)],
    ["a malformed entry", (f) => f["was-pref"]!.push("newsletter/email/yes")],
    ["no fields at all", (f) => Object.keys(f).forEach((k) => delete f[k])],
  ])("refuses %s with 400 and writes nothing", async (_, spoil) => {
    const p = await person();
    const before = await events(p.id);
    const form = submission((await page("GET", p.link)).text, { untick: ["pref:newsletter/email"] });
    spoil(form);
    const refused = await page("POST", p.link, { form, headers: SAME_ORIGIN });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('role="alert"');
    expect(await events(p.id)).toEqual(before);
  });

  it.each<[string, (form: Record<string, string[]>) => void]>([
    ["a box", (f) => f["was-pref"]!.push("newsletter/whatsapp/1")],
    ["a ticked box", (f) => (f["was-pref"]!.push("event_invitations/voice/0"), f.pref!.push("event_invitations/voice"))],
    ["a stop switch", (f) => (f["was-stop"]!.push("telegram/0"), (f.stop = ["telegram"]))],
  ])("refuses %s on a phone channel not recorded for the contact (not shown) with 400, like any field the page did not show", async (_, forge) => {
    const p = await person({ phone: freshPhone() });
    const before = await events(p.id);
    const form = submission((await page("GET", p.link)).text, { untick: ["pref:newsletter/email"] });
    forge(form);
    const refused = await page("POST", p.link, { form, headers: SAME_ORIGIN });
    expect(refused.status).toBe(400);
    expect(await events(p.id)).toEqual(before);
  });

  it.each([
    ["no Origin", {}],
    ["another site's Origin", { Origin: "https://evil.example" }],
    ["a cross-site fetch", { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" }],
  ])("refuses a cross-site request (%s) with 403 and writes nothing", async (_, headers) => {
    const p = await person();
    const before = await events(p.id);
    const form = submission((await page("GET", p.link)).text, { untick: ["pref:newsletter/email"] });
    expect((await page("POST", p.link, { form, headers })).status).toBe(403);
    expect(await events(p.id)).toEqual(before);
  });

  it("accepts the browser's Sec-Fetch-Site: same-origin without an Origin", async () => {
    const p = await person();
    const form = submission((await page("GET", p.link)).text, { untick: ["pref:newsletter/email"] });
    expect((await page("POST", p.link, { form, headers: { "Sec-Fetch-Site": "same-origin" } })).status).toBe(200);
  });

  it("refuses an expired link's POST and writes nothing", async () => {
    const p = await person();
    const form = submission((await page("GET", p.link)).text, { untick: ["pref:newsletter/email"] });
    const before = await events(p.id);
    const expired = await signLink(testRing(), { kind: "preferences", contactId: p.id, topic: "*", channel: "*", expiresAt: new Date(Date.now() - 1) });
    expect((await page("POST", `/p/${encodeForUrl(expired)}`, { form, headers: SAME_ORIGIN })).status).toBe(410);
    expect(await events(p.id)).toEqual(before);
  });
});

describe("double opt-in", () => {
  it("on the page: a pending event and an email; the grant only when the link is followed and confirmed", async () => {
    const p = await person();
    const shown = await page("GET", p.link);
    const saved = await page("POST", p.link, { form: submission(shown.text, { tick: ["pref:advertising/email"] }), headers: SAME_ORIGIN });
    expect(saved.text).toContain("растау үшін сізге хат жібердік");
    const [pending] = (await events(p.id)).filter((e) => e.status === "pending");
    expect(pending).toMatchObject({ topic: "advertising", channel: "email", source: "preference_page" });
    expect(await decision(p.id, "advertising")).toBe("pending_confirmation");
    const waiting = (await page("GET", p.link)).text;
    expect(boxes(waiting)).toContain("pref:advertising/email");
    expect(waiting).toContain("растауыңызды күтуде");

    const [mail] = await requestsTo(p.email!);
    expect(mail!.idempotencyKey).toBe(`confirm/${pending!.id}`);
    const confirmUrl = /https:\/\/prefs\.test\/c\/[A-Za-z0-9_-]+/.exec(JSON.stringify(mail!.body))![0];

    const asked = await page("GET", confirmUrl);
    expect(asked.status).toBe(200);
    expect(asked.text).toContain('method="post"');
    expect(await decision(p.id, "advertising")).toBe("pending_confirmation");

    expect((await page("POST", confirmUrl, { form: {}, headers: SAME_ORIGIN })).status).toBe(200);
    expect(await decision(p.id, "advertising")).toBe("allowed");
    const confirmedPage = (await page("GET", p.link)).text;
    expect(boxes(confirmedPage)).toContain("pref:advertising/email on");
    expect(confirmedPage).not.toContain("растауыңызды күтуде");
    const confirmed = (await events(p.id)).at(-1)!;
    expect(confirmed).toMatchObject({ topic: "advertising", channel: "email", status: "granted", source: "double_opt_in" });
    expect(JSON.parse(confirmed.evidence)).toMatchObject({ confirms: pending!.id });

    const count = (await events(p.id)).length;
    const again = await page("POST", confirmUrl, { form: {}, headers: SAME_ORIGIN });
    expect(again.status).toBe(200);
    expect((await events(p.id)).length).toBe(count);
  });

  it("shows a grant older than its topic's lifespan off, says so, and ticking it asks for consent anew", async () => {
    const threeYearsAgo = new Date(Date.now() - 3 * 365 * 86_400_000).toISOString();
    const p = await person({ consents: [grant("*", "*"), grant("advertising", "email", { occurredAt: threeYearsAgo })] });
    const shown = await page("GET", p.link);
    expect(boxes(shown.text)).toContain("pref:advertising/email");
    expect(shown.text).toContain("келісіміңіздің мерзімі өтті");
    // Saved untouched, the expired grant is left as it is.
    const before = (await events(p.id)).length;
    await page("POST", p.link, { form: submission(shown.text), headers: SAME_ORIGIN });
    expect((await events(p.id)).length).toBe(before);
    const saved = await page("POST", p.link, { form: submission(shown.text, { tick: ["pref:advertising/email"] }), headers: SAME_ORIGIN });
    expect(saved.status).toBe(200);
    expect((await events(p.id)).slice(before)).toEqual([expect.objectContaining({ topic: "advertising", channel: "email", status: "pending", source: "preference_page" })]);
    expect(await decision(p.id, "advertising")).toBe("pending_confirmation");
  });

  it("a confirmation followed after the person changed their mind grants nothing", async () => {
    const p = await person();
    const shown = await page("GET", p.link);
    await page("POST", p.link, { form: submission(shown.text, { tick: ["pref:advertising/email"] }), headers: SAME_ORIGIN });
    const confirmUrl = /https:\/\/prefs\.test\/c\/[A-Za-z0-9_-]+/.exec(JSON.stringify((await requestsTo(p.email!))[0]!.body))![0];
    await call("POST", "/v1/contacts", { body: { email: p.email, consents: [withdraw("advertising", "email")] } });
    const stale = await page("POST", confirmUrl, { form: {}, headers: SAME_ORIGIN });
    expect(stale.status).toBe(409);
    expect(await decision(p.id, "advertising")).toBe("withdrawn_topic_channel");
  });

  it("through the API with doubleOptIn: opt_in grants on any channel wait; others take effect", async () => {
    const email = freshEmail();
    const body = { email, phone: freshPhone(), locale: "ru", doubleOptIn: true, consents: [grant("advertising", "email"), grant("advertising", "sms"), grant("newsletter", "email")] };
    const response = await app.fetch(
      new Request(`${BASE}/v1/contacts`, {
        method: "POST",
        headers: { Authorization: `Bearer ${env.ADMIN_API_KEY}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      }),
      resendEnv(),
      createExecutionContext(),
    );
    const saved = { status: response.status, body: (await response.json()) as any, headers: response.headers };
    expectStatus(saved, 201);
    expect(saved.body.pendingConfirmations).toEqual([
      { eventId: expect.stringMatching(/^ce_/), topic: "advertising", channel: "email", mailed: true },
      { eventId: expect.stringMatching(/^ce_/), topic: "advertising", channel: "sms", mailed: true },
    ]);
    expect(saved.body.preferences.advertising.email).toEqual({ allowed: false, reason: "pending_confirmation" });
    expect(saved.body.preferences.advertising.sms).toEqual({ allowed: false, reason: "pending_confirmation" });
    expect(saved.body.preferences.newsletter.email.allowed).toBe(true);
    const [mail] = await requestsTo(email);
    expect(JSON.stringify(mail!.body)).toContain("Подтвердите");
  });

  it("where no mail can be sent (no Resend key, not localhost), the grant stays pending and the answer says so", async () => {
    const saved = await call("POST", "/v1/contacts", { body: { email: freshEmail(), doubleOptIn: true, consents: [grant("advertising", "email")] } });
    expectStatus(saved, 201);
    expect(saved.body.pendingConfirmations).toEqual([expect.objectContaining({ topic: "advertising", mailed: false })]);
    expect(saved.body.preferences.advertising.email.allowed).toBe(false);
  });

  it.each([
    ["without an email", { phone: "+77010000001", doubleOptIn: true, consents: [grant("advertising", "sms")] }, [["email"]]],
    ["for an opt_in topic on every channel", { email: "x@example.kz", doubleOptIn: true, consents: [grant("advertising", "*")] }, [["consents", 0, "channel"]]],
    ["that is not a boolean", { email: "x@example.kz", doubleOptIn: "yes" }, [["doubleOptIn"]]],
  ])("refuses doubleOptIn %s with 400 and the field", async (_, body, paths) => {
    expectError(await call("POST", "/v1/contacts", { body }), 400, "invalid_request", paths as (string | number)[][]);
  });

  it("answers a tampered confirmation link with 404 and writes nothing", async () => {
    const p = await person();
    const before = await events(p.id);
    const forged = await signLink(parseKeyRing(`9:${"x".repeat(32)}`) as KeyRing, {
      kind: "confirm",
      contactId: p.id,
      topic: "advertising",
      channel: "email",
      eventId: "ce_0123456789abcdef",
      expiresAt: new Date(Date.now() + 60_000),
    });
    expect((await page("POST", `/c/${encodeForUrl(forged)}`, { form: {}, headers: SAME_ORIGIN })).status).toBe(404);
    expect(await events(p.id)).toEqual(before);
  });
});

describe("the link request form at /p", () => {
  const ask = (email: string, ip = `198.51.100.${Math.floor(Math.random() * 250)}`) =>
    page("POST", "/p", { form: { email }, headers: { ...SAME_ORIGIN, "CF-Connecting-IP": ip } });

  it("mails a working link to a known address, and answers an unknown one exactly alike", async () => {
    const p = await person();
    const known = await ask(p.email!.toUpperCase());
    const unknown = await ask(freshEmail());
    expect(known.status).toBe(200);
    expect(unknown.text).toBe(known.text);
    const [mail] = await requestsTo(p.email!);
    expect(mail!.idempotencyKey).toMatch(new RegExp(`^preferences-link/${p.id}/\\d+$`));
    const url = /https:\/\/prefs\.test\/p\/[A-Za-z0-9_-]+/.exec(JSON.stringify(mail!.body))![0];
    expect((await page("GET", url)).status).toBe(200);
  });

  it("writes the link mail in the contact's language, whatever the form's", async () => {
    const p = await person({ locale: "ru" });
    await ask(p.email!);
    const [mail] = await requestsTo(p.email!);
    expect(JSON.stringify(mail!.body)).toContain("ссылка на настройки рассылок");
  });

  it("shows the form in the browser's language when nothing else says which (Accept-Language)", async () => {
    const ru = await page("GET", "/p", { headers: { "Accept-Language": "ru-RU,ru;q=0.9,en;q=0.8" } });
    expect(ru.text).toContain('<html lang="ru">');
    const en = await page("GET", "/p", { headers: { "Accept-Language": "de-DE, en-GB;q=0.7" } });
    expect(en.text).toContain('<html lang="en">');
    const none = await page("GET", "/p", { headers: { "Accept-Language": "de-DE" } });
    expect(none.text).toContain('<html lang="kk">');
    const chosen = await page("GET", "/p?lang=kk", { headers: { "Accept-Language": "ru" } });
    expect(chosen.text).toContain('<html lang="kk">');
  });

  it("sends one mail per address however often it is asked within the window", async () => {
    const p = await person();
    await ask(p.email!);
    await ask(p.email!);
    const keys = new Set((await requestsTo(p.email!)).map((r) => r.idempotencyKey));
    expect(keys.size).toBe(1);
  });

  it("limits requests per client with 429", async () => {
    const ip = "192.0.2.77";
    const answers = [];
    for (let i = 0; i < 12; i++) answers.push((await ask(freshEmail(), ip)).status);
    expect(answers.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(answers.slice(10)).toEqual([429, 429]);
  });

  it.each(["", "not an address", "a@b"])("refuses %j with 400 and the form", async (email) => {
    const answer = await ask(email);
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('aria-invalid="true"');
  });

  it("refuses a cross-site request with 403", async () => {
    expect((await page("POST", "/p", { form: { email: freshEmail() }, headers: { Origin: "https://evil.example" } })).status).toBe(403);
  });

  it.each([
    ["kk", "кез келген SMS хабарламамызға бір сөзбен жауап беріңіз: ТОҚТАТУ, СТОП немесе STOP."],
    ["ru", "ответьте на любое наше SMS одним словом: СТОП, ОТПИСКА или STOP."],
    ["en", "reply to any of them with one word: STOP, СТОП or ТОҚТАТУ."],
  ])("asks only for an email (%s), and tells a person with only a phone to reply STOP: no SMS gateway sends links", async (lang, stop) => {
    const shown = await page("GET", `/p?lang=${lang}`);
    expect([...shown.text.matchAll(/<input [^>]*name="(\w+)"/g)].map((m) => m[1])).toEqual(["email"]);
    expect(shown.text).toContain('<h2 id="phone-only">');
    expect(shown.text).toContain(stop);
    expect(shown.text).toMatch(/<section aria-labelledby="phone-only">.*href="tel:\+77172574600".*<\/section>/s);
    // Once the mail is on its way the form and its aside are gone.
    const sent = await ask(freshEmail());
    expect(sent.text).not.toContain("phone-only");
  });

  it("shows the form in the remembered language", async () => {
    const shown = await page("GET", "/p", { headers: { Cookie: "lang=en" } });
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('<html lang="en">');
    expect(shown.text).toContain('type="email"');
  });
});

describe("grants through a link need the person (issue 14)", () => {
  it("an opt_in topic turned on by SMS waits for a confirmation mailed to the person's email", async () => {
    const p = await person({ phone: freshPhone() });
    const shown = await page("GET", p.link);
    const saved = await page("POST", p.link, { form: submission(shown.text, { tick: ["pref:advertising/sms"] }), headers: SAME_ORIGIN });
    expect(saved.status).toBe(200);
    const [pending] = (await events(p.id)).filter((e) => e.status === "pending");
    expect(pending).toMatchObject({ topic: "advertising", channel: "sms", source: "preference_page" });
    expect(await decision(p.id, "advertising", "sms")).toBe("pending_confirmation");
    const [mail] = await requestsTo(p.email!);
    expect(mail!.idempotencyKey).toBe(`confirm/${pending!.id}`);
    const confirmUrl = /https:\/\/prefs\.test\/c\/[A-Za-z0-9_-]+/.exec(JSON.stringify(mail!.body))![0];
    expect((await page("POST", confirmUrl, { form: {}, headers: SAME_ORIGIN })).status).toBe(200);
    expect(await decision(p.id, "advertising", "sms")).toBe("allowed");
  });

  it("a person without an email address cannot turn on an opt_in topic: the box is locked and says why", async () => {
    const p = await person({ email: undefined, phone: freshPhone() });
    const shown = await page("GET", p.link);
    expect(shown.text).toMatch(/value="advertising\/sms"[^>]*disabled=""/);
    expect(shown.text).toContain("бізде сіздің электрондық поштаңыз жоқ");
    expect(shown.text).not.toMatch(/value="newsletter\/sms"[^>]*disabled/);
    const before = await events(p.id);
    const forced = await page("POST", p.link, { form: submission(shown.text, { tick: ["pref:advertising/sms"] }), headers: SAME_ORIGIN });
    expect(forced.status).toBe(400);
    expect(await events(p.id)).toEqual(before);
    expect(await decision(p.id, "advertising", "sms")).toBe("no_consent");
  });

  it("a person without an email address can still turn an opt_in topic off", async () => {
    const p = await person({ email: undefined, phone: freshPhone(), consents: [grant("*", "*"), grant("advertising", "sms")] });
    const shown = await page("GET", p.link);
    expect(boxes(shown.text)).toContain("pref:advertising/sms on");
    const saved = await page("POST", p.link, { form: submission(shown.text, { untick: ["pref:advertising/sms"] }), headers: SAME_ORIGIN });
    expect(saved.status).toBe(200);
    expect(await decision(p.id, "advertising", "sms")).toBe("withdrawn_topic_channel");
  });

  it("an opt_out topic turned back on takes effect at once", async () => {
    const p = await person({ consents: [grant("*", "*"), withdraw("newsletter", "email")] });
    const shown = await page("GET", p.link);
    await page("POST", p.link, { form: submission(shown.text, { tick: ["pref:newsletter/email"] }), headers: SAME_ORIGIN });
    expect(await decision(p.id, "newsletter")).toBe("allowed");
    expect((await events(p.id)).filter((e) => e.status === "pending")).toEqual([]);
  });
});

describe("a confirmation is bound to the address it was mailed to (issue 14)", () => {
  it("after the contact's email changes, the old link confirms nothing and reads as expired", async () => {
    const p = await person();
    const shown = await page("GET", p.link);
    await page("POST", p.link, { form: submission(shown.text, { tick: ["pref:advertising/email"] }), headers: SAME_ORIGIN });
    const confirmUrl = /https:\/\/prefs\.test\/c\/[A-Za-z0-9_-]+/.exec(JSON.stringify((await requestsTo(p.email!))[0]!.body))![0];
    // The contact gets an external id (matched by email), then a new email (matched by the external id).
    const ext = `ext-${p.id}`;
    expectStatus(await call("POST", "/v1/contacts", { body: { email: p.email, externalId: ext } }), 200);
    expectStatus(await call("POST", "/v1/contacts", { body: { externalId: ext, email: freshEmail() } }), 200);
    const answered = await page("POST", confirmUrl, { form: {}, headers: SAME_ORIGIN });
    expect(answered.status).toBe(410);
    expect(await decision(p.id, "advertising")).toBe("pending_confirmation");
    expect((await events(p.id)).filter((e) => e.source === "double_opt_in")).toEqual([]);
  });

  it("records the keyed hash of the address in the pending event's evidence", async () => {
    const p = await person();
    const shown = await page("GET", p.link);
    await page("POST", p.link, { form: submission(shown.text, { tick: ["pref:advertising/email"] }), headers: SAME_ORIGIN });
    const [pending] = (await events(p.id)).filter((e) => e.status === "pending");
    const { email_hash } = (await sql.first<{ email_hash: string }>("SELECT email_hash FROM contacts WHERE id = ?1", p.id))!;
    expect(JSON.parse(pending!.evidence).confirmationSentTo).toBe(email_hash);
    expect(JSON.parse(pending!.evidence).confirmationSentTo).not.toContain("@");
  });
});

describe("the language a person chooses on a page is kept (issue 11)", () => {
  it("saving the preference page in Russian makes Russian the contact's language", async () => {
    const p = await person();
    const shown = await page("GET", `${p.link}?lang=ru`);
    await page("POST", `${p.link}?lang=ru`, { form: submission(shown.text, { untick: ["pref:newsletter/email"] }), headers: SAME_ORIGIN });
    expect((await call("GET", `/v1/contacts/${p.id}`)).body.locale).toBe("ru");
  });

  it("opening a page in another language changes nothing (scanners open links)", async () => {
    const p = await person();
    await page("GET", `${p.link}?lang=en`);
    expect((await call("GET", `/v1/contacts/${p.id}`)).body.locale).toBe("kk");
  });
});
