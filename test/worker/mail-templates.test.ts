import { describe, expect, it } from "vitest";
import { LOCALES } from "../../src/consent/locales";
import { BY_CHANNEL } from "../../src/consent/texts";
import type { MailMessage } from "../../src/mail/outgoing";
import { renderMail } from "../../src/mail/render";

const expiresAt = new Date("2026-12-24T07:00:00Z");
const URL_ = "https://prefs.test/p/abc123?lang=kk";

const SUBJECTS = {
  preferences_link: {
    kk: "Өрлеу: хабарлама баптауларыңызға сілтеме",
    ru: "Өрлеу: ссылка на настройки рассылок",
    en: "Orleu: your mailing preferences link",
  },
  confirm_opt_in: {
    kk: "Өрлеу: жазылуды растаңыз — Жаңа курстар",
    ru: "Өрлеу: подтвердите подписку — Новые курсы",
    en: "Orleu: confirm your subscription — New courses",
  },
};
const TOPIC = { kk: "Жаңа курстар", ru: "Новые курсы", en: "New courses" };
// The deadline, in Kazakhstan time (UTC+5), as each language writes it.
const DEADLINE = { kk: "2026 ж. 24 желтоқсан, 12:00", ru: "24 декабря 2026 г.", en: "December 24, 2026" };

function messages(locale: (typeof LOCALES)[number]): MailMessage[] {
  return [
    { template: "preferences_link", locale, url: URL_, expiresAt },
    { template: "confirm_opt_in", locale, url: URL_, topicTitle: TOPIC[locale], channel: "email", expiresAt },
  ];
}

describe("mail templates", () => {
  for (const locale of LOCALES) {
    for (const message of messages(locale)) {
      it(`${message.template} in ${locale}: subject, lang, the link in HTML and text, the deadline`, async () => {
        const { subject, html, text } = await renderMail(message);
        expect(subject).toBe(SUBJECTS[message.template][locale]);
        expect(html).toMatch(new RegExp(`<html[^>]* lang="${locale}"`));
        expect(html).toContain(`<title>${subject}</title>`);
        expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"');
        expect(html).toContain(`href="${URL_}"`);
        expect(text).toContain(URL_);
        expect(text).toContain(DEADLINE[locale]);
        expect(text).not.toMatch(/<[a-z]/i);
        // Decoded back to characters (src/mail/html-entities.ts stands in for the entities package).
        expect(text).not.toMatch(/&(#\d+|#x[0-9a-f]+|[a-z]+);/i);
        if (message.template === "confirm_opt_in") {
          expect(text).toContain(`${TOPIC[locale]}`);
          expect(text).toContain(BY_CHANNEL.email[locale]);
        }
      });
    }
  }

  it("writes Kazakh with Kazakh letters, and the organisation in each language", async () => {
    const kk = await renderMail(messages("kk")[0]!);
    expect(kk.text).toMatch(/[әғқңөұүһі]/);
    expect(kk.text).toContain("«Өрлеу» біліктілікті арттырудың ұлттық орталығы» АҚ");
    expect((await renderMail(messages("en")[0]!)).text).toContain("Orleu National Centre for Professional Development JSC");
  });

  it("escapes what it is given", async () => {
    const message: MailMessage = { ...messages("en")[1]!, topicTitle: "<b>News</b> & more" } as MailMessage;
    const { html, text } = await renderMail(message);
    expect(html).not.toContain("<b>News</b>");
    expect(html).toContain("&lt;b&gt;News&lt;/b&gt; &amp; more");
    expect(text).toContain("<b>News</b> & more");
  });
});
