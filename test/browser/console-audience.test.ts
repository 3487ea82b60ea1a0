import { describe, expect, it } from "vitest";
import { call, expectStatus, freshEmail, workerUrl } from "./api";
import { expectFitsWide, signInAs } from "./console";
import { expectAccessible, expectHeading, expectPhoneReady, PHONE, usePhoneBrowser } from "./phone";

// The console's audience page in Chromium: the charts drawn for seeded data, the filter,
// axe at 360 and 1440 px. The Worker's database is shared by the browser files running at
// once, so the data is seeded on a past day of the last 90 and on partner offers by SMS,
// which the other files do not write; test/worker/console-audience.test.ts checks the rest.

const browser = usePhoneBrowser();

/** An Astana day 20 to 79 days ago. */
function recentPastDay(): string {
  const today = Date.parse(new Date(Date.now() + 5 * 3_600_000).toISOString().slice(0, 10));
  return new Date(today - (20 + Math.floor(Math.random() * 60)) * 86_400_000).toISOString().slice(0, 10);
}

const phone = () => `+7701${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;

async function seed(day: string, grants: number, withdrawals: number) {
  for (let i = 0; i < grants; i++) {
    const consents = [{ topic: "partner_offers", channel: "sms", status: "granted", source: "web_form", occurredAt: `${day}T05:00:00Z` }];
    if (i < withdrawals) consents.push({ topic: "partner_offers", channel: "sms", status: "withdrawn", source: "phone_call", occurredAt: `${day}T08:00:00Z` });
    expectStatus(await call("POST", "/v1/contacts", { email: freshEmail(), phone: phone(), consents }), 201);
  }
}

describe("console: the audience", () => {
  it("draws the trends of a topic and channel with the numbers seeded, and lists them in a table", async () => {
    const day = recentPastDay();
    await seed(day, 4, 2);
    const page = await browser.open(workerUrl("/admin/sign-in"), { lang: "en", audit: true });
    await signInAs(page, workerUrl("/admin/audience?lang=en"));
    await expectHeading(page, "Audience");
    // Filter with the form (a GET: the choice is in the URL, and nothing else is).
    await page.getByLabel("Topic").selectOption("partner_offers");
    await page.getByLabel("Channel").selectOption("sms");
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/topic=partner_offers&channel=sms/);

    const grants = page.getByRole("img", { name: /^Grants/ });
    const withdrawals = page.getByRole("img", { name: /^Withdrawals/ });
    expect(await grants.locator(`rect[data-day="${day}"]`).getAttribute("data-value")).toBe("4");
    expect(await withdrawals.locator(`rect[data-day="${day}"]`).getAttribute("data-value")).toBe("2");
    // A taller bar for more: the drawing says what the numbers say.
    const height = async (chart: typeof grants) => Number(await chart.locator(`rect[data-day="${day}"]`).getAttribute("height"));
    expect(await height(grants)).toBeGreaterThan(0);
    for (const name of [/^Grants/, /^Withdrawals/, /^Bounces/, /^Complaints/, /^Complaint rate per day|^The complaint rate per day/]) {
      await expect(page.getByRole("img", { name }).count()).resolves.toBe(1);
    }
    // The same numbers as text, for those who do not see the chart.
    await page.getByText("The numbers, day by day").first().click();
    const row = page.locator(`table[data-table="trends"] tr[data-day="${day}"]`);
    expect(await row.locator("td").allTextContents()).toEqual(["4", "2", "0", "0"]);
    // The complaint rate's lines at 0.1 % and 0.3 %, named beside the chart.
    expect(await page.locator('svg[data-chart="rate"] line[data-line]').evaluateAll((lines) => lines.map((l) => l.getAttribute("data-line")))).toEqual(["0.001", "0.003"]);
    await expect(page.getByText("0.1 %: Gmail's and Yahoo's limit").count()).resolves.toBe(1);

    await expectPhoneReady(page);
    await expectFitsWide(page);
    await expectAccessible(page); // at 1440 px too
  });

  it("answers who may be reached once the hourly cron has run, every contact counted once per topic and channel; and refuses an unknown filter with the form", async () => {
    await seed(recentPastDay(), 2, 1);
    // wrangler dev runs a cron only when asked (--test-scheduled): the hourly reach.
    expect((await fetch(workerUrl(`/__scheduled?cron=${encodeURIComponent("7 * * * *")}`))).status).toBe(200);
    const page = await browser.open(workerUrl("/admin/sign-in"), { lang: "ru", audit: true });
    await signInAs(page, workerUrl("/admin/audience?lang=ru&topic=partner_offers"));
    await expectHeading(page, "Аудитория");
    const computed = page.locator("[data-computed-at]");
    expect(Date.now() - Date.parse((await computed.getAttribute("data-computed-at"))!)).toBeLessThan(120_000);
    const contacts = Number(/контактов: ([\d\s\u00a0\u202f]+)/.exec((await computed.textContent())!)![1]!.replace(/\D/g, ""));
    expect(contacts).toBeGreaterThanOrEqual(2);
    // Partner offers by SMS: those allowed and those blocked, per reason, add up to everyone.
    const row = page.locator('tr[data-topic="partner_offers"][data-channel="sms"]');
    expect(await row.locator("th").textContent()).toBe("SMS");
    expect(await page.locator(`tbody[data-topic="partner_offers"] th[scope=rowgroup]`).textContent()).toBe("Предложения партнёров");
    const allowed = Number(await row.locator("[data-allowed]").getAttribute("data-allowed"));
    expect(allowed).toBeGreaterThanOrEqual(1);
    const blocked = await row.locator("td:last-child li[data-reason]").evaluateAll((items) => items.map((li) => Number(li.getAttribute("data-count"))));
    expect(allowed + blocked.reduce((a, b) => a + b, 0)).toBe(contacts);
    // The one who withdrew it by SMS, in the person page's words.
    expect(await row.locator('li[data-reason="withdrawn_topic_channel"]').textContent()).toMatch(/^отписка по этому каналу: \d+$/);
    expect(await page.locator("tr[data-topic]").evaluateAll((rows) => rows.every((r) => r.getAttribute("data-topic") === "partner_offers"))).toBe(true);
    await expectPhoneReady(page);
    await expectFitsWide(page);
    await expectAccessible(page);

    await page.setViewportSize(PHONE);
    await signInAs(page, workerUrl("/admin/audience?channel=fax"), 400);
    expect(await page.getByRole("alert").textContent()).toContain("«Канал»");
    expect(await page.getByLabel("Канал").inputValue()).toBe("");
    await expectPhoneReady(page);
  });
});
