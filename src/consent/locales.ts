/** Kazakh first: the advertising law wants advertising in Kazakh, and it is the default. */
export const LOCALES = ["kk", "ru", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "kk";

export type Localized = Record<Locale, string>;

/** The first of these that names a language we write in, else Kazakh. */
export function localeOf(...candidates: (string | null | undefined)[]): Locale {
  const found = candidates.find((value): value is Locale => (LOCALES as readonly string[]).includes(value ?? ""));
  return found ?? DEFAULT_LOCALE;
}

/** One language's words from a table of texts (every table is keyed by text, then language). */
export function wordsIn<K extends string>(table: Record<K, Localized>, locale: Locale): Record<K, string> {
  return Object.fromEntries(Object.entries<Localized>(table).map(([key, text]) => [key, text[locale]])) as Record<K, string>;
}
