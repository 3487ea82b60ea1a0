import type { Download, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { call, createContact, expectStatus, freshEmail, grant, workerUrl } from "./api";
import { expectFitsWide, signInAs } from "./console";
import { expectAccessible, expectHeading, expectPhoneReady, PHONE, usePhoneBrowser } from "./phone";

// The console's send checks, campaigns, suppressions and API keys pages in Chromium, at
// 360 px and 1440 px, axe on each. What needs no browser is in test/worker/console-ops.test.ts.

const browser = usePhoneBrowser();

/** Axe and the layout at a phone's width, then at a desktop's (axe again there). */
async function expectReadyAtBothSizes(page: Page) {
  await page.setViewportSize(PHONE);
  await expectPhoneReady(page);
  await expectFitsWide(page);
  await expectAccessible(page);
}

async function signedIn(path: string, status = 200) {
  const page = await browser.open(workerUrl("/admin/sign-in"), { lang: "en", audit: true });
  return signInAs(page, workerUrl(path), status);
}

/** A download's bytes as text (the browser is remote: its file is read through a stream). */
async function textOf(download: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const v1Status = async (key: string) => (await fetch(workerUrl("/v1/topics"), { headers: { Authorization: `Bearer ${key}` } })).status;

describe("console: API keys", () => {
  it("creates a key shown once that works against /v1, then revokes it after the confirmation step", async () => {
    const page = await signedIn("/admin/api-keys");
    await expectHeading(page, "API keys");
    await expectReadyAtBothSizes(page);

    const name = `browser key ${Date.now()}`;
    await page.getByLabel("Name").fill(name);
    await page.getByRole("checkbox", { name: "topics:read" }).check();
    await page.getByRole("button", { name: "Create the key" }).click();
    await expectHeading(page, "Key created");
    expect(await page.getByRole("alert").textContent()).toContain("shown this once");
    const key = (await page.locator("#secret").textContent())!.trim();
    expect(key).toMatch(/^mpk_[\w-]{43}$/);
    expect(await v1Status(key)).toBe(200);
    await expectReadyAtBothSizes(page);

    // Never again: not in the list, and not on reloading the list.
    await page.getByRole("link", { name: "Back to the keys" }).click();
    await expectHeading(page, "API keys");
    expect(await page.content()).not.toContain(key);
    const row = page.getByRole("row", { name: new RegExp(`^${name}`) });
    expect(await row.textContent()).toContain("topics:read");

    await row.getByRole("link", { name: `Revoke… ${name}` }).click();
    await expectHeading(page, "Revoke a key");
    await expectReadyAtBothSizes(page);
    await page.getByRole("checkbox", { name: new RegExp(`Revoke this key: «${name}»`) }).check();
    await page.getByRole("button", { name: "Revoke this key" }).click();
    await expectHeading(page, "API keys");
    expect(await page.getByRole("status").textContent()).toBe("The key has been revoked.");
    expect(await page.getByRole("row", { name: new RegExp(`^${name}`) }).textContent()).toContain("revoked");
    expect(await v1Status(key)).toBe(401);
  });
});

describe("console: send checks and campaigns", () => {
  it("lists a campaign's send checks with each reason's count, and shows one check's counts", async () => {
    const allowed = await createContact({ consents: [grant("newsletter", "email")] });
    const campaign = `browser-${Date.now()}`;
    const check = await call("POST", "/v1/send-checks", {
      topic: "newsletter",
      channel: "email",
      campaign,
      recipients: [{ contactId: allowed.id }, { email: freshEmail() }, { email: freshEmail() }],
    });
    expectStatus(check, 200);

    const page = await signedIn("/admin/send-checks");
    await expectHeading(page, "Send checks");
    await page.getByLabel("Campaign").fill(campaign);
    await page.getByRole("button", { name: "Filter" }).click();
    const rows = page.locator("tr[data-send-check]");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain("unknown contact: 2");
    await expectReadyAtBothSizes(page);

    await rows.first().getByRole("link").click();
    await expectHeading(page, `Send check ${check.body.id}`);
    expect(await page.locator('dd[data-count="recipients"]').textContent()).toBe("3");
    expect(await page.locator('dd[data-count="allowed"]').textContent()).toBe("1");
    expect(await page.getByRole("row", { name: "unknown contact 2" }).count()).toBe(1);
    await expectReadyAtBothSizes(page);
  });

  it("shows a scheduled campaign's progress and stops it", async () => {
    const contact = await createContact({ consents: [grant("newsletter", "email")] });
    const reference = `browser-${Date.now()}`;
    const created = await call("POST", "/v1/campaigns", {
      topic: "newsletter",
      channel: "email",
      reference,
      sendAt: new Date(Date.now() + 86_400_000).toISOString(),
      subject: { kk: "Жаңалықтар" },
      html: { kk: "<p>Сәлеметсіз бе!</p>" },
      text: { kk: "Сәлеметсіз бе!" },
      recipients: [{ contactId: contact.id }, { email: freshEmail() }],
    });
    expectStatus(created, 202);

    const page = await signedIn("/admin/campaigns?limit=200");
    await expectHeading(page, "Campaigns");
    const row = page.getByRole("row", { name: new RegExp(`^${reference}`) });
    expect(await row.textContent()).toContain("scheduled");
    await expectReadyAtBothSizes(page);

    await row.getByRole("link", { name: reference }).click();
    await expectHeading(page, `Campaign «${reference}»`);
    const progress = page.getByRole("progressbar", { name: "Progress" });
    expect(await progress.getAttribute("value")).toBe("0");
    expect(await page.locator('dd[data-count="allowed"]').textContent()).toBe("1");
    await expectReadyAtBothSizes(page);

    await page.getByRole("button", { name: "Stop this campaign" }).click();
    await expectHeading(page, `Campaign «${reference}»`);
    expect(await page.getByRole("status").textContent()).toBe("The campaign has been stopped.");
    expect(await page.getByRole("button", { name: "Stop this campaign" }).count()).toBe(0);
    expect((await call("GET", `/v1/campaigns/${created.body.id}`)).body.status).toBe("cancelled");
  });
});

describe("console: suppressions", () => {
  it("counts an erasure, lists hashes only, and exports them as CSV", async () => {
    const page = await signedIn("/admin/suppressions");
    await expectHeading(page, "Suppressed addresses");
    const count = async (key: string) => Number(await page.locator(`dd[data-count="${key}"]`).textContent());
    const before = await count("erasures");

    const contact = await createContact();
    expectStatus(await call("DELETE", `/v1/contacts/${contact.id}`), 200);
    await page.reload();
    expect(await count("erasures")).toBeGreaterThan(before);
    expect(await count("erased")).toBeGreaterThan(0);
    const newest = page.locator("tbody tr").first();
    expect(await newest.getAttribute("data-reason")).toBe("erased");
    expect(await newest.textContent()).toMatch(/erased person.*all channels[0-9a-f]{64}/);
    expect(await page.content()).not.toContain(contact.email!);
    await expectReadyAtBothSizes(page);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download the hashes (CSV)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^suppressions-hashes-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await textOf(download);
    expect(csv.startsWith("address_hash,channel,reason,created_at\r\n")).toBe(true);
    expect(csv).toMatch(/\r\n[0-9a-f]{64},\*,erased,/);

    // The admin key has contacts:read: the address export is a POST form, its file has the address column.
    const [withAddresses] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download with addresses (CSV)" }).click()]);
    expect(withAddresses.suggestedFilename()).toMatch(/^suppressions-addresses-/);
    expect((await textOf(withAddresses)).startsWith("address_hash,channel,reason,created_at,address\r\n")).toBe(true);
  });
});
