import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { call, createContact, expectStatus, freshEmail, nextCheck, workerUrl } from "./api";
import { expectHeading, expectNoHorizontalOverflow, expectPhoneReady, expectTrustFooter, LOCALES, usePhoneBrowser } from "./phone";

// /p/{token}, /p and /c/{token} in a real browser at 360 × 740: a person with a phone opens
// the link from an email, changes their choices, and sees them kept. The rules of what a
// save writes are tested in src/consent/preferences.test.ts and test/worker/preferences.test.ts.

const phone = usePhoneBrowser();

const TITLE = { kk: "Хабарлама баптаулары", ru: "Настройки рассылок", en: "Mailing preferences" };
const REQUEST_TITLE = { kk: "Баптауларға сілтеме алу", ru: "Получить ссылку на настройки", en: "Get a link to your preferences" };
const SAVE = { kk: "Сақтау", ru: "Сохранить", en: "Save" };

/** A contact who receives everything by email, and the link to their page from the API. */
async function person(body: Record<string, unknown> = {}) {
  const contact = await createContact(body);
  const got = await call("GET", `/v1/contacts/${contact.id}`);
  expectStatus(got, 200);
  return { ...contact, link: got.body.links.preferences as string };
}

const box = (page: Page, value: string, name = "pref") => page.locator(`input[name="${name}"][value="${value}"]`);

/** The newest message in the local outbox to this address, as the developer page shows it. */
async function latestMail(to: string): Promise<string> {
  const html = await (await fetch(workerUrl("/dev/outbox"))).text();
  const article = html.split("<article>").find((a) => a.includes(`To ${to},`));
  if (!article) throw new Error(`no mail to ${to} in the outbox`);
  return article;
}

const linkIn = (mail: string, kind: "p" | "c") => new RegExp(`http://localhost:\\d+/${kind}/[A-Za-z0-9_-]+`).exec(mail)?.[0];

describe("the preference page on a phone", () => {
  for (const lang of LOCALES) {
    it(`passes the audit and fits the screen in ${lang}`, async () => {
      const { link } = await person();
      const page = await phone.open(link, { lang, audit: true });
      await expectHeading(page, TITLE[lang]);
      expect(await page.locator("html").getAttribute("lang")).toBe(lang);
      // Every box has a label a screen reader announces.
      for (const input of await page.locator('input[type="checkbox"]').all()) {
        expect(await input.evaluate((el) => (el as unknown as { labels: unknown[] }).labels.length)).toBe(1);
      }
      await expectTrustFooter(page, lang);
      await expectPhoneReady(page);
    });
  }

  it("is in Kazakh by default, and remembers Russian once chosen", async () => {
    const { link } = await person();
    const page = await phone.open(link);
    await expectHeading(page, TITLE.kk);
    await page.getByRole("link", { name: "Русский" }).click();
    await expectHeading(page, TITLE.ru);
    await page.goto(link); // no ?lang: the cookie remembers
    await expectHeading(page, TITLE.ru);
    expect(await page.getByRole("button", { name: SAVE.ru }).count()).toBe(1);
  });

  for (const javaScript of [true, false]) {
    it(`saves changed choices and shows them kept after a reload, JavaScript ${javaScript ? "on" : "off"}`, async () => {
      const { id, link } = await person();
      const page = await phone.open(link, { javaScript });
      expect(await box(page, "newsletter/email").isChecked()).toBe(true);
      await box(page, "newsletter/email").uncheck();
      await page.getByRole("button", { name: SAVE.kk }).click();
      await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Сақталды");
      expect(await nextCheck(id, "newsletter")).toBe("withdrawn_topic_channel");
      expect(await nextCheck(id, "service_updates")).toBe("allowed");

      await page.reload();
      await expectHeading(page, TITLE.kk);
      expect(await box(page, "newsletter/email").isChecked()).toBe(false);
      expect(await box(page, "service_updates/email").isChecked()).toBe(true);

      await box(page, "email", "stop").check();
      await page.getByRole("button", { name: SAVE.kk }).click();
      await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Сақталды");
      expect(await nextCheck(id, "service_updates")).toBe("withdrawn_channel");
      await page.goto(link);
      expect(await box(page, "email", "stop").isChecked()).toBe(true);
      await expectNoHorizontalOverflow(page);
    });
  }

  it("asks to confirm an opt_in topic by email, and grants it only when confirmed", async () => {
    const { id, email, link } = await person();
    const page = await phone.open(link);
    await box(page, "advertising/email").check();
    await page.getByRole("button", { name: SAVE.kk }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("растау үшін сізге хат жібердік");
    expect(await nextCheck(id, "advertising")).toBe("pending_confirmation");

    const confirmUrl = linkIn(await latestMail(email!), "c");
    expect(confirmUrl).toBeDefined();
    const confirm = await phone.open(confirmUrl!, { audit: true });
    await expectHeading(confirm, "Жазылуды растау");
    await expectPhoneReady(confirm);
    expect(await nextCheck(id, "advertising")).toBe("pending_confirmation"); // opening the link is not confirming
    await confirm.getByRole("button", { name: "Растау" }).click();
    await expect.poll(() => confirm.getByRole("status").textContent()).toContain("Расталды");
    expect(await nextCheck(id, "advertising")).toBe("allowed");
  });
});

describe("pause and the digest on the preference page", () => {
  for (const javaScript of [true, false]) {
    it(`pauses one topic for a month and resumes it, JavaScript ${javaScript ? "on, the open form audited" : "off"}`, async () => {
      const { id, link } = await person();
      const page = await phone.open(link, { lang: "en", javaScript, audit: javaScript });
      await page.getByText("Take a break for 1 or 3 months").click();
      if (javaScript) await expectPhoneReady(page); // axe on the unfolded form
      await page.getByLabel("What to pause").selectOption("newsletter");
      await page.getByRole("button", { name: "Pause for 1 month" }).click();
      await expect.poll(() => page.getByRole("status").first().textContent()).toMatch(/^“Newsletter” is paused until /);
      expect(await nextCheck(id, "newsletter")).toBe("paused");
      expect(await nextCheck(id, "service_updates")).toBe("allowed");
      // The boxes keep the person's choices: a pause changes none of them.
      expect(await box(page, "newsletter/email").isChecked()).toBe(true);
      if (javaScript) await expectPhoneReady(page);

      await page.getByRole("button", { name: "Resume now" }).click();
      await expect.poll(() => page.getByRole("status").first().textContent()).toBe("The break has ended: mailings come as before.");
      expect(await nextCheck(id, "newsletter")).toBe("allowed");
      await expectNoHorizontalOverflow(page);
    });
  }

  it("keeps the newsletter to its monthly digest when its box is ticked, and back when unticked", async () => {
    const { id, link } = await person();
    const page = await phone.open(link, { lang: "ru", audit: true });
    await page.getByLabel("Только ежемесячный дайджест").check();
    await page.getByRole("button", { name: SAVE.ru }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("«Информационное письмо»: только ежемесячный дайджест");
    await expectPhoneReady(page);
    expect(await nextCheck(id, "newsletter")).toBe("digest_only");
    expect(await box(page, "newsletter", "digest").isChecked()).toBe(true);

    await box(page, "newsletter", "digest").uncheck();
    await page.getByRole("button", { name: SAVE.ru }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("«Информационное письмо»: все выпуски");
    expect(await nextCheck(id, "newsletter")).toBe("allowed");
  });
});

/** The page's full height, and where Save sits in the viewport, at 360 px. */
async function layoutOf(page: Page) {
  return page.evaluate(() => {
    const { document, innerHeight } = globalThis as unknown as { document: any; innerHeight: number };
    const save = document.querySelector('button[type="submit"]').getBoundingClientRect();
    return { height: document.documentElement.scrollHeight as number, saveTop: save.top as number, saveBottom: save.bottom as number, viewport: innerHeight };
  });
}

const freshPhone = () => `+7701${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;

// Was 3,869 px (ru) and 4,016 px (kk) for this contact: 28 boxes, the stops and Save at the foot.
// Of what is left, about 700 px is the frame every page has (header, intro, trust footer).
const HEIGHT_BUDGET = 2_500;

describe("the preference page's length", () => {
  for (const lang of ["kk", "ru"] as const) {
    it(`fits a contact with an email and a phone in ${HEIGHT_BUDGET} px, with Save always on screen, in ${lang}`, async () => {
      const { link } = await person({ phone: freshPhone() });
      const page = await phone.open(link, { lang, javaScript: false });
      const top = await layoutOf(page);
      expect(top.height).toBeLessThanOrEqual(HEIGHT_BUDGET);
      expect(top.saveTop).toBeGreaterThanOrEqual(0);
      expect(top.saveBottom).toBeLessThanOrEqual(top.viewport);
      // Sticky, without scripts: still on screen halfway down.
      await page.mouse.wheel(0, top.height / 2);
      await expect.poll(() => page.evaluate("scrollY")).toBeGreaterThan(0);
      const half = await layoutOf(page);
      expect(half.saveTop).toBeGreaterThanOrEqual(0);
      expect(half.saveBottom).toBeLessThanOrEqual(half.viewport);
    });
  }

  it("shows every channel recorded for a phone, still fitting the screen and passing the audit", async () => {
    const consents = ["voice", "whatsapp", "telegram"].map((channel) => ({ topic: "event_invitations", channel, status: "granted", source: "web_form" }));
    const { link } = await person({ phone: freshPhone(), consents: [{ topic: "*", channel: "*", status: "granted", source: "web_form" }, ...consents] });
    const page = await phone.open(link, { lang: "ru", audit: true });
    expect(await page.locator('input[name="stop"]').count()).toBe(6);
    await expectPhoneReady(page);
  });
});

describe("asking for a new link at /p", () => {
  for (const lang of LOCALES) {
    it(`passes the audit in ${lang}`, async () => {
      const page = await phone.open(workerUrl("/p"), { lang, audit: true });
      await expectHeading(page, REQUEST_TITLE[lang]);
      await expectTrustFooter(page, lang);
      await expectPhoneReady(page);
    });
  }

  it("mails a link that opens the person's page, with JavaScript off", async () => {
    const { email } = await person();
    const page = await phone.open(workerUrl("/p"), { javaScript: false });
    await page.getByLabel("Электрондық пошта мекенжайы").fill(email!);
    await page.getByRole("button", { name: "Сілтемені жіберу" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("сілтеме жібердік");
    // The mail goes out after the answer (so the answer cannot tell known from unknown).
    await expect.poll(async () => linkIn(await latestMail(email!).catch(() => ""), "p")).toBeDefined();
    const mine = await phone.open(linkIn(await latestMail(email!), "p")!);
    await expectHeading(mine, TITLE.kk);
  });

  it("answers an address nobody has exactly as a known one, and mails nothing", async () => {
    const unknown = freshEmail();
    const page = await phone.open(workerUrl("/p"));
    await page.getByLabel("Электрондық пошта мекенжайы").fill(unknown);
    await page.getByRole("button", { name: "Сілтемені жіберу" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("сілтеме жібердік");
    await expect(latestMail(unknown)).rejects.toThrow(/no mail/);
  });

  it("leads an expired or broken link to the form", async () => {
    const page = await phone.open(workerUrl("/p/not-a-real-token"), { status: 404, audit: true });
    await expectHeading(page, REQUEST_TITLE.kk);
    const warning = page.getByRole("status");
    expect(await warning.textContent()).toContain("Бұл сілтеме жарамсыз.");
    // Styled as a warning (amber), not as the green of a success.
    expect(await page.evaluate("getComputedStyle(document.querySelector('.warning')).borderLeftColor")).toBe("rgb(138, 83, 0)");
    expect(await warning.getByRole("link", { name: "kuzhat@orleu-edu.kz" }).count()).toBe(1);
    await expectHeading(page, REQUEST_TITLE.kk);
    expect(await page.getByRole("heading", { level: 2, name: "Тек телефон нөміріңіз бар ма?" }).count()).toBe(1);
    await expectPhoneReady(page);
  });
});
