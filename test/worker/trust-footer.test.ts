import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Locale } from "../../src/consent/locales";
import { ORGANISATION, TRUST_TEXT } from "../../src/consent/texts";
import { renderMail } from "../../src/mail/render";
import worker from "../../src/index";
import { freshEmail, freshPhone, grant, noonInKazakhstan } from "./api";
import { envWith, requestsTo } from "./mail";
import { apiWithMail, fetchWithMail, withPendingConfirmation } from "./with-mail";

/**
 * Every page and mail says who writes (the controller's legal name, as in the policy), on
 * what basis (consent, §3.1), where the policy is (POLICY_URL) and how to reach the centre.
 */
const POLICY_URL = env.POLICY_URL;

function expectFooter(html: string, locale: Locale, { policyLink = true } = {}) {
  const footer = html.slice(html.indexOf("<footer>"), html.indexOf("</footer>"));
  expect(footer, html).not.toBe("");
  expect(footer).toContain(ORGANISATION[locale]);
  expect(footer).toContain(TRUST_TEXT.why[locale]);
  expect(footer).toContain('href="mailto:kuzhat@orleu-edu.kz"');
  expect(footer).toContain("+7 (7172) 574-600");
  if (policyLink) expect(footer).toContain(`<a href="${POLICY_URL}">${TRUST_TEXT.policy[locale]}</a>`);
  else expect(footer).not.toContain(`${TRUST_TEXT.policy[locale]}</a>`);
}

async function subscriber(locale: Locale = "ru") {
  const email = freshEmail();
  const contact = await apiWithMail("POST", "/v1/contacts", { email, locale, consents: [grant("*", "*")] });
  const check = await apiWithMail("POST", "/v1/send-checks", { topic: "newsletter", channel: "email", recipients: [{ contactId: contact.id }] });
  return { email, contact, unsubscribeUrl: check.allowed[0].unsubscribe.url as string };
}

const masked = (email: string) => `${email.slice(0, 1)}•••${email.slice(email.indexOf("@"))}`;

describe("the footer of every page", () => {
  it("is on the unsubscribe page, which also says which address, masked, it is about", async () => {
    const { email, unsubscribeUrl } = await subscriber("ru");
    const page = await fetchWithMail("GET", unsubscribeUrl);
    expect(page.status, page.text).toBe(200);
    expectFooter(page.text, "ru");
    expect(page.text).toContain(`Адрес: ${masked(email)}.`);
  });

  it("calls a phone number a number, not an address, on a link for SMS", async () => {
    const phone = freshPhone();
    const contact = await apiWithMail("POST", "/v1/contacts", { phone, locale: "ru", consents: [grant("*", "*")] });
    const check = await apiWithMail("POST", "/v1/send-checks", {
      topic: "event_invitations",
      channel: "sms",
      sendAt: noonInKazakhstan(),
      recipients: [{ contactId: contact.id }],
    });
    const page = await fetchWithMail("GET", check.allowed[0].unsubscribe.url);
    expect(page.status, page.text).toBe(200);
    expect(page.text).toContain(`Номер: +7 ${phone.slice(2, 5)} •••• ${phone.slice(-2)}.`);
    expectFooter(page.text, "ru");
  });

  it("is on the page after a stop", async () => {
    const { unsubscribeUrl } = await subscriber("kk");
    const done = await fetchWithMail("POST", unsubscribeUrl, { body: "List-Unsubscribe=One-Click", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(done.status, done.text).toBe(200);
    expectFooter(done.text, "kk");
    expect(done.text).toContain("Бұрын басталған таратылымнан бір хабарлама келуі мүмкін.");
    expect(done.text).toMatch(/<button type="submit">Қайта жазылу<\/button>/);
  });

  it("is on the preference page and the link request form", async () => {
    const { contact } = await subscriber("en");
    const shown = await fetchWithMail("GET", (await apiWithMail("GET", `/v1/contacts/${contact.id}`)).links.preferences);
    expect(shown.status, shown.text).toBe(200);
    expectFooter(shown.text, "en");
    const form = await fetchWithMail("GET", "/p?lang=ru");
    expectFooter(form.text, "ru");
  });

  it("is on the confirmation page, which says which address, masked, it is about", async () => {
    const { contact, confirmUrl } = await withPendingConfirmation();
    const page = await fetchWithMail("GET", confirmUrl);
    expect(page.status, page.text).toBe(200);
    expectFooter(page.text, "kk");
    expect(page.text).toContain(`Мекенжай: ${masked(contact.email)}.`);
  });

  it("is on the page for a broken link, which leads to a new one", async () => {
    const page = await fetchWithMail("GET", "/u/not-a-token");
    expect(page.status).toBe(404);
    expectFooter(page.text, "kk");
    expect(page.text).toContain('href="/p?lang=ru"');
  });

  it.each([["http://orleu-edu.kz/policy"], ["not a url"]])("leaves out only the policy link when POLICY_URL is %j", async (policyUrl) => {
    const { unsubscribeUrl } = await subscriber("ru");
    const ctx = createExecutionContext();
    const response = await worker.fetch(new Request(unsubscribeUrl), envWith({ POLICY_URL: policyUrl }), ctx);
    const text = await response.text();
    await waitOnExecutionContext(ctx);
    expect(response.status, text).toBe(200);
    expectFooter(text, "ru", { policyLink: false });
  });
});

describe("the footer of every mail", () => {
  it("is in the confirmation mail the Worker sends, in HTML and in text", async () => {
    const email = freshEmail();
    await apiWithMail("POST", "/v1/contacts", { email, doubleOptIn: true, consents: [grant("*", "*"), grant("advertising", "email")] });
    const sent = (await requestsTo(email))[0]!.body as { html: string; text: string };
    for (const part of [sent.html, sent.text]) {
      expect(part).toContain(ORGANISATION.kk);
      expect(part).toContain(TRUST_TEXT.why.kk);
      expect(part).toContain(POLICY_URL);
      expect(part).toContain("kuzhat@orleu-edu.kz");
    }
  });

  it.each(["kk", "ru", "en"] as const)("is in both templates in %s, the policy link only when there is one", async (locale) => {
    const expiresAt = new Date("2026-12-24T07:00:00Z");
    for (const message of [
      { template: "preferences_link" as const, locale, url: "https://prefs.test/p/x", expiresAt },
      { template: "confirm_opt_in" as const, locale, url: "https://prefs.test/c/x", topicTitle: "T", channel: "voice" as const, expiresAt },
    ]) {
      const withLink = await renderMail({ ...message, policyUrl: "https://orleu-edu.kz/policy" });
      expect(withLink.text).toContain(ORGANISATION[locale]);
      expect(withLink.html).toContain('href="https://orleu-edu.kz/policy"');
      expect(withLink.text).toContain("https://orleu-edu.kz/policy");
      const without = await renderMail(message);
      expect(without.text).toContain(ORGANISATION[locale]);
      expect(without.html).not.toContain("orleu-edu.kz/policy");
      expect(without.html).not.toContain(`${TRUST_TEXT.policy[locale]}</a>`);
    }
  });
});
