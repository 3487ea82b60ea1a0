import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { findTopic } from "../../src/consent/catalog";
import { AddressHasher } from "../../src/crypto/address-hash";
import { createStore, type SuppressionCursor, type SuppressionEntry } from "../../src/store";
import { ADMIN_KEY, call, createContact, expectStatus, freshEmail, freshPhone, grant, unique } from "./api";
import { campaignBody, campaignCall, campaignEnv } from "./campaigns";
import { signedBounce } from "./campaign-webhook";
import { sql } from "./db";
import { resendEnv } from "./mail";

/**
 * The console's send checks, campaigns, suppressions and API keys pages (docs/console.md)
 * without a browser: scopes, bad input, CSRF, pages of lists, the key shown once.
 * PostgreSQL is shared by the whole run: each test looks for its own rows, never at totals.
 */
const app = createApp();
const BASE = "https://prefs.test";

async function page(method: string, path: string, options: { form?: URLSearchParams | Record<string, string>; cookie?: string; headers?: Record<string, string> } = {}) {
  const { form, cookie, headers } = options;
  const ctx = createExecutionContext();
  const request = new Request(BASE + path, {
    method,
    body: form ? new URLSearchParams(form) : undefined,
    headers: { Origin: BASE, "CF-Connecting-IP": `203.0.113.${unique()}`, ...(cookie ? { Cookie: cookie } : {}), ...headers },
    redirect: "manual",
  });
  const response = await app.fetch(request, resendEnv(), ctx);
  const text = await response.text();
  await waitOnExecutionContext(ctx);
  return { status: response.status, headers: response.headers, text };
}

async function signIn(key: string): Promise<string> {
  const response = await page("POST", "/admin/sign-in", { form: { key } });
  expect(response.status, response.text).toBe(303);
  return (response.headers.get("Set-Cookie") ?? "").split(";")[0]!;
}

async function keyWith(scopes: string[]) {
  const response = await call("POST", "/v1/api-keys", { body: { name: `ops test ${unique()}`, scopes } });
  expectStatus(response, 201);
  return response.body as { id: string; key: string };
}

const admin = () => signIn(ADMIN_KEY!);
const signedInWith = async (scopes: string[]) => signIn((await keyWith(["console", ...scopes])).key);

/** The `<tr>` whose data attribute has this value. */
function rowOf(html: string, attribute: string, value: string): string {
  const start = html.indexOf(`<tr ${attribute}="${value}"`);
  expect(start, `no row ${attribute}=${value}`).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf("</tr>", start));
}

/** The pager's "older" link, unescaped. */
function nextLink(html: string): string | undefined {
  return /<a href="([^"]+)" rel="next">/.exec(html)?.[1]?.replaceAll("&amp;", "&");
}

const PAGES = ["/admin/send-checks", "/admin/campaigns", "/admin/suppressions", "/admin/api-keys"];

describe("console operations pages: access", () => {
  it("sends a signed-out browser to the sign-in page, back to the page after", async () => {
    for (const path of [...PAGES, "/admin/send-checks/sc_x", "/admin/campaigns/cmp_x", "/admin/api-keys/key_x/revoke"]) {
      const response = await page("GET", path);
      expect(response.status, path).toBe(303);
      expect(response.headers.get("Location")).toBe(`/admin/sign-in?next=${encodeURIComponent(path)}`);
    }
    for (const path of ["/admin/campaigns/cmp_x/cancel", "/admin/suppressions/export", "/admin/api-keys", "/admin/api-keys/key_x/revoke"]) {
      const response = await page("POST", path, { form: { confirm: "yes" } });
      expect(response.status, path).toBe(303);
      expect(response.headers.get("Location")).toBe("/admin/sign-in");
    }
  });

  it("answers 403 naming the scope /v1 needs, for a console key without it", async () => {
    const cookie = await signedInWith([]);
    const needs: [string, string][] = [
      ["/admin/send-checks", "send-checks:read"],
      ["/admin/campaigns", "campaigns:send"],
      ["/admin/suppressions", "send-checks:read"],
      ["/admin/api-keys", "api-keys:manage"],
    ];
    for (const [path, scope] of needs) {
      const response = await page("GET", path, { cookie, headers: { "Accept-Language": "en" } });
      expect(response.status, path).toBe(403);
      expect(response.text).toContain(`lacks the “${scope}” scope`);
    }
    const post = await page("POST", "/admin/api-keys", { cookie, form: { name: "x", scopes: "topics:read" } });
    expect(post.status).toBe(403);
  });

  it("lists its pages in the navigation, in kk, ru and en", async () => {
    const cookie = await admin();
    for (const [lang, words] of [
      ["kk", ["Тексерулер", "Жіберілімдер", "Бұғаттаулар", "API кілттері"]],
      ["ru", ["Проверки", "Рассылки", "Блокировки", "API-ключи"]],
      ["en", ["Send checks", "Campaigns", "Suppressions", "API keys"]],
    ] as const) {
      const response = await page("GET", `/admin/suppressions?lang=${lang}`, { cookie });
      expect(response.status).toBe(200);
      expect(response.text).toContain(`<html lang="${lang}">`);
      for (const word of words) expect(response.text).toContain(word);
    }
  });

  it("refuses every POST from another site (CSRF), before doing anything", async () => {
    const cookie = await admin();
    const foreign = { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" };
    const target = await keyWith(["topics:read"]);
    for (const path of ["/admin/api-keys", `/admin/api-keys/${target.id}/revoke`, "/admin/suppressions/export", "/admin/campaigns/cmp_x/cancel"]) {
      const response = await page("POST", path, { cookie, headers: foreign, form: { name: "x", scopes: "topics:read", confirm: "yes" } });
      expect(response.status, path).toBe(403);
    }
    // The key is still good: the forged revocation did nothing.
    expectStatus(await call("GET", "/v1/topics", { key: target.key }), 200);
  });
});

describe("console send checks", () => {
  async function checkFor(campaign: string) {
    const allowed = await createContact({ email: freshEmail(), consents: [grant("newsletter", "email")] });
    const response = await call("POST", "/v1/send-checks", {
      body: { topic: "newsletter", channel: "email", campaign, recipients: [{ email: allowed.email }, { email: freshEmail() }, { email: freshEmail() }] },
    });
    expectStatus(response, 200);
    return response.body as { id: string };
  }

  it("lists a campaign's checks with topic, channel, key, total, allowed and each reason's count", async () => {
    const campaign = `ops-${unique()}`;
    const check = await checkFor(campaign);
    const cookie = await signedInWith(["send-checks:read"]);
    const response = await page("GET", `/admin/send-checks?campaign=${campaign}&lang=en`, { cookie });
    expect(response.status, response.text).toBe(200);
    const row = rowOf(response.text, "data-send-check", check.id);
    expect(row).toContain(findTopic("newsletter")!.title.en);
    expect(row).toContain("Email");
    expect(row).toContain("<code>admin</code>");
    expect(row).toMatch(/<td class="num">3<\/td><td class="num">1<\/td>/);
    expect(row).toContain('<li data-reason="unknown_contact"><span data-reason="unknown_contact">unknown contact</span>: <strong>2</strong></li>');
    // Only this campaign's checks.
    expect(response.text.match(/<tr data-send-check=/g)).toHaveLength(1);
  });

  it("shows one check with its counts, and 404 for none", async () => {
    const check = await checkFor(`ops-${unique()}`);
    const cookie = await signedInWith(["send-checks:read"]);
    const response = await page("GET", `/admin/send-checks/${check.id}?lang=ru`, { cookie });
    expect(response.status).toBe(200);
    expect(response.text).toContain('<dd data-count="recipients">3</dd>');
    expect(response.text).toContain('<dd data-count="allowed">1</dd>');
    expect(response.text).toContain('<dd data-count="blocked">2</dd>');
    expect(response.text).toContain('<dd data-flags="">только проверка, ничего не засчитано</dd>');
    expect(response.text).toContain('<tr data-reason="unknown_contact"><td><span data-reason="unknown_contact">неизвестный контакт</span></td><td class="num">2</td></tr>');
    for (const id of ["sc_nothing", "a%20b"]) expect((await page("GET", `/admin/send-checks/${id}`, { cookie })).status).toBe(404);
  });

  it("pages newest first, keeping the filter and the page size in the older link", async () => {
    const campaign = `ops-${unique()}`;
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await checkFor(campaign)).id);
    const cookie = await admin();
    const first = await page("GET", `/admin/send-checks?campaign=${campaign}&limit=2`, { cookie });
    expect(first.status).toBe(200);
    const firstRows = [...first.text.matchAll(/<tr data-send-check="([^"]+)"/g)].map((m) => m[1]);
    expect(firstRows).toEqual([ids[2], ids[1]]);
    const older = nextLink(first.text)!;
    expect(older).toBe(`/admin/send-checks?campaign=${campaign}&limit=2&cursor=${ids[1]}`);
    const second = await page("GET", older, { cookie });
    expect([...second.text.matchAll(/<tr data-send-check="([^"]+)"/g)].map((m) => m[1])).toEqual([ids[0]]);
    expect(nextLink(second.text)).toBeUndefined();
  });

  it("answers 400 with the form again and the field named, for a bad filter, page size or cursor", async () => {
    const cookie = await admin();
    const long = "x".repeat(201);
    const badCampaign = await page("GET", `/admin/send-checks?campaign=${long}&lang=en`, { cookie });
    expect(badCampaign.status).toBe(400);
    expect(badCampaign.text).toContain("The “Campaign” field is 1 to 200 characters.");
    expect(badCampaign.text).toMatch(/<input id="campaign" name="campaign"[^>]*aria-invalid="true"/);
    const badLimit = await page("GET", "/admin/send-checks?limit=0&lang=en", { cookie });
    expect(badLimit.status).toBe(400);
    expect(badLimit.text).toContain("“limit”");
    const badCursor = await page("GET", "/admin/send-checks?cursor=%3Cscript%3E&lang=en", { cookie });
    expect(badCursor.status).toBe(400);
    expect(badCursor.text).toContain("“cursor”");
    expect(badCursor.text).not.toContain("<script>");
  });
});

describe("console campaigns", () => {
  async function start(recipients: { email: string }[]) {
    const setup = campaignEnv();
    const response = await campaignCall(setup.env, "POST", "/v1/campaigns", { body: campaignBody({ recipients }) });
    expectStatus(response, 202);
    return response.body as { id: string; reference: string; sendCheckId: string };
  }
  const grantedEmail = async () => (await createContact({ email: freshEmail(), consents: [grant("newsletter", "email")] })).email!;

  it("lists campaigns with status, sent / allowed / failed and batches, and shows one with its progress", async () => {
    const campaign = await start([{ email: await grantedEmail() }, { email: freshEmail() }]);
    const cookie = await signedInWith(["campaigns:send"]);
    const list = await page("GET", "/admin/campaigns?lang=en&limit=200", { cookie });
    expect(list.status).toBe(200);
    const row = rowOf(list.text, "data-campaign", campaign.id);
    expect(row).toContain(`>${campaign.reference}</a>`);
    expect(row).toContain('<span data-status="sending">sending</span>');
    expect(row).toMatch(/<td class="num">0<\/td><td class="num">1<\/td><td class="num">0<\/td><td>0 of 1<\/td>/);

    const one = await page("GET", `/admin/campaigns/${campaign.id}?lang=en`, { cookie });
    expect(one.status).toBe(200);
    expect(one.text).toMatch(/<progress id="progress" max="1" value="0"/);
    expect(one.text).toContain('<dd data-count="queued">1</dd>');
    expect(one.text).toContain('<li data-reason="unknown_contact">');
    expect(one.text).toContain(`href="/admin/send-checks/${campaign.sendCheckId}"`);
    expect(one.text).toContain(`action="/admin/campaigns/${campaign.id}/cancel"`);
  });

  it("cancels a campaign through the /v1 flow, then offers no cancel button", async () => {
    const campaign = await start([{ email: await grantedEmail() }]);
    const cookie = await signedInWith(["campaigns:send"]);
    const cancel = await page("POST", `/admin/campaigns/${campaign.id}/cancel`, { cookie, form: {} });
    expect(cancel.status, cancel.text).toBe(303);
    expect(cancel.headers.get("Location")).toBe(`/admin/campaigns/${campaign.id}?done=cancelled`);
    const after = await page("GET", `/admin/campaigns/${campaign.id}?done=cancelled&lang=en`, { cookie });
    expect(after.text).toContain("The campaign has been stopped.");
    expect(after.text).toContain('<span data-status="cancelled">');
    expect(after.text).not.toContain("/cancel");
    const v1 = await campaignCall(campaignEnv().env, "GET", `/v1/campaigns/${campaign.id}`);
    expect(v1.body).toMatchObject({ status: "cancelled", counts: { cancelled: 1, queued: 0 } });
  });

  it("answers 409 for a finished campaign and 404 for none", async () => {
    // Every recipient blocked: nothing to send, done at once.
    const campaign = await start([{ email: freshEmail() }]);
    const cookie = await admin();
    const finished = await page("POST", `/admin/campaigns/${campaign.id}/cancel?lang=en`, { cookie, form: {} });
    expect(finished.status).toBe(409);
    expect(finished.text).toContain("nothing left to stop");
    expect((await page("POST", "/admin/campaigns/cmp_none/cancel", { cookie, form: {} })).status).toBe(404);
    expect((await page("GET", "/admin/campaigns/cmp_none", { cookie })).status).toBe(404);
  });

  it("pages newest first", async () => {
    await start([{ email: freshEmail() }]);
    await start([{ email: freshEmail() }]);
    const cookie = await admin();
    const first = await page("GET", "/admin/campaigns?limit=1", { cookie });
    const firstIds = [...first.text.matchAll(/<tr data-campaign="([^"]+)"/g)].map((m) => m[1]);
    expect(firstIds).toHaveLength(1);
    const older = nextLink(first.text)!;
    expect(older).toBe(`/admin/campaigns?limit=1&cursor=${firstIds[0]}`);
    const second = await page("GET", older, { cookie });
    const secondIds = [...second.text.matchAll(/<tr data-campaign="([^"]+)"/g)].map((m) => m[1]);
    expect(secondIds).toHaveLength(1);
    expect(secondIds[0]).not.toBe(firstIds[0]);
    for (const bad of ["cursor=%27", "limit=201"]) expect((await page("GET", `/admin/campaigns?${bad}`, { cookie })).status, bad).toBe(400);
  });
});

describe("console suppressions", () => {
  const hashOf = (email: string) => new AddressHasher(env.ADDRESS_HASH_KEY!).hash("email", email);

  async function bounced() {
    const contact = await createContact({ email: freshEmail(), consents: [grant("newsletter", "email")] });
    expectStatus(await signedBounce(contact.email!, `em_${unique()}`), 200);
    return { email: contact.email!, hash: await hashOf(contact.email!) };
  }

  const countOf = (html: string, key: string) => Number(new RegExp(`<dd data-count="${key}">(\\d+)</dd>`).exec(html)![1]);

  it("counts bounced, complained and erased, and lists hashes without addresses", async () => {
    const cookie = await signedInWith(["send-checks:read"]);
    const before = await page("GET", "/admin/suppressions?lang=en", { cookie });
    expect(before.status).toBe(200);
    const { email, hash } = await bounced();
    const after = await page("GET", "/admin/suppressions?lang=en", { cookie });
    for (const key of ["hard_bounce", "complaint", "erased", "erasures"]) expect(countOf(after.text, key)).toBeGreaterThanOrEqual(countOf(before.text, key));
    if (sql.dialect === "sqlite") expect(countOf(after.text, "hard_bounce")).toBe(countOf(before.text, "hard_bounce") + 1);
    else expect(countOf(after.text, "hard_bounce")).toBeGreaterThan(countOf(before.text, "hard_bounce"));
    // Newest first: walk the pages to this hash (other files add suppressions too on PostgreSQL).
    let path: string | undefined = "/admin/suppressions?lang=en&limit=200";
    let found = "";
    while (path && !found) {
      const listed = await page("GET", path, { cookie });
      expect(listed.status).toBe(200);
      if (listed.text.includes(hash)) found = listed.text;
      path = nextLink(listed.text);
    }
    expect(found).toMatch(new RegExp(`<tr data-reason="hard_bounce">.*?hard bounce</td><td>Email</td><td><code>${hash}</code>`));
    expect(found).not.toContain(email);
    // Without contacts:read, no address export is offered.
    expect(found).not.toContain('action="/admin/suppressions/export"');
    expect(found).toContain("needs a key with the “contacts:read” scope");
  });

  it("counts an erasure, and pages by an opaque cursor without repeating a row", async () => {
    const cookie = await admin();
    const before = countOf((await page("GET", "/admin/suppressions", { cookie })).text, "erasures");
    // Three suppressions at least: the erased person's email and phone, and a bounce.
    const contact = await createContact({ email: freshEmail(), phone: freshPhone() });
    expectStatus(await call("DELETE", `/v1/contacts/${contact.id}`), 200);
    await bounced();
    const first = await page("GET", "/admin/suppressions?limit=2", { cookie });
    if (sql.dialect === "sqlite") expect(countOf(first.text, "erasures")).toBe(before + 1);
    else expect(countOf(first.text, "erasures")).toBeGreaterThan(before);
    const firstHashes = [...first.text.matchAll(/<code>([0-9a-f]{64})<\/code>/g)].map((m) => m[1]);
    expect(firstHashes).toHaveLength(2);
    const older = nextLink(first.text)!;
    expect(older).toMatch(/^\/admin\/suppressions\?limit=2&cursor=[\w-]+$/);
    expect(older).not.toContain("@");
    const second = await page("GET", older, { cookie });
    const secondHashes = [...second.text.matchAll(/<code>([0-9a-f]{64})<\/code>/g)].map((m) => m[1]);
    expect(secondHashes.length).toBeGreaterThan(0);
    expect(secondHashes.filter((h) => firstHashes.includes(h))).toEqual([]);
    for (const bad of ["cursor=bm90IGpzb24", "cursor=WzEsMiwzXQ", "limit=abc"]) {
      const response = await page("GET", `/admin/suppressions?${bad}`, { cookie });
      expect(response.status, bad).toBe(400);
    }
  });

  it("exports hashes by GET, and addresses only by POST with contacts:read", async () => {
    const { email, hash } = await bounced();
    const hashesOnly = await signedInWith(["send-checks:read"]);
    const csv = await page("GET", "/admin/suppressions/export.csv", { cookie: hashesOnly });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8; header=present");
    expect(csv.headers.get("Content-Disposition")).toMatch(/^attachment; filename="suppressions-hashes-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(csv.headers.get("Cache-Control")).toBe("no-store");
    expect(csv.text.startsWith("address_hash,channel,reason,created_at\r\n")).toBe(true);
    expect(csv.text).toMatch(new RegExp(`\\r\\n${hash},email,hard_bounce,\\d{4}-[^,]+\\r\\n`));
    expect(csv.text).not.toContain(email);
    expect(csv.text.match(/address_hash/g)).toHaveLength(1);

    const refused = await page("POST", "/admin/suppressions/export", { cookie: hashesOnly, form: {} });
    expect(refused.status).toBe(403);
    expect(refused.text).not.toContain(email);

    const withAddresses = await signedInWith(["send-checks:read", "contacts:read"]);
    const listed = await page("GET", "/admin/suppressions", { cookie: withAddresses });
    expect(listed.text).toContain('<form method="post" action="/admin/suppressions/export">');
    const addresses = await page("POST", "/admin/suppressions/export", { cookie: withAddresses, form: {} });
    expect(addresses.status).toBe(200);
    expect(addresses.headers.get("Content-Disposition")).toMatch(/filename="suppressions-addresses-/);
    expect(addresses.text.startsWith("address_hash,channel,reason,created_at,address\r\n")).toBe(true);
    expect(addresses.text).toMatch(new RegExp(`\\r\\n${hash},email,hard_bounce,[^,]+,${email.replace(/[.+]/g, "\\$&")}\\r\\n`));
  });

  it("pages the addresses as it pages the hashes: newest first, each row once, each with its contact's address", async () => {
    const ours = [await bounced(), await bounced(), await bounced()];
    const store = createStore(env, env.ADDRESS_HASH_KEY!);
    const everything = async (withAddresses: boolean) => {
      const all: SuppressionEntry[] = [];
      let after: SuppressionCursor | undefined;
      for (;;) {
        // Small pages, so that the cursor carries the walk across many of them.
        const page = await store.listSuppressions({ after, limit: 7, withAddresses });
        all.push(...page);
        if (page.length < 7) return all;
        after = page.at(-1);
      }
    };
    try {
      // Other files write suppressions on the run's shared PostgreSQL meanwhile: compared are
      // the walks' order and this test's own rows, which nobody else touches.
      const [hashes, addresses] = [await everything(false), await everything(true)];
      const key = (s: SuppressionEntry) => [s.createdAt, s.addressHash, s.channel].join(" ");
      const keys = addresses.map(key);
      expect(keys).toEqual([...keys].sort().reverse());
      expect(new Set(keys).size).toBe(keys.length);
      for (const { email, hash } of ours) {
        const [entry, ...more] = addresses.filter((s) => s.addressHash === hash);
        expect(more).toEqual([]);
        expect(entry).toEqual({ ...hashes.find((s) => s.addressHash === hash), address: email });
      }
    } finally {
      await store.close();
    }
  });

  it("exports an erased person's hashes with no address", async () => {
    const contact = await createContact({ email: freshEmail() });
    const hash = await hashOf(contact.email!);
    expectStatus(await call("DELETE", `/v1/contacts/${contact.id}`), 200);
    const addresses = await page("POST", "/admin/suppressions/export", { cookie: await admin(), form: {} });
    expect(addresses.text).toMatch(new RegExp(`\\r\\n${hash},\\*,erased,[^,]+,\\r\\n`));
    expect(addresses.text).not.toContain(contact.email!);
  });
});

describe("console API keys", () => {
  it("creates a key with the scopes ticked, shows it once, and the key works against /v1", async () => {
    const cookie = await admin();
    const name = `ops key ${unique()}`;
    const form = new URLSearchParams([["name", name], ["scopes", "topics:read"], ["scopes", "contacts:read"]]);
    const created = await page("POST", "/admin/api-keys?lang=en", { cookie, form });
    expect(created.status, created.text).toBe(201);
    expect(created.headers.get("Cache-Control")).toBe("no-store");
    expect(created.text).toContain("it is shown this once and cannot be shown again");
    const key = /<code class="secret" id="secret">(mpk_[\w-]+)<\/code>/.exec(created.text)![1]!;
    expect((await call("GET", "/v1/topics", { key })).status).toBe(200);
    expect((await call("GET", "/v1/api-keys", { key })).status).toBe(403);

    const list = await page("GET", "/admin/api-keys?lang=en", { cookie });
    expect(list.status).toBe(200);
    expect(list.text).toContain(name);
    expect(list.text).not.toContain(key);
    const stored = (await call("GET", "/v1/api-keys")).body.apiKeys.find((k: { name: string }) => k.name === name);
    expect(stored).toMatchObject({ scopes: ["topics:read", "contacts:read"], createdBy: "admin", revokedAt: null });
    const row = rowOf(list.text, "data-key", stored.id);
    expect(row).toContain('data-revoked="false"');
    expect(row).toContain("<code>topics:read contacts:read</code>");
  });

  it("offers and gives only scopes the signed-in key holds (as POST /v1/api-keys)", async () => {
    const manager = await keyWith(["console", "api-keys:manage", "topics:read"]);
    const cookie = await signIn(manager.key);
    const list = await page("GET", "/admin/api-keys", { cookie });
    const offered = [...list.text.matchAll(/name="scopes" value="([^"]+)"/g)].map((m) => m[1]);
    expect(offered).toEqual(["topics:read", "api-keys:manage", "console"]);
    const name = `too much ${unique()}`;
    const refused = await page("POST", "/admin/api-keys?lang=en", { cookie, form: new URLSearchParams([["name", name], ["scopes", "topics:read"], ["scopes", "contacts:erase"]]) });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain("The “Scopes” field");
    expect(refused.text).toMatch(/<fieldset class="checks" aria-invalid="true"/);
    expect(refused.text).toContain(`value="${name}"`);
    expect(refused.text).toMatch(/id="scope-topics:read" name="scopes" value="topics:read" checked/);
    expect((await call("GET", "/v1/api-keys")).body.apiKeys.some((k: { name: string }) => k.name === name)).toBe(false);
  });

  it("answers 400 naming the field, for no name, no scope or an unknown scope", async () => {
    const cookie = await admin();
    const cases: [URLSearchParams, string][] = [
      [new URLSearchParams([["name", "  "], ["scopes", "topics:read"]]), "The “Name” field"],
      [new URLSearchParams([["name", "x".repeat(101)], ["scopes", "topics:read"]]), "The “Name” field"],
      [new URLSearchParams([["name", "ok"]]), "The “Scopes” field"],
      [new URLSearchParams([["name", "ok"], ["scopes", "everything"]]), "The “Scopes” field"],
      [new URLSearchParams([["name", "ok"], ["scopes", "topics:read"], ["scopes", "topics:read"]]), "The “Scopes” field"],
    ];
    for (const [form, field] of cases) {
      const response = await page("POST", "/admin/api-keys?lang=en", { cookie, form });
      expect(response.status, form.toString()).toBe(400);
      expect(response.text).toContain(field);
      expect(response.text).not.toMatch(/mpk_[\w-]{43}/);
    }
  });

  it("revokes a key after the confirmation step; the key and its console session stop working", async () => {
    const cookie = await admin();
    const target = await keyWith(["console", "topics:read"]);
    const targetSession = await signIn(target.key);
    const confirm = await page("GET", `/admin/api-keys/${target.id}/revoke?lang=en`, { cookie });
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain(`<form class="stack" method="post" action="/admin/api-keys/${target.id}/revoke">`);
    const unconfirmed = await page("POST", `/admin/api-keys/${target.id}/revoke?lang=en`, { cookie, form: {} });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toContain("Not confirmed, so the key was not revoked.");
    expectStatus(await call("GET", "/v1/topics", { key: target.key }), 200);

    const revoked = await page("POST", `/admin/api-keys/${target.id}/revoke`, { cookie, form: { confirm: "yes" } });
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get("Location")).toBe("/admin/api-keys?done=revoked");
    expect((await call("GET", "/v1/topics", { key: target.key })).status).toBe(401);
    expect((await page("GET", "/admin/people", { cookie: targetSession })).status).toBe(303);
    const list = await page("GET", "/admin/api-keys?done=revoked&lang=en", { cookie });
    expect(list.text).toContain("The key has been revoked.");
    expect(rowOf(list.text, "data-key", target.id)).toContain('data-revoked="true"');
    expect(rowOf(list.text, "data-key", target.id)).not.toContain("/revoke");
    // Again: nothing more to do.
    const again = await page("POST", `/admin/api-keys/${target.id}/revoke`, { cookie, form: { confirm: "yes" } });
    expect(again.headers.get("Location")).toBe("/admin/api-keys?done=already_revoked");
    expect((await page("GET", "/admin/api-keys/key_none/revoke", { cookie })).status).toBe(404);
    expect((await page("POST", "/admin/api-keys/key_none/revoke", { cookie, form: { confirm: "yes" } })).status).toBe(404);
  });
});
