import { LOCALES, type Locale, type Localized } from "../../consent/locales";

/** Each language named in itself, for the language switch. */
export const LANGUAGE_NAMES: Localized = { kk: "Қазақша", ru: "Русский", en: "English" };

/** The page's language: ?lang= when it names one, else the contact's, else Kazakh. */
export function pageLocale(requested: string | undefined, contactLocale?: string): Locale {
  const isLocale = (value: string | undefined): value is Locale => (LOCALES as readonly string[]).includes(value ?? "");
  if (isLocale(requested)) return requested;
  return isLocale(contactLocale) ? contactLocale : "kk";
}
