import { describe, expect, it } from "vitest";
import { freshPhone, grant, noonInKazakhstan } from "./api";
import { apiWithMail, fetchWithMail } from "./with-mail";

/** Calls are not "sent" or "received as messages": a link for voice speaks of calls. */
async function voiceLink(locale: "kk" | "ru" | "en") {
  const contact = await apiWithMail("POST", "/v1/contacts", { phone: freshPhone(), locale, consents: [grant("*", "*")] });
  const check = await apiWithMail("POST", "/v1/send-checks", {
    topic: "event_invitations",
    channel: "voice",
    sendAt: noonInKazakhstan(),
    recipients: [{ contactId: contact.id }],
  });
  return check.allowed[0].unsubscribe.url as string;
}

const buttons = (html: string) => [...html.matchAll(/<button type="submit" name="scope" value="\w+"[^>]*>([^<]*)<\/button>/g)].map((m) => m[1]);

describe("the unsubscribe page for a call", () => {
  it.each([
    ["ru", "Мы звоним вам по теме «Приглашения на мероприятия».", ["Больше не звонить мне по теме «Приглашения на мероприятия»", "Не звонить мне", "Не присылать ничего ни по одному каналу"], "Мы больше не будем звонить вам по теме «Приглашения на мероприятия»."],
    ["kk", "Сізге «Іс-шараларға шақырулар» тақырыбы бойынша қоңырау шаламыз.", ["«Іс-шараларға шақырулар» бойынша маған енді қоңырау шалмаңыз", "Маған қоңырау шалмаңыз", "Ешбір арна арқылы ештеңе жібермеңіз"], "Енді сізге «Іс-шараларға шақырулар» тақырыбы бойынша қоңырау шалмаймыз."],
  ] as const)("in %s says what we call about, and what stops", async (locale, says, labels, stopped) => {
    const url = await voiceLink(locale);
    const page = await fetchWithMail("GET", url);
    expect(page.status, page.text).toBe(200);
    expect(page.text).toContain(says);
    expect(buttons(page.text)).toEqual(labels);
    const done = await fetchWithMail("POST", url, { body: new URLSearchParams({ scope: "link" }) });
    expect(done.status, done.text).toBe(200);
    expect(done.text).toContain(stopped);
  });
});
