import type { Localized } from "../../consent/locales";

/** Each language named in itself, for the language switch. */
export const LANGUAGE_NAMES: Localized = { kk: "Қазақша", ru: "Русский", en: "English" };
