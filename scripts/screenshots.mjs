// npm run screenshots [-- name…]: full-page PNGs of the reader-facing pages as a phone shows
// them (360 px wide), in Kazakh and Russian, into docs/screenshots/<name>-<lang>-360.png;
// the operators' console also at 1440 px (<name>-<lang>-1440.png), signed in as the admin.
// Starts its own Worker (fresh database and secrets, as the browser tests do) and makes
// its own contact. To photograph another page, add it to PAGES.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { launchChromium } from "./lib/chromium.mjs";
import { startLocalWorker } from "./lib/local-worker.mjs";

const OUT = "docs/screenshots";
const LANGS = ["kk", "ru"];
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1440, height: 900 };

/**
 * The pages: a name (the files' prefix) and how to reach the page for a contact who may
 * receive everything by email and SMS; `api` calls the Worker's /v1 with the admin key.
 */
const PAGES = [
  { name: "unsubscribe", url: async ({ api, contactId }) => (await sendCheck(api, contactId, "newsletter", "email")).unsubscribe.url },
  { name: "preferences", url: async ({ api, contactId }) => (await api("GET", `/v1/contacts/${contactId}`)).links.preferences },
  { name: "link-request", url: async ({ api, contactId }) => new URL("/p", (await api("GET", `/v1/contacts/${contactId}`)).links.preferences).href },
  { name: "console-sign-in", console: true, url: async ({ base }) => `${base}/admin/sign-in` },
  { name: "console-search", console: true, signedIn: true, url: async ({ base }) => `${base}/admin/people` },
  { name: "console-person", console: true, signedIn: true, url: async ({ api, base }) => `${base}/admin/people/${(await consolePerson(api)).id}` },
  { name: "console-imports", console: true, signedIn: true, url: async ({ base, importId }) => (await importId(), `${base}/admin/imports`) },
  { name: "console-import", console: true, signedIn: true, url: async ({ base, importId }) => `${base}/admin/imports/${await importId()}` },
  { name: "console-send-checks", console: true, signedIn: true, url: async ({ api, base }) => (await consoleSendCheck(api), `${base}/admin/send-checks`) },
  { name: "console-send-check", console: true, signedIn: true, url: async ({ api, base }) => `${base}/admin/send-checks/${(await consoleSendCheck(api)).id}` },
  { name: "console-campaign", console: true, signedIn: true, url: async ({ api, base }) => `${base}/admin/campaigns/${(await consoleCampaign(api)).id}` },
  { name: "console-suppressions", console: true, signedIn: true, url: async ({ api, base }) => (await consoleErasure(api), `${base}/admin/suppressions`) },
  { name: "console-api-keys", console: true, signedIn: true, url: async ({ api, base }) => (await consoleKey(api), `${base}/admin/api-keys`) },
  { name: "console-audience", console: true, signedIn: true, url: async ({ api, base, persist }) => `${base}/admin/audience${await audienceStory(api, base, persist)}` },
];

/** A finished import of a small CSV with two bad rows, for the imports pages (made once). */
let consoleImport;
function importWithErrors(worker) {
  consoleImport ??= (async () => {
    const at = "2024-05-01T10:00:00+05:00";
    const rows = ["email,phone,topic,channel,status,occurredAt,policyVersion"];
    for (let i = 0; i < 40; i++) rows.push(`teacher.${Date.now()}.${i}@example.kz,,*,*,granted,${at},2023-06`);
    rows.splice(12, 0, `not-an-address,,*,*,granted,${at},`, `,8 701 000,newsletter,sms,granted,${at},`);
    const response = await fetch(`${worker.base}/v1/imports`, {
      method: "POST",
      headers: { Authorization: `Bearer ${worker.adminKey}`, "Content-Type": "text/csv" },
      body: rows.join("\r\n") + "\r\n",
    });
    const { id } = await response.json();
    for (let i = 0; i < 100; i++) {
      const { status } = await (await fetch(`${worker.base}/v1/imports/${id}`, { headers: { Authorization: `Bearer ${worker.adminKey}` } })).json();
      if (status === "done" || status === "failed") return id;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`the import ${id} did not finish`);
  })();
  return consoleImport;
}

/** A send check for a campaign: some allowed, others blocked for several reasons. */
async function consoleSendCheck(api) {
  const stamp = Date.now();
  const withdrawn = await api("POST", "/v1/contacts", {
    email: `withdrawn.${stamp}@example.kz`,
    consents: [{ topic: "*", channel: "*", status: "granted", source: "web_form" }, { topic: "newsletter", channel: "email", status: "withdrawn", source: "phone_call" }],
  });
  const granted = await api("POST", "/v1/contacts", { email: `granted.${stamp}@example.kz`, consents: [{ topic: "newsletter", channel: "email", status: "granted", source: "web_form" }] });
  const silent = await api("POST", "/v1/contacts", { email: `silent.${stamp}@example.kz` });
  return api("POST", "/v1/send-checks", {
    topic: "newsletter",
    channel: "email",
    campaign: "december-newsletter",
    recipients: [{ contactId: granted.id }, { contactId: withdrawn.id }, { contactId: silent.id }, { email: `unknown.${stamp}@example.kz` }],
  });
}

/** A campaign scheduled for tomorrow, to two people allowed and one not. */
async function consoleCampaign(api) {
  const stamp = Date.now();
  const people = [];
  for (const n of [1, 2]) {
    people.push(await api("POST", "/v1/contacts", { email: `reader${n}.${stamp}@example.kz`, consents: [{ topic: "newsletter", channel: "email", status: "granted", source: "web_form" }] }));
  }
  return api("POST", "/v1/campaigns", {
    topic: "newsletter",
    channel: "email",
    reference: `december-newsletter-${stamp}`,
    sendAt: new Date(Date.now() + 86_400_000).toISOString(),
    subject: { kk: "Желтоқсан жаңалықтары", ru: "Новости декабря" },
    html: { kk: "<p>Сәлеметсіз бе!</p>", ru: "<p>Здравствуйте!</p>" },
    text: { kk: "Сәлеметсіз бе!", ru: "Здравствуйте!" },
    recipients: [...people.map((p) => ({ contactId: p.id })), { email: `unknown.${stamp}@example.kz` }],
  });
}

/** An erased person, whose address stays suppressed as a hash. */
async function consoleErasure(api) {
  const contact = await api("POST", "/v1/contacts", { email: `erased.${Date.now()}@example.kz`, phone: `+7705${String(Date.now()).slice(-7)}` });
  return api("DELETE", `/v1/contacts/${contact.id}`);
}

function consoleKey(api) {
  return api("POST", "/v1/api-keys", { name: "support desk", scopes: ["console", "contacts:read", "send-checks:read"] });
}


/**
 * 90 days of an audience for the audience page: 60 people granting and some withdrawing on
 * days spread over the span, newsletters sent to them (send checks with commit: true) on 30
 * days, a few complaints and bounces (written as the delivery webhook writes them, straight
 * into the local D1), then the crons run: the deltas folded and the reach computed.
 */
async function audienceStory(api, base, persist) {
  // That day at that hour (UTC), or a minute ago when that is still to come today: the API refuses a future occurredAt.
  const day = (daysAgo, hour) => {
    const at = Date.parse(new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10) + `T${String(hour).padStart(2, "0")}:00:00Z`);
    return new Date(Math.min(at, Date.now() - 60_000)).toISOString();
  };
  const ids = [];
  for (let i = 0; i < 60; i++) {
    const joined = 89 - Math.floor((i * 89) / 60);
    const consents = [{ topic: "*", channel: "email", status: "granted", source: "web_form", occurredAt: day(joined, 5) }];
    if (i % 3 === 0) consents.push({ topic: "event_invitations", channel: "email", status: "granted", source: "web_form", occurredAt: day(joined, 6) });
    if (i % 7 === 0) consents.push({ topic: "newsletter", channel: "email", status: "withdrawn", source: "phone_call", occurredAt: day(Math.max(0, joined - 10), 9) });
    ids.push((await api("POST", "/v1/contacts", { email: `audience.${i}.${Date.now()}@example.kz`, consents })).id);
  }
  for (let daysAgo = 1; daysAgo <= 60; daysAgo += 2) {
    for (let run = 0; run < 12; run++) {
      await api("POST", "/v1/send-checks", { topic: "offers_prices", channel: "email", commit: true, sendAt: day(daysAgo, 4).replace(":00:00Z", `:${String(run * 4).padStart(2, "0")}:00Z`), recipients: ids.map((contactId) => ({ contactId })) });
    }
  }
  const deliveries = [[3, "complaint"], [11, "complaint"], [11, "complaint"], [25, "bounce"], [40, "complaint"], [40, "bounce"], [57, "bounce"]];
  const values = deliveries.map(([daysAgo, source], i) =>
    `('ev_shot${i}', '${ids[i * 5]}', '*', 'email', '${source === "complaint" ? "withdrawn" : "suppressed"}', '${source}', '${day(daysAgo, 8)}', '${day(daysAgo, 8)}', '2025-01', 'resend', '{}')`);
  wranglerD1(persist, `INSERT INTO consent_events (id, contact_id, topic, channel, status, source, occurred_at, recorded_at, policy_version, actor, evidence) VALUES ${values.join(", ")}`);
  for (const cron of ["*/10 * * * *", "7 * * * *"]) await fetch(`${base}/__scheduled?cron=${encodeURIComponent(cron)}`);
  return "";
}

function wranglerD1(persist, command) {
  execFileSync(process.execPath, ["node_modules/wrangler/bin/wrangler.js", "d1", "execute", "DB", "--local", "--persist-to", persist, "--command", command], {
    stdio: "ignore",
    env: { ...process.env, CI: "1" },
  });
}

/** A person with a short history for the console: consent on a form, a withdrawal by phone, an SMS stop. */
function consolePerson(api) {
  const at = (days) => new Date(Date.now() - days * 86_400_000).toISOString();
  return api("POST", "/v1/contacts", {
    email: `console.${Date.now()}@example.kz`,
    phone: `+7702${String(Date.now()).slice(-7)}`,
    externalId: `teacher-${String(Date.now()).slice(-5)}`,
    consents: [
      { topic: "*", channel: "*", status: "granted", source: "web_form", occurredAt: at(90), evidence: { form: "course-registration" } },
      { topic: "newsletter", channel: "email", status: "withdrawn", source: "phone_call", occurredAt: at(30), evidence: { operator: "Aigerim" } },
      { topic: "*", channel: "sms", status: "withdrawn", source: "api", occurredAt: at(2) },
    ],
  });
}

/** The admin's console session cookie, through the sign-in form's POST. */
async function consoleCookie(worker) {
  const response = await fetch(`${worker.base}/admin/sign-in`, {
    method: "POST",
    headers: { Origin: worker.base, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ key: worker.adminKey }),
    redirect: "manual",
  });
  const value = /^console_session=([^;]+)/.exec(response.headers.get("Set-Cookie") ?? "")?.[1];
  if (!value) throw new Error(`the console sign-in failed: ${response.status}`);
  return { name: "console_session", value, domain: "localhost", path: "/admin", httpOnly: true, sameSite: "Strict", secure: false };
}

async function sendCheck(api, contactId, topic, channel) {
  const result = await api("POST", "/v1/send-checks", { topic, channel, campaign: "screenshots", recipients: [{ contactId }] });
  if (result.allowed.length !== 1) throw new Error(`the send check did not allow the contact: ${JSON.stringify(result)}`);
  return result.allowed[0];
}

const wanted = process.argv.slice(2);
const pages = wanted.length ? PAGES.filter((page) => wanted.includes(page.name)) : PAGES;
if (pages.length === 0) throw new Error(`no such page; the pages are: ${PAGES.map((page) => page.name).join(", ")}`);

const worker = await startLocalWorker();
const browser = await launchChromium().catch(async (error) => {
  await worker.stop();
  throw error;
});
try {
  const api = async (method, path, body) => {
    const response = await fetch(worker.base + path, {
      method,
      headers: { Authorization: `Bearer ${worker.adminKey}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text);
  };
  const { id: contactId } = await api("POST", "/v1/contacts", {
    email: `screenshots.${Date.now()}@example.kz`,
    phone: `+7701${String(Date.now()).slice(-7)}`,
    consents: [{ topic: "*", channel: "*", status: "granted", source: "web_form" }],
  });
  mkdirSync(OUT, { recursive: true });
  const context = await browser.newContext({ viewport: PHONE, locale: "kk-KZ", isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
  const desktop = await browser.newContext({ viewport: DESKTOP, locale: "kk-KZ", deviceScaleFactor: 1 });
  const cookie = pages.some((page) => page.signedIn) ? await consoleCookie(worker) : undefined;
  const tabs = [{ tab: await context.newPage(), width: PHONE.width }, { tab: await desktop.newPage(), width: DESKTOP.width }];
  for (const page of pages) {
    const url = new URL(await page.url({ api, contactId, base: worker.base, persist: worker.persist, importId: () => importWithErrors(worker) }));
    for (const { tab, width } of page.console ? tabs : tabs.slice(0, 1)) {
      // Signed in only for the pages that need it: the sign-in page sends a signed-in browser on.
      await tab.context().clearCookies();
      if (page.signedIn) await tab.context().addCookies([cookie]);
      for (const lang of LANGS) {
        url.searchParams.set("lang", lang);
        await tab.goto(url.toString());
        const file = join(OUT, `${page.name}-${lang}-${width}.png`);
        // A full-page capture leaves a sticky bar where the first screen ended, over the text:
        // photograph it where it rests at the end of its form.
        await tab.addStyleTag({ content: ".save-bar{position:static!important}" });
        await tab.screenshot({ path: file, fullPage: true });
        console.log(`Wrote ${file}`);
      }
    }
  }
} finally {
  await browser.close();
  await worker.stop();
}
