import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { freshEmail, workerUrl } from "./api";
import { expectFitsWide, signInAs } from "./console";
import { expectAccessible, expectHeading, expectPhoneReady, usePhoneBrowser } from "./phone";

// The console's imports pages in Chromium: an upload with bad rows followed to the end by its
// progress bar (with JavaScript under the page's real Content-Security-Policy, and without
// JavaScript), the errors table and its CSV; axe at 360 and 1440 px. What needs no browser
// (refusals, scopes, CSRF, paging) is in test/worker/console-imports.test.ts.

const browser = usePhoneBrowser();
const AT = "2024-05-01T10:00:00Z";

/** A CSV of `good` valid rows with a bad one (unknown topic) after every 1,000th, and one bad email at the end. */
function csvWithBadRows(good: number) {
  const rows = ["email,topic,channel,status,occurredAt"];
  for (let i = 1; i <= good; i++) {
    rows.push(`${freshEmail()},*,*,granted,${AT}`);
    if (i % 1000 === 0) rows.push(`${freshEmail()},no_such_topic,email,granted,${AT}`);
  }
  rows.push(`not-an-address,*,*,granted,${AT}`);
  return rows.join("\r\n") + "\r\n";
}

async function uploadFile(page: Page, content: string, name = "teachers.csv", mimeType = "text/csv") {
  await page.getByLabel("File").setInputFiles({ name, mimeType, buffer: Buffer.from(content) });
  await page.getByRole("button", { name: "Import" }).click();
  await expectHeading(page, `Import ${/imp_[\w-]+/.exec(await page.waitForURL(/\/admin\/imports\/imp_/).then(() => page.url()))![0]}`);
}

const statusOf = (page: Page) => page.locator("#import-status").getAttribute("data-status");

describe("console imports", () => {
  it("uploads a file with bad rows and watches its progress bar reach done (JavaScript, under the page's own policy), then the errors and their CSV", async () => {
    const page = await browser.open(workerUrl("/admin/sign-in"), { lang: "en" });
    await signInAs(page, workerUrl("/admin/imports"));
    await expectHeading(page, "Import contacts");
    await uploadFile(page, csvWithBadRows(3000));
    // The import is still at work when its page first shows: what follows is the script's doing
    // (a blocked script would be reported by the browser's console and fail the test).
    expect(["queued", "running"]).toContain(await statusOf(page));
    await expect.poll(() => statusOf(page), { timeout: 25_000, interval: 250 }).toBe("done");
    const bar = page.getByRole("progressbar", { name: "Progress" });
    expect(await bar.getAttribute("value")).toBe("3004");
    expect(await bar.getAttribute("max")).toBe("3004");
    expect(await page.locator("#import-progress-text").textContent()).toBe("3004 of 3004 rows processed (100 %)");
    expect(await page.locator("[data-count=imported]").textContent()).toBe("3000");
    expect(await page.locator("[data-count=rejected]").textContent()).toBe("4");

    const table = page.getByRole("table", { name: "Errors" });
    const rows = table.locator("tbody tr");
    expect(await rows.count()).toBe(4);
    expect(await rows.first().locator("td").allTextContents()).toEqual(["1002", "topic", "invalid_field", expect.any(String)]);
    expect(await rows.last().locator("td").allTextContents()).toEqual(["3005", "email", "invalid_field", expect.any(String)]);
    expect(await table.textContent()).not.toContain("not-an-address");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download the errors as CSV" }).click()]);
    const id = /imp_[\w-]+/.exec(page.url())![0];
    expect(download.suggestedFilename()).toBe(`import-${id}-errors.csv`);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const lines = Buffer.concat(chunks).toString("utf8").trim().split("\r\n");
    expect(lines[0]).toBe("line,path,code,message");
    expect(lines.slice(1).map((line) => line.split(",").slice(0, 3).join(","))).toEqual([
      "1002,topic,invalid_field",
      "2003,topic,invalid_field",
      "3004,topic,invalid_field",
      "3005,email,invalid_field",
    ]);

    // The list shows it first, with its counts.
    await page.getByRole("link", { name: "All imports" }).click();
    const first = page.getByRole("table", { name: "Recent imports" }).locator("tbody tr").first();
    expect(await first.locator("td").allTextContents()).toEqual(["done", "CSV", "3004", "3000", "0", "4"]);
  });

  it("reaches done without JavaScript: the page refreshes itself while the queue works", async () => {
    const page = await browser.open(workerUrl("/admin/sign-in"), { lang: "en", javaScript: false });
    await signInAs(page, workerUrl("/admin/imports"));
    await uploadFile(
      page,
      `{"email":"${freshEmail()}","consents":[{"topic":"*","channel":"*","status":"granted","occurredAt":"${AT}"}]}\n{"email":1}\n`,
      "people.ndjson",
      "application/octet-stream",
    );
    await expect.poll(() => statusOf(page), { timeout: 25_000, interval: 250 }).toBe("done");
    expect(await page.locator("[data-count=imported]").textContent()).toBe("1");
    expect(await page.getByRole("table", { name: "Errors" }).locator("tbody tr td").first().textContent()).toBe("2");
  });

  it("passes axe at 360 and 1440 px: the list with a refused upload, and a finished import with errors", async () => {
    const page = await browser.open(workerUrl("/admin/sign-in"), { lang: "en", audit: true });
    await signInAs(page, workerUrl("/admin/imports"));
    await page.getByLabel("File").setInputFiles({ name: "book.xlsx", mimeType: "application/vnd.ms-excel", buffer: Buffer.from("PK") });
    await page.getByRole("button", { name: "Import" }).click();
    expect(await page.getByRole("alert").textContent()).toBe("Format: The file's format is not known: choose CSV or NDJSON.");
    expect(await page.getByLabel("Format").getAttribute("aria-invalid")).toBe("true");
    await expectPhoneReady(page);
    await expectFitsWide(page);
    await expectAccessible(page);

    await page.setViewportSize({ width: 360, height: 740 });
    await page.getByLabel("Format").selectOption("csv");
    await uploadFile(page, csvWithBadRows(3));
    await expect.poll(() => statusOf(page), { timeout: 25_000, interval: 250 }).toBe("done");
    await expectPhoneReady(page);
    await expectFitsWide(page);
    await expectAccessible(page);
  });
});
