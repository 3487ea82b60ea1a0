// npm run screenshots [-- name…]: full-page PNGs of the reader-facing pages as a phone shows
// them (360 px wide), in Kazakh and Russian, into docs/screenshots/<name>-<lang>-360.png.
// Starts its own Worker (fresh database and secrets, as the browser tests do) and makes
// its own contact. To photograph another page, add it to PAGES.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { launchChromium } from "./lib/chromium.mjs";
import { startLocalWorker } from "./lib/local-worker.mjs";

const OUT = "docs/screenshots";
const LANGS = ["kk", "ru"];
const PHONE = { width: 360, height: 740 };

/**
 * The pages: a name (the files' prefix) and how to reach the page for a contact who may
 * receive everything by email and SMS; `api` calls the Worker's /v1 with the admin key.
 */
const PAGES = [
  { name: "unsubscribe", url: async ({ api, contactId }) => (await sendCheck(api, contactId, "newsletter", "email")).unsubscribe.url },
  { name: "preferences", url: async ({ api, contactId }) => (await api("GET", `/v1/contacts/${contactId}`)).links.preferences },
  { name: "link-request", url: async ({ api, contactId }) => new URL("/p", (await api("GET", `/v1/contacts/${contactId}`)).links.preferences).href },
];

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
  const tab = await context.newPage();
  for (const page of pages) {
    const url = new URL(await page.url({ api, contactId }));
    for (const lang of LANGS) {
      url.searchParams.set("lang", lang);
      await tab.goto(url.toString());
      const file = join(OUT, `${page.name}-${lang}-${PHONE.width}.png`);
      // A full-page capture leaves a sticky bar where the first screen ended, over the text:
      // photograph it where it rests at the end of its form.
      await tab.addStyleTag({ content: ".save-bar{position:static!important}" });
      await tab.screenshot({ path: file, fullPage: true });
      console.log(`Wrote ${file}`);
    }
  }
} finally {
  await browser.close();
  await worker.stop();
}
