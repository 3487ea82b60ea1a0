import type { Locale } from "./locales";

/**
 * The words that stop or restart marketing by SMS when they are the whole of a message
 * (docs/sms-keywords.md lists them; test/node/sms-keywords-doc.test.ts keeps the two equal).
 * A word inside a longer message ("please don't stop") is not a keyword.
 */
export type SmsKeywordAction = "stop" | "start";

export interface SmsKeyword {
  word: string;
  action: SmsKeywordAction;
  language: Locale;
}

const words = (action: SmsKeywordAction, language: Locale, list: string[]) => list.map((word) => ({ word, action, language }));

export const SMS_KEYWORDS: readonly SmsKeyword[] = [
  ...words("stop", "en", ["STOP", "STOP ALL", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPT OUT", "OPTOUT", "REVOKE"]),
  ...words("stop", "ru", ["СТОП", "СТОП ВСЁ", "ОТПИСКА", "ОТПИСАТЬСЯ", "ОТПИСАТЬ", "ОТМЕНА", "ОТМЕНИТЬ"]),
  // Cyrillic script, then the Latin alphabet of 2021; typed without Kazakh letters
  // (ТОКТАТУ, КОСУ) they match too, see SKELETON.
  ...words("stop", "kk", ["ТОҚТАТУ", "ТОҚТАТ", "ТОҚТА", "БАС ТАРТУ", "ЖАЗЫЛЫМНАН ШЫҒУ", "TOQTATU", "TOQTAT", "TOQTA"]),
  ...words("start", "en", ["START", "UNSTOP", "SUBSCRIBE", "RESUME"]),
  ...words("start", "ru", ["СТАРТ", "ПОДПИСАТЬСЯ", "ПОДПИСКА", "ВОЗОБНОВИТЬ"]),
  ...words("start", "kk", ["ҚОСУ", "ҚАЙТА ҚОСУ", "БАСТАУ", "ЖАЗЫЛУ", "QOSU", "BASTAU", "JAZYLU"]),
];

/** The STOP words a page names, the reader's language first (a test checks each is a STOP keyword). */
export const STOP_WORDS_SHOWN: Record<Locale, readonly string[]> = {
  kk: ["ТОҚТАТУ", "СТОП", "STOP"],
  ru: ["СТОП", "ОТПИСКА", "STOP"],
  en: ["STOP", "СТОП", "ТОҚТАТУ"],
};

/**
 * Letters folded to one form before comparing: Kazakh letters to the Russian ones phones
 * without a Kazakh keyboard type instead (Қ→К), then Cyrillic letters to the Latin ones
 * they look like (С→C, Т→T), so "CTOП" typed with Latin C, T, O is still СТОП.
 */
const SKELETON: Record<string, string> = {
  Қ: "К", Ғ: "Г", Ң: "Н", Ү: "У", Ұ: "У", Ө: "О", Ә: "А", Һ: "Х",
  А: "A", В: "B", Е: "E", К: "K", М: "M", Н: "H", О: "O", Р: "P", С: "C", Т: "T", У: "Y", Х: "X", І: "I", Ѕ: "S", Ј: "J",
  Ь: "", Ъ: "", // often left out when typing fast
};

/** Keywords are short: a longer message is never one, whatever it contains. */
const MAX_KEYWORD_MESSAGE = 64;

/**
 * The form a message is compared in: accents and other marks dropped (Ё→Е, Й→И), upper
 * case, only letters and digits kept (spaces and punctuation go), then SKELETON.
 */
export function keywordSkeleton(text: string): string {
  const letters = text.normalize("NFKD").replace(/\p{M}/gu, "").toUpperCase().replace(/[^\p{L}\p{N}]/gu, "");
  let skeleton = "";
  for (const letter of letters) {
    const once = SKELETON[letter] ?? letter;
    skeleton += SKELETON[once] ?? once;
  }
  return skeleton;
}

const BY_SKELETON = new Map(SMS_KEYWORDS.map((keyword) => [keywordSkeleton(keyword.word), keyword]));

/** The keyword a whole message is, or undefined. */
export function matchSmsKeyword(text: string): SmsKeyword | undefined {
  if (text.length > MAX_KEYWORD_MESSAGE) return undefined;
  return BY_SKELETON.get(keywordSkeleton(text));
}
