import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FOOTER_TEXTS } from "../../src/campaigns/personalise";
import { LOCALES } from "../../src/consent/locales";
import { matchSmsKeyword } from "../../src/consent/sms-keywords";

// docs/footers.md is what other senders copy; our own mails use FOOTER_TEXTS. One wording.
describe("docs/footers.md", async () => {
  const doc = await readFile(join(import.meta.dirname, "../../docs/footers.md"), "utf8");
  const row = (locale: string) => doc.match(new RegExp(`^\\| ${locale} \\| (.+) \\|$`, "gmu")) ?? [];

  it.each(LOCALES)("gives the email footer of our own campaigns in %s", (locale) => {
    expect(row(locale)[0]).toBe(`| ${locale} | ${FOOTER_TEXTS.why[locale]}<br>${FOOTER_TEXTS.unsubscribe[locale]}: {url} |`);
  });

  it.each(LOCALES)("gives SMS lines in %s whose reply word is a STOP keyword and that fit a segment with the short link", (locale) => {
    const [link, reply] = row(locale)[1]!.split(" | ").slice(1).map((cell) => cell.replace(/ \|$/, ""));
    const shortLink = "https://orleu-edu.kz/u/" + "x".repeat(32); // docs/links.md: 32 characters of token
    expect(link!.replace("{url}", shortLink).length).toBeLessThanOrEqual(70);
    const word = /(СТОП|STOP)/u.exec(reply!)?.[1];
    expect(word && matchSmsKeyword(word)?.action).toBe("stop");
  });
});
