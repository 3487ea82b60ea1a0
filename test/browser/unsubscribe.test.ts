import { describe, expect, it } from "vitest";
import { nextCheck, subscriber, workerUrl } from "./api";
import { expectHeading, expectNoHorizontalOverflow, expectPhoneReady, expectTrustFooter, LOCALES, usePhoneBrowser } from "./phone";

// /u/{token} in a real browser at 360 × 740: the page a reader reaches from an email's
// unsubscribe link. The API tests (test/worker/unsubscribe.test.ts) cover the HTTP details.

const phone = usePhoneBrowser();

const HEADING = { kk: "Хабарламалардан бас тарту", ru: "Отписка от рассылки", en: "Unsubscribe" };
const DONE = { kk: "Жазылымнан шықтыңыз", ru: "Вы отписались", en: "You’re unsubscribed" };

/** Each button, the reason the next send check gives after it, and what the done page says. */
const BUTTONS = [
  { choice: "link", reason: "withdrawn_topic_channel", stopped: "Енді сізге «Жаңалықтар хаты» тақырыбындағы хабарламалар электрондық пошта арқылы жіберілмейді." },
  { choice: "channel", reason: "withdrawn_channel", stopped: "Енді сізге электрондық пошта арқылы ешқандай хабарлама жіберілмейді." },
  { choice: "everything", reason: "withdrawn_all", stopped: "Енді сізге ешбір арна арқылы хабарлама жіберілмейді." },
] as const;

describe("the unsubscribe page on a phone", () => {
  it("is in Kazakh by default and switches to Russian and English", async () => {
    const { url } = await subscriber();
    const page = await phone.open(url);
    await expectHeading(page, HEADING.kk);
    expect(await page.locator("html").getAttribute("lang")).toBe("kk");
    expect(await page.locator("main").textContent()).toContain("Сіз «Жаңалықтар хаты» тақырыбындағы хабарламаларды электрондық пошта арқылы аласыз.");
    await expectTrustFooter(page, "kk");
    await expectNoHorizontalOverflow(page);

    await page.getByRole("link", { name: "Русский" }).click();
    await expectHeading(page, HEADING.ru);
    expect(new URL(page.url()).searchParams.get("lang")).toBe("ru");
    expect(await page.locator("html").getAttribute("lang")).toBe("ru");
    expect(await page.locator("main").textContent()).toContain("Вы подписаны на «Информационное письмо» по электронной почте.");
    await expectTrustFooter(page, "ru");
    await expectNoHorizontalOverflow(page);

    await page.getByRole("link", { name: "English" }).click();
    await expectHeading(page, HEADING.en);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.getByRole("button").allTextContents()).toEqual([
      "Stop “Newsletter” by email",
      "Stop all mailings by email",
      "Stop everything, on every channel",
      "Pause for 1 month",
      "Pause for 3 months",
      "Send me only the monthly digest",
    ]);
    await expectTrustFooter(page, "en");
    await expectNoHorizontalOverflow(page);
  });

  it("keeps the chosen language through the click", async () => {
    const { contactId, url } = await subscriber();
    const page = await phone.open(url);
    await page.getByRole("link", { name: "Русский" }).click();
    await page.getByRole("button", { name: "Больше не присылать «Информационное письмо» по электронной почте" }).click();
    await expectHeading(page, DONE.ru);
    expect(await page.getByRole("status").locator("p").first().textContent()).toBe("Вы больше не будете получать «Информационное письмо» по электронной почте.");
    expect(await page.getByRole("status").textContent()).toContain("Если рассылка уже запущена, одно сообщение ещё может прийти.");
    await expectTrustFooter(page, "ru");
    expect(await nextCheck(contactId)).toBe("withdrawn_topic_channel");
  });

  for (const javaScript of [true, false]) {
    describe(`with JavaScript ${javaScript ? "on" : "off"}`, () => {
      it.each(BUTTONS)("records the $choice button and the next send check blocks ($reason)", async ({ choice, reason, stopped }) => {
        const { contactId, url } = await subscriber();
        const page = await phone.open(url, { javaScript });
        expect(await nextCheck(contactId)).toBe("allowed"); // opening the page changed nothing
        await page.locator(`button[name="scope"][value="${choice}"]`).click();
        await expectHeading(page, DONE.kk);
        expect(await page.getByRole("status").locator("p").first().textContent()).toBe(stopped);
        expect(await nextCheck(contactId)).toBe(reason);
      });

      it("offers the wider choices after a narrow one, and they work too", async () => {
        const { contactId, url } = await subscriber();
        const page = await phone.open(url, { javaScript });
        await page.locator('button[value="link"]').click();
        await expectHeading(page, DONE.kk);
        expect(await page.locator('button[name="scope"]').evaluateAll((buttons) => buttons.map((b) => (b as unknown as { value: string }).value))).toEqual([
          "channel",
          "everything",
        ]);
        await page.locator('button[value="everything"]').click();
        await expect.poll(() => page.getByRole("status").locator("p").first().textContent()).toBe(BUTTONS[2].stopped);
        expect(await nextCheck(contactId)).toBe("withdrawn_all");
      });
    });
  }
});

describe("a break or the digest instead of a stop", () => {
  for (const javaScript of [true, false]) {
    it(`pauses everything for 3 months, JavaScript ${javaScript ? "on, audited" : "off"}`, async () => {
      const { contactId, url } = await subscriber();
      const page = await phone.open(url, { lang: "ru", javaScript, audit: javaScript });
      if (javaScript) await expectPhoneReady(page);
      expect(await page.getByRole("radio", { name: "«Информационное письмо» по всем каналам" }).isChecked()).toBe(true);
      await page.getByRole("radio", { name: "Все рассылки" }).check();
      await page.getByRole("button", { name: "Приостановить на 3 месяца" }).click();
      await expectHeading(page, "Рассылка приостановлена");
      expect(await page.getByRole("status").textContent()).toMatch(/^До \d{1,2} [а-я]+ \d{4} г\. мы ничего вам не пришлём\./);
      expect(await nextCheck(contactId)).toBe("paused");
      expect(await nextCheck(contactId, "event_invitations")).toBe("paused");
      if (javaScript) await expectPhoneReady(page);
      else await expectNoHorizontalOverflow(page);
    });
  }

  it("keeps the newsletter to its monthly digest", async () => {
    const { contactId, url } = await subscriber();
    const page = await phone.open(url, { audit: true });
    await expectPhoneReady(page);
    await page.getByRole("button", { name: "Маған тек айлық дайджест жіберіңіз" }).click();
    await expectHeading(page, "Енді сирек");
    expect(await page.getByRole("status").textContent()).toBe("Енді «Жаңалықтар хаты» бойынша тек айлық дайджест келеді.");
    await expectPhoneReady(page);
    expect(await nextCheck(contactId)).toBe("digest_only");
    expect(await nextCheck(contactId, "service_updates")).toBe("allowed");
  });
});

describe("axe-core and a 360 px screen", () => {
  it.each(LOCALES)("%s: the page, the done page and the already-unsubscribed page", async (lang) => {
    const { url } = await subscriber();
    const page = await phone.open(url, { lang, audit: true });
    await expectHeading(page, HEADING[lang]);
    await expectPhoneReady(page);

    await page.locator('button[value="link"]').click();
    await expectHeading(page, DONE[lang]);
    await expectPhoneReady(page);

    const again = await phone.open(url, { lang, audit: true });
    expect(await again.locator(".notice").count()).toBe(1);
    await expectPhoneReady(again);
  });

  it("the invalid-link page", async () => {
    const page = await phone.open(workerUrl("/u/not-a-valid-token"), { audit: true, status: 404 });
    expect(await page.getByRole("heading", { level: 1 }).allTextContents()).toEqual([
      "Бұл сілтеме жарамсыз",
      "Эта ссылка недействительна",
      "This link is not valid",
    ]);
    expect(await page.locator("section.warning").count()).toBe(3);
    expect(await page.getByRole("link", { name: "Запросить новую ссылку" }).getAttribute("href")).toBe("/p?lang=ru");
    await expectPhoneReady(page);
  });
});
