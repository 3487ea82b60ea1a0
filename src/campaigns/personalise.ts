import { wordsIn, type Locale, type Localized } from "../consent/locales";
import { CONTACTS, ORGANISATION, TRUST_TEXT } from "../consent/texts";
import type { CampaignContent } from "../store";

/** The placeholders a campaign's html and text may hold; without {{unsubscribe_url}} the footer is appended. */
export const UNSUBSCRIBE_PLACEHOLDER = "{{unsubscribe_url}}";
export const PREFERENCES_PLACEHOLDER = "{{preferences_url}}";

export const FOOTER_TEXTS = {
  why: {
    kk: "Бұл хатты «Өрлеу» хабарламаларын алуға келісім бергеніңіз үшін алдыңыз.",
    ru: "Вы получили это письмо, потому что согласились получать рассылки «Өрлеу».",
    en: "You received this email because you agreed to receive mailings from Orleu.",
  },
  unsubscribe: { kk: "Хабарламалардан бас тарту", ru: "Отписаться от рассылки", en: "Unsubscribe" },
  preferences: { kk: "Хабарлама баптаулары", ru: "Настройки рассылок", en: "Mailing preferences" },
} satisfies Record<string, Localized>;

export interface PersonalLinks {
  unsubscribeUrl: string;
  preferencesUrl: string;
  /** The privacy policy (POLICY_URL); none, no link. */
  policyUrl?: string;
}

/**
 * One recipient's subject, html and text: the campaign's in their language, the
 * placeholders replaced by their own links, and the footer with both links appended when
 * the body does not place the unsubscribe link itself. A campaign gives each language it has
 * in subject, html and text alike (the schema checks), and Kazakh always: the fallback.
 */
export function personalise(content: CampaignContent, locale: Locale, links: PersonalLinks) {
  const language: Locale = content.subject[locale] !== undefined ? locale : "kk";
  const html = content.html[language] ?? content.html.kk;
  const text = content.text[language] ?? content.text.kk;
  const footer = footerLines(language, links);
  const htmlFooter = `<hr><p style="font-size:12px;color:#555">${footer.map((line) => line.html).join("<br>")}</p>`;
  const textFooter = `\n\n--\n${footer.map((line) => line.text).join("\n")}\n`;
  return {
    language,
    subject: content.subject[language] ?? content.subject.kk,
    html: fill(html, links, escapeAttribute) + (html.includes(UNSUBSCRIBE_PLACEHOLDER) ? "" : htmlFooter),
    text: fill(text, links, (url) => url) + (text.includes(UNSUBSCRIBE_PLACEHOLDER) ? "" : textFooter),
  };
}

/**
 * The footer of every campaign mail, as on our own pages and mails (issue 11, item 2): who
 * sends, why the person hears from us, the two links, the policy and where to ask.
 */
function footerLines(language: Locale, links: PersonalLinks): { html: string; text: string }[] {
  const t = wordsIn(FOOTER_TEXTS, language);
  const link = (url: string, label: string) => ({ html: `<a href="${escapeAttribute(url)}">${label}</a>`, text: `${label}: ${url}` });
  const unsubscribe = link(links.unsubscribeUrl, t.unsubscribe);
  const preferences = link(links.preferencesUrl, t.preferences);
  const lines = [
    { html: ORGANISATION[language], text: ORGANISATION[language] },
    { html: t.why, text: t.why },
    { html: `${unsubscribe.html} · ${preferences.html}`, text: `${unsubscribe.text}\n${preferences.text}` },
  ];
  if (links.policyUrl) lines.push(link(links.policyUrl, TRUST_TEXT.policy[language]));
  const questions = TRUST_TEXT.questions[language];
  lines.push({
    html: `${questions} <a href="mailto:${CONTACTS.email}">${CONTACTS.email}</a>, <a href="tel:${CONTACTS.tel}">${CONTACTS.phone}</a>`,
    text: `${questions} ${CONTACTS.email}, ${CONTACTS.phone}`,
  });
  return lines;
}

function fill(body: string, links: PersonalLinks, escape: (url: string) => string): string {
  return body.replaceAll(UNSUBSCRIBE_PLACEHOLDER, escape(links.unsubscribeUrl)).replaceAll(PREFERENCES_PLACEHOLDER, escape(links.preferencesUrl));
}

/** Signed links are base64url and a known origin, but the html is an attribute's: escape what could close it. */
function escapeAttribute(url: string): string {
  return url.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
