import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { detectFromHeader, type DetectorOptions } from "hono/language";
import type { AppEnv } from "../context";
import { PAGE_CSP } from "./layout";
import { localeOf, LOCALES, type Locale } from "../../consent/locales";

/**
 * No caching, no indexing, no referrer (the token is the credential), no scripts: unless a
 * page set its own policy allowing exactly its own inline script (pageCspWithScript).
 */
export const pageHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  c.header("Cache-Control", "no-store");
  c.header("X-Robots-Tag", "noindex, nofollow");
  if (!c.res.headers.has("Content-Security-Policy")) c.header("Content-Security-Policy", PAGE_CSP);
});

const LANGUAGE_COOKIE = "lang";
/** Requests whose response already sets the cookie: a page may ask for its language twice. */
const remembered = new WeakSet<Context>();
const YEAR_SECONDS = 365 * 86_400;

/** Hono's language detection, used only for the browser's Accept-Language ("ru-RU" is ru). */
const HEADER_DETECTION: DetectorOptions = {
  order: ["header"],
  lookupQueryString: "lang",
  lookupCookie: LANGUAGE_COOKIE,
  lookupFromPathIndex: 0,
  lookupFromHeaderKey: "accept-language",
  caches: false,
  ignoreCase: true,
  fallbackLanguage: "kk",
  supportedLanguages: [...LOCALES],
};

/**
 * The language of a page: ?lang= when it names one (and then remembered in a cookie for
 * every later page), else the remembered one, else the contact's, else (a page about
 * nobody yet: the link request form, a broken link) the browser's Accept-Language, else
 * Kazakh. The cookie holds only the language.
 */
export function pageLocaleOf(c: Context<AppEnv>, contactLocale?: string): Locale {
  const requested = c.req.query("lang");
  const chosen = (LOCALES as readonly string[]).includes(requested ?? "");
  const browser = contactLocale === undefined ? detectFromHeader(c, HEADER_DETECTION) : undefined;
  const locale = localeOf(chosenPageLocale(c), contactLocale, browser);
  if (chosen && getCookie(c, LANGUAGE_COOKIE) !== locale && !remembered.has(c)) {
    remembered.add(c);
    setCookie(c, LANGUAGE_COOKIE, locale, {
      path: "/",
      maxAge: YEAR_SECONDS,
      sameSite: "Lax",
      httpOnly: true,
      secure: new URL(c.req.url).protocol === "https:",
    });
  }
  return locale;
}

/** The language the request itself names (?lang=, else the cookie), if it is one we write in: pageLocaleOf's first choice. */
export function chosenPageLocale(c: Context<AppEnv>): Locale | null {
  const requested = c.req.query("lang");
  const candidate = (LOCALES as readonly string[]).includes(requested ?? "") ? requested : getCookie(c, LANGUAGE_COOKIE);
  return (LOCALES as readonly string[]).includes(candidate ?? "") ? (candidate as Locale) : null;
}
