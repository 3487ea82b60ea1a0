/** Kazakh first: the advertising law wants advertising in Kazakh, and it is the default. */
export const LOCALES = ["kk", "ru", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "kk";

export type Localized = Record<Locale, string>;
