import { describe, expect, it } from "vitest";
import * as confirmMail from "../../emails/confirm-opt-in";
import * as mailLayout from "../../emails/layout";
import * as linkMail from "../../emails/preferences-link";
import * as catalog from "../../src/consent/catalog";
import * as consoleTexts from "../../src/http/pages/console/texts";
import { LOCALES } from "../../src/consent/locales";
import * as consentTexts from "../../src/consent/texts";
import * as preferenceTexts from "../../src/http/pages/preferences/texts";
import * as pageTexts from "../../src/http/pages/texts";
import * as unsubscribeTexts from "../../src/http/pages/unsubscribe/texts";

/**
 * Every text a recipient (or an operator, in the console) reads, in every table: a text is any object keyed by some of
 * kk/ru/en, and each must have all three, non-empty, with the same {placeholders}.
 */
const MODULES = { catalog, consentTexts, unsubscribeTexts, preferenceTexts, pageTexts, consoleTexts, mailLayout, confirmMail, linkMail };

function isText(value: object): boolean {
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => (LOCALES as readonly string[]).includes(key));
}

/** [path, text] for every text under `value`. */
function textsIn(value: unknown, path: string): [string, Record<string, unknown>][] {
  if (value === null || typeof value !== "object") return [];
  if (isText(value)) return [[path, value as Record<string, unknown>]];
  return Object.entries(value).flatMap(([key, inner]) => textsIn(inner, `${path}.${key}`));
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const ALL_TEXTS = Object.entries(MODULES).flatMap(([name, module]) => textsIn({ ...module }, name));

describe("text tables", () => {
  it("finds the tables of pages, mails and the catalog", () => {
    const paths = ALL_TEXTS.map(([path]) => path);
    for (const expected of [
      "consentTexts.ORGANISATION",
      "consentTexts.TRUST_TEXT.why",
      "unsubscribeTexts.STOP_BUTTON.link",
      "unsubscribeTexts.STOP_CALLS_BUTTON.link",
      "preferenceTexts.PREFERENCES_TEXT.stopAll",
      "preferenceTexts.CONFIRM_TEXT.askCalls",
      "pageTexts.LANGUAGE_NAMES",
      "consoleTexts.SIGN_IN_TEXT.noScope",
      "consoleTexts.PERSON_TEXT.confirmEmail",
      "consoleTexts.REASON_TEXT.withdrawn_topic_channel",
      "consoleTexts.SOURCE_TEXT.one_click",
      "consoleTexts.IMPORTS_TEXT.progressText",
      "mailLayout.COMMON.fallback",
      "confirmMail.TEXTS.bodyCalls",
      "linkMail.TEXTS.subject",
      "catalog.TOPICS.0.title",
      "catalog.CLAUSE_TITLES.3.1(9)",
    ]) {
      expect(paths).toContain(expected);
    }
  });

  it.each(ALL_TEXTS)("%s is in kk, ru and en, none empty, with the same placeholders", (path, text) => {
    for (const locale of LOCALES) {
      expect(typeof text[locale], `${path}.${locale}`).toBe("string");
      expect((text[locale] as string).trim(), `${path}.${locale}`).not.toBe("");
    }
    const expected = placeholders(text.kk as string);
    for (const locale of LOCALES) expect(placeholders(text[locale] as string), `${path}.${locale}`).toEqual(expected);
  });
});
