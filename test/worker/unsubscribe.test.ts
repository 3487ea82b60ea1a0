import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { newId } from "../../src/ids";
import { parseKeyRing, type KeyRing } from "../../src/signing/key-ring";
import { encodeForUrl, signLink } from "../../src/signing/link-token";
import { call, createContact, expectStatus, freshEmail, freshPhone, grant, noonInKazakhstan } from "./api";
import { sql } from "./db";

/** A contact who may receive the newsletter by email, and the link a send check gave for them. */
async function subscriber(extra: Record<string, unknown> = {}) {
  const contact = await createContact({ email: freshEmail(), consents: [grant("*", "*")], ...extra });
  const checked = await call("POST", "/v1/send-checks", {
    body: { topic: "newsletter", channel: "email", campaign: "November news", recipients: [{ contactId: contact.id }] },
  });
  expectStatus(checked, 200);
  const [entry] = checked.body.allowed;
  return { contact, checkId: checked.body.id as string, unsubscribe: entry.unsubscribe as { url: string; headers: Record<string, string> } };
}

async function page(method: string, url: string, init: { body?: BodyInit; headers?: Record<string, string> } = {}) {
  const response = await exports.default.fetch(new Request(url, { method, ...init, redirect: "manual" }));
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const oneClick = (url: string) =>
  page("POST", url, {
    body: "List-Unsubscribe=One-Click",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "User-Agent": "GoogleOneClick/1.0", "CF-Connecting-IP": "203.0.113.7" },
  });

async function events(contactId: string) {
  return sql.all<{ topic: string; channel: string; status: string; source: string; locale: string; evidence: string }>(
    "SELECT topic, channel, status, source, locale, evidence FROM consent_events WHERE contact_id = ?1 ORDER BY seq",
    contactId,
  );
}

async function nextCheck(contactId: string, topic = "newsletter", channel = "email") {
  const response = await call("POST", "/v1/send-checks", { body: { topic, channel, recipients: [{ contactId }] } });
  expectStatus(response, 200);
  return response.body.allowed.length === 1 ? "allowed" : (response.body.blocked[0].reason as string);
}

function testRing(): KeyRing {
  const parsed = parseKeyRing(env.LINK_SIGNING_KEYS);
  if ("problems" in parsed) throw new Error("test key ring");
  return parsed;
}

async function linkFor(contactId: string, keys: KeyRing = testRing(), scope = { topic: "newsletter", channel: "email" as const }) {
  return `https://prefs.test/u/${encodeForUrl(await signLink(keys, { kind: "unsubscribe", contactId, ...scope }))}`;
}

describe("unsubscribe links in send checks", () => {
  it("gives email recipients RFC 8058 and RFC 2369 headers: an https URL and a mailto alternative", async () => {
    const { unsubscribe } = await subscriber();
    expect(unsubscribe.url).toMatch(/^https:\/\/prefs\.test\/u\/[A-Za-z0-9_-]{54}$/);
    expect(unsubscribe.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const targets = unsubscribe.headers["List-Unsubscribe"]!.split(", ");
    expect(targets[0]).toBe(`<${unsubscribe.url}>`);
    expect(targets[1]).toMatch(/^<mailto:[a-z2-7]{1,64}@unsubscribe\.prefs\.test\?subject=unsubscribe>$/);
    expect(targets).toHaveLength(2);
  });

  it("gives SMS recipients the short URL only", async () => {
    const contact = await createContact({ phone: freshPhone(), consents: [grant("*", "*")] });
    const checked = await call("POST", "/v1/send-checks", {
      body: { topic: "service_updates", channel: "sms", sendAt: "2026-11-24T12:00:00+05:00", recipients: [{ contactId: contact.id }] },
    });
    expectStatus(checked, 200);
    const { unsubscribe } = checked.body.allowed[0];
    expect(Object.keys(unsubscribe)).toEqual(["url"]);
    // One Cyrillic segment holds 70 characters; the deployment's own host is at most as long as these.
    const token = unsubscribe.url.slice(`${env.PUBLIC_BASE_URL}/u/`.length);
    expect(unsubscribe.url).toBe(`${env.PUBLIC_BASE_URL}/u/${token}`);
    expect(`https://orleu-edu.kz/u/${token}`.length).toBe(55);
    expect(`https://prefs.orleu-edu.kz/u/${token}`.length).toBeLessThanOrEqual(70);
  });

  it("keeps email links as they were: 54 characters of token carrying the campaign reference", async () => {
    const { unsubscribe } = await subscriber();
    const token = unsubscribe.url.slice(`${env.PUBLIC_BASE_URL}/u/`.length);
    expect(token).toMatch(/^[A-Za-z0-9_-]{54}$/);
    expect(`https://orleu-edu.kz/u/${token}`.length).toBe(77);
  });

  it("puts no address or contact id in the link", async () => {
    const { contact, unsubscribe } = await subscriber();
    const text = JSON.stringify(unsubscribe).toLowerCase();
    expect(text).not.toContain(contact.email!.toLowerCase());
    expect(text).not.toContain(contact.email!.split("@")[0]!.toLowerCase());
    expect(text).not.toContain(contact.id.slice(3));
  });
});

describe("GET, HEAD and OPTIONS /u/{token}: a page that changes nothing", () => {
  it("shows what stops in the contact's language, with a switch to the others", async () => {
    const { contact, unsubscribe } = await subscriber({ locale: "ru" });
    const response = await page("GET", unsubscribe.url, { headers: { "User-Agent": "Mozilla/5.0 (compatible; SafeLinks scanner)" } });
    expectStatus({ ...response, body: response.text }, 200);
    expect(response.text.startsWith('<!doctype html><html lang="ru">')).toBe(true);
    expect(response.text).toContain('"Segoe UI"'); // the style sheet is not HTML-escaped
    expect(response.text).toContain("Вы подписаны на «Информационное письмо» по электронной почте.");
    expect(response.text).toContain('name="scope" value="link"');
    expect(response.text).toContain('name="scope" value="channel"');
    expect(response.text).toContain('name="scope" value="everything"');
    expect(response.text).toContain('hreflang="kk"');
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(response.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
    expect(await events(contact.id)).toHaveLength(1);
    expect(await nextCheck(contact.id)).toBe("allowed");

    const kazakh = await page("GET", `${unsubscribe.url}?lang=kk`);
    expect(kazakh.text).toContain('<html lang="kk">');
    expect(kazakh.text).toContain("электрондық пошта арқылы");
  });

  it("answers HEAD and OPTIONS without writing anything", async () => {
    const { contact, unsubscribe } = await subscriber();
    const head = await page("HEAD", unsubscribe.url);
    expect(head.status).toBe(200);
    expect(head.text).toBe("");
    const options = await page("OPTIONS", unsubscribe.url);
    expect(options.status).toBe(204);
    expect(options.headers.get("Allow")).toBe("GET, HEAD, POST, OPTIONS");
    expect(await events(contact.id)).toHaveLength(1);
    expect(await nextCheck(contact.id)).toBe("allowed");
  });

  it("links to the contact's preference page, for fewer mailings rather than none", async () => {
    const { unsubscribe } = await subscriber();
    const shown = await page("GET", unsubscribe.url);
    const manage = /href="(https:\/\/prefs\.test\/p\/[A-Za-z0-9_-]+)"/.exec(shown.text)?.[1];
    expect(manage).toBeDefined();
    const preferences = await page("GET", manage!);
    expect(preferences.status).toBe(200);
    expect(preferences.text).toContain('name="pref"');
  });

  it("says when the link's scope is already withdrawn", async () => {
    const { unsubscribe } = await subscriber({ locale: "en" });
    await oneClick(unsubscribe.url);
    const response = await page("GET", unsubscribe.url);
    expect(response.text).toContain("You have already unsubscribed from these messages.");
    // Only the wider choices are left: stopping the same thing again would do nothing.
    expect([...response.text.matchAll(/name="scope" value="(\w+)"/g)].map((m) => m[1])).toEqual(["channel", "everything"]);
    expect(response.text).toContain("Do you want to stop other mailings too?");
  });
});

describe("POST /u/{token}", () => {
  it("takes an RFC 8058 one-click POST (urlencoded, no cookies, no auth): 200, recorded, and the next check blocks", async () => {
    const { contact, checkId, unsubscribe } = await subscriber({ locale: "kk" });
    const response = await oneClick(unsubscribe.url);
    expect(response.status).toBe(200);
    expect(response.headers.get("Location")).toBeNull();
    expect(response.text).toContain("Енді сізге «Жаңалықтар хаты» тақырыбындағы хабарламалар электрондық пошта арқылы жіберілмейді.");
    const [, withdrawal] = await events(contact.id);
    expect(withdrawal).toMatchObject({ topic: "newsletter", channel: "email", status: "withdrawn", source: "one_click", locale: "kk" });
    expect(JSON.parse(withdrawal!.evidence)).toEqual({
      ip: "203.0.113.7",
      userAgent: "GoogleOneClick/1.0",
      sendCheckId: checkId,
      linkKeyId: 2,
      choice: "link",
    });
    expect(await nextCheck(contact.id)).toBe("withdrawn_topic_channel");
    expect(await nextCheck(contact.id, "surveys_research")).toBe("allowed");
  });

  it("takes a one-click from an SMS link: recorded for SMS, with no campaign reference in the evidence", async () => {
    const contact = await createContact({ phone: freshPhone(), consents: [grant("*", "*")], locale: "ru" });
    const checked = await call("POST", "/v1/send-checks", {
      body: { topic: "service_updates", channel: "sms", sendAt: noonInKazakhstan(), campaign: "Winter courses", recipients: [{ contactId: contact.id }] },
    });
    expectStatus(checked, 200);
    const { url } = checked.body.allowed[0].unsubscribe;
    const shown = await page("GET", url);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain("по SMS");
    expect((await oneClick(url)).status).toBe(200);
    const withdrawal = (await events(contact.id)).at(-1)!;
    expect(withdrawal).toMatchObject({ topic: "service_updates", channel: "sms", status: "withdrawn", source: "one_click" });
    expect(JSON.parse(withdrawal.evidence)).toEqual({ ip: "203.0.113.7", userAgent: "GoogleOneClick/1.0", linkKeyId: 2, choice: "link" });
    expect(await nextCheck(contact.id, "service_updates", "sms")).toBe("withdrawn_topic_channel");
  });

  it("refuses a forged or tampered SMS link with the 404 and writes nothing", async () => {
    const contact = await createContact({ phone: freshPhone(), consents: [grant("*", "*")] });
    const checked = await call("POST", "/v1/send-checks", {
      body: { topic: "service_updates", channel: "sms", sendAt: noonInKazakhstan(), recipients: [{ contactId: contact.id }] },
    });
    const { url } = checked.body.allowed[0].unsubscribe as { url: string };
    const token = url.split("/u/")[1]!;
    const foreign = parseKeyRing(`2:${"f".repeat(40)}`) as KeyRing;
    const forged = encodeForUrl(await signLink(foreign, { kind: "unsubscribe", contactId: contact.id, topic: "service_updates", channel: "sms", short: true }));
    for (const bad of [forged, token.slice(0, 12) + (token[12] === "A" ? "B" : "A") + token.slice(13), token.slice(0, -1)]) {
      expect((await oneClick(`${env.PUBLIC_BASE_URL}/u/${bad}`)).status, bad).toBe(404);
    }
    expect(await events(contact.id)).toHaveLength(1);
  });

  it("takes the one-click body as multipart/form-data too", async () => {
    const { contact, unsubscribe } = await subscriber();
    const form = new FormData();
    form.set("List-Unsubscribe", "One-Click");
    const response = await page("POST", unsubscribe.url, { body: form });
    expect(response.status).toBe(200);
    expect((await events(contact.id)).at(-1)).toMatchObject({ status: "withdrawn", source: "one_click" });
    expect(await nextCheck(contact.id)).toBe("withdrawn_topic_channel");
  });

  it("is idempotent: repeated clicks answer 200 and record one withdrawal", async () => {
    const { contact, unsubscribe } = await subscriber();
    const responses = await Promise.all([oneClick(unsubscribe.url), oneClick(unsubscribe.url), oneClick(unsubscribe.url)]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await oneClick(unsubscribe.url)).status).toBe(200);
    expect((await events(contact.id)).filter((e) => e.status === "withdrawn")).toHaveLength(1);
  });

  it.each([
    ["channel", { topic: "*", channel: "email" }, "withdrawn_channel"],
    ["everything", { topic: "*", channel: "*" }, "withdrawn_all"],
    ["link", { topic: "newsletter", channel: "email" }, "withdrawn_topic_channel"],
  ])("records the page's %s button with its scope", async (choice, scope, reason) => {
    const { contact, unsubscribe } = await subscriber();
    const response = await page("POST", unsubscribe.url, {
      body: new URLSearchParams({ scope: choice }),
      headers: { "User-Agent": "Mozilla/5.0 (Linux; Android 14)" },
    });
    expect(response.status).toBe(200);
    expect((await events(contact.id)).at(-1)).toMatchObject({ ...scope, status: "withdrawn", source: "unsubscribe_page" });
    expect(await nextCheck(contact.id)).toBe(reason);
  });

  it.each<[string, { body?: BodyInit; headers?: Record<string, string> }]>([
    ["no body", {}],
    ["an empty form", { body: new URLSearchParams() }],
    ["an unknown field", { body: new URLSearchParams({ unsubscribe: "yes" }) }],
    ["another List-Unsubscribe value", { body: new URLSearchParams({ "List-Unsubscribe": "Yes" }) }],
    ["an unknown scope", { body: new URLSearchParams({ scope: "forever" }) }],
    ["JSON", { body: JSON.stringify({ "List-Unsubscribe": "One-Click" }), headers: { "Content-Type": "application/json" } }],
    ["text", { body: "List-Unsubscribe=One-Click", headers: { "Content-Type": "text/plain" } }],
    ["broken multipart", { body: "--x\r\nnonsense", headers: { "Content-Type": "multipart/form-data; boundary=x" } }],
  ])("answers %s with 400 and the buttons, and changes nothing", async (_name, init) => {
    const { contact, unsubscribe } = await subscriber();
    const response = await page("POST", unsubscribe.url, init);
    expect(response.status).toBe(400);
    expect(response.text).toContain('name="scope" value="link"');
    expect(await events(contact.id)).toHaveLength(1);
    expect(await nextCheck(contact.id)).toBe("allowed");
  });

  it("refuses a body over 16 KiB with 413 and changes nothing", async () => {
    const { contact, unsubscribe } = await subscriber();
    const body = `List-Unsubscribe=One-Click&pad=${"x".repeat(17 * 1024)}`;
    const response = await page("POST", unsubscribe.url, { body, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(response.status).toBe(413);
    expect(await events(contact.id)).toHaveLength(1);
  });
});

describe("links that must not work", () => {
  it("answers every bad token with the same 404 and changes nothing", async () => {
    const { contact, unsubscribe } = await subscriber();
    const token = unsubscribe.url.split("/u/")[1]!;
    const flipped = token.slice(0, 20) + (token[20] === "A" ? "B" : "A") + token.slice(21);
    const foreignRing = parseKeyRing(`2:${"f".repeat(40)}`) as KeyRing;
    const retiredRing = parseKeyRing(`9:${"r".repeat(40)}`) as KeyRing;
    const bad = [
      `https://prefs.test/u/${flipped}`, // tampered
      await linkFor(contact.id, foreignRing), // signed elsewhere with a key of the same id
      await linkFor(contact.id, retiredRing), // signed by a key no longer on the ring
      await linkFor("ct_0000000000000000"), // well signed, nobody
      "https://prefs.test/u/!!!!",
      `https://prefs.test/u/${token}${token}`,
      `https://prefs.test/u/${token.slice(0, -3)}`,
    ];
    const answers = [];
    for (const url of bad) {
      for (const method of ["GET", "POST"]) {
        const response = method === "GET" ? await page("GET", url) : await oneClick(url);
        expect(response.status, `${method} ${url}`).toBe(404);
        answers.push(response.text);
      }
    }
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toContain("Бұл сілтеме жарамсыз");
    // A warning in each language, with the way forward: a new link at /p, and the contacts.
    for (const lang of ["kk", "ru", "en"]) {
      const section = new RegExp(`<section lang="${lang}" class="warning">(.*?)</section>`, "s").exec(answers[0]!)?.[1];
      expect(section, lang).toContain(`href="/p?lang=${lang}"`);
      expect(section, lang).toContain('href="mailto:kuzhat@orleu-edu.kz"');
    }
    expect(await events(contact.id)).toHaveLength(1);
    expect(await nextCheck(contact.id)).toBe("allowed");
  });

  it("keeps links signed by an older key on the ring working", async () => {
    const { contact } = await subscriber();
    const olderRing = parseKeyRing(env.LINK_SIGNING_KEYS.split(",")[1]!) as KeyRing;
    expect(olderRing.signingKeyId).toBe(1);
    const response = await oneClick(await linkFor(contact.id, olderRing));
    expect(response.status).toBe(200);
    expect(JSON.parse((await events(contact.id)).at(-1)!.evidence).linkKeyId).toBe(1);
  });

  it("treats an erased contact's link like any bad link", async () => {
    const { contact, unsubscribe } = await subscriber();
    await sql.run("UPDATE contacts SET erased_at = ?2 WHERE id = ?1", contact.id, new Date().toISOString());
    expect((await page("GET", unsubscribe.url)).status).toBe(404);
    expect((await oneClick(unsubscribe.url)).status).toBe(404);
    expect(await events(contact.id)).toHaveLength(1);
  });

  it("answers a one-click on a well-signed link naming nobody with the 404, writing nothing", async () => {
    const nobody = newId("ct");
    expect((await oneClick(await linkFor(nobody))).status).toBe(404);
    expect(await events(nobody)).toHaveLength(0);
  });
});

describe("the language a one-click records (read and written in one store call)", () => {
  it.each([
    ["the contact's own, with nothing chosen", "", {}, "ru"],
    ["the one ?lang= names", "?lang=en", {}, "en"],
    ["the remembered one", "", { Cookie: "lang=kk" }, "kk"],
    ["the contact's own when ?lang= names none we write in", "?lang=de", {}, "ru"],
  ])("is %s", async (_, query, headers: Record<string, string>, locale) => {
    const { contact, unsubscribe } = await subscriber({ locale: "ru" });
    const response = await page("POST", `${unsubscribe.url}${query}`, {
      body: "List-Unsubscribe=One-Click",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    });
    expect(response.status).toBe(200);
    expect((await events(contact.id)).at(-1)).toMatchObject({ status: "withdrawn", source: "one_click", locale });
    expect(response.text).toContain(`lang="${locale}"`);
  });
});

describe("a caller's clock running fast", () => {
  const inFourMinutes = () => new Date(Date.now() + 4 * 60_000).toISOString();

  it("does not let a future-dated grant outrank a one-click made before that moment", async () => {
    const { contact, unsubscribe } = await subscriber({ consents: [grant("newsletter", "email", { occurredAt: inFourMinutes() })] });
    expect(await nextCheck(contact.id)).toBe("allowed");
    expect((await oneClick(unsubscribe.url)).status).toBe(200);
    expect(await nextCheck(contact.id)).toBe("withdrawn_topic_channel");
  });

  it("records the moment of receipt instead, and keeps the claimed time as evidence", async () => {
    const claimed = inFourMinutes();
    const contact = await createContact({ email: freshEmail(), consents: [grant("newsletter", "email", { occurredAt: claimed, evidence: { form: "x" } })] });
    const [event] = await events(contact.id);
    // Quoted aliases: PostgreSQL folds bare ones to lower case.
    const times = await sql.first<{ occurredAt: string; recordedAt: string }>(
      'SELECT occurred_at AS "occurredAt", recorded_at AS "recordedAt" FROM consent_events WHERE contact_id = ?1',
      contact.id,
    );
    expect(times!.occurredAt).toBe(times!.recordedAt);
    expect(JSON.parse(event!.evidence)).toEqual({ form: "x", claimedOccurredAt: claimed });
  });
});

describe("stopping from the unsubscribe page keeps the person's choices (issue 14)", () => {
  const pressed = (url: string, fields: Record<string, string>) =>
    page("POST", url, { body: new URLSearchParams(fields), headers: { "Content-Type": "application/x-www-form-urlencoded", "User-Agent": "test" } });
  const undoOf = (html: string) => /name="undo" value="([A-Za-z0-9_-]+)"/.exec(html)?.[1];
  const scopeButtons = (html: string) => [...html.matchAll(/name="scope" value="(\w+)"/g)].map((m) => m[1]);

  it("says what stopped and for which address, masked, and offers Undo", async () => {
    const { contact, unsubscribe } = await subscriber({ locale: "en", phone: freshPhone() });
    const done = await pressed(unsubscribe.url, { scope: "everything" });
    expect(done.status).toBe(200);
    expect(done.text).toContain("You will no longer receive any mailings from us, on any channel.");
    const [local, domain] = contact.email!.split("@");
    expect(done.text).toContain(`${local!.slice(0, 1)}•••@${domain}`);
    expect(done.text).toContain(`+7 ${contact.phone!.slice(2, 5)} •••• ${contact.phone!.slice(-2)}`);
    expect(done.text).not.toContain(contact.email!);
    expect(done.text).toContain("If a mailing is already under way, one message may still arrive.");
    expect(undoOf(done.text)).toBeDefined();
    expect(scopeButtons(done.text)).toEqual([]);
  });

  it("offers after a one-click only the wider stops not yet in effect, from the states read in the same store call", async () => {
    const fresh = await subscriber({ locale: "en" });
    expect(scopeButtons((await oneClick(fresh.unsubscribe.url)).text)).toEqual(["channel", "everything"]);
    const { unsubscribe } = await subscriber({ locale: "en" });
    await pressed(unsubscribe.url, { scope: "channel" });
    const clicked = await oneClick(unsubscribe.url);
    expect(clicked.status).toBe(200);
    expect(scopeButtons(clicked.text)).toEqual(["everything"]);
  });

  it("never again says 'you receive' a scope that a wider stop covers", async () => {
    const { unsubscribe } = await subscriber({ locale: "en" });
    await pressed(unsubscribe.url, { scope: "channel" });
    const shown = await page("GET", unsubscribe.url);
    expect(shown.text).not.toContain("You receive");
    expect(shown.text).toContain("You have already unsubscribed from these messages.");
    expect(scopeButtons(shown.text)).toEqual(["everything"]);
  });

  it("keeps the choices under 'everything': the preference page still shows them, and Undo brings them back", async () => {
    const { contact, unsubscribe } = await subscriber({ consents: [grant("*", "*"), { ...grant("surveys_research", "email"), status: "withdrawn" }] });
    const done = await pressed(unsubscribe.url, { scope: "everything" });
    expect(await nextCheck(contact.id)).toBe("withdrawn_all");
    const manage = /href="(https:\/\/prefs\.test\/p\/[A-Za-z0-9_-]+)"/.exec(done.text)![1]!;
    const preferences = await page("GET", manage);
    expect(preferences.text).toMatch(/name="pref" value="newsletter\/email" checked=""/);
    expect(preferences.text).not.toMatch(/name="pref" value="surveys_research\/email" checked=""/);

    const undone = await pressed(unsubscribe.url, { undo: undoOf(done.text)! });
    expect(undone.status).toBe(200);
    expect(undone.text).toContain("Өзгеріс болдырылмады");
    expect(await nextCheck(contact.id)).toBe("allowed");
    expect(await nextCheck(contact.id, "surveys_research")).toBe("withdrawn_topic_channel");
    const last = (await events(contact.id)).at(-1)!;
    expect(last).toMatchObject({ topic: "*", channel: "*", status: "granted", source: "unsubscribe_page" });
    expect(JSON.parse(last.evidence).undoes).toMatch(/^ce_/);

    const count = (await events(contact.id)).length;
    expect((await pressed(unsubscribe.url, { undo: undoOf(done.text)! })).status).toBe(200);
    expect(await events(contact.id)).toHaveLength(count);
  });

  it("undoes a one-click on a scope that had no record of its own back to no record, not to a grant", async () => {
    const { contact, unsubscribe } = await subscriber();
    const done = await oneClick(unsubscribe.url);
    expect(await nextCheck(contact.id)).toBe("withdrawn_topic_channel");
    expect((await pressed(unsubscribe.url, { undo: undoOf(done.text)! })).status).toBe(200);
    expect((await events(contact.id)).at(-1)).toMatchObject({ topic: "newsletter", channel: "email", status: "cleared" });
    const check = await call("POST", "/v1/send-checks", { body: { topic: "newsletter", channel: "email", recipients: [{ contactId: contact.id }] } });
    expect(check.body.counts.reasons).toEqual({ baseline_consent: 1 });
  });

  it("refuses to undo once the scope changed since, another person's withdrawal, or a forged reference", async () => {
    const { contact, unsubscribe } = await subscriber();
    const done = await pressed(unsubscribe.url, { scope: "link" });
    const reference = undoOf(done.text)!;
    await call("POST", "/v1/contacts", { body: { email: contact.email, consents: [{ ...grant("newsletter", "email"), status: "withdrawn", source: "api" }] } });
    const stale = await pressed(unsubscribe.url, { undo: reference });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain("Енді болдырмау мүмкін емес");

    const other = await subscriber();
    const otherDone = await pressed(other.unsubscribe.url, { scope: "link" });
    const count = (await events(contact.id)).length;
    expect((await pressed(unsubscribe.url, { undo: undoOf(otherDone.text)! })).status).toBe(409);
    expect((await pressed(unsubscribe.url, { undo: "AAAA" })).status).toBe(409);
    expect(await events(contact.id)).toHaveLength(count);
    expect(await nextCheck(other.contact.id)).toBe("withdrawn_topic_channel");
  });

  it("offers no Undo when nothing new was recorded", async () => {
    const { unsubscribe } = await subscriber();
    await oneClick(unsubscribe.url);
    const again = await oneClick(unsubscribe.url);
    expect(again.status).toBe(200);
    expect(undoOf(again.text)).toBeUndefined();
  });

  it("keeps the language the person pressed a button in, for the mails that follow; a one-click keeps the stored one", async () => {
    const { contact, unsubscribe } = await subscriber();
    await oneClick(unsubscribe.url);
    expect((await call("GET", `/v1/contacts/${contact.id}`)).body.locale).toBe("kk");
    await pressed(`${unsubscribe.url}?lang=ru`, { scope: "channel" });
    expect((await call("GET", `/v1/contacts/${contact.id}`)).body.locale).toBe("ru");
  });
});
