import { describe, expect, it } from "vitest";
import { keywordSkeleton, matchSmsKeyword, SMS_KEYWORDS, STOP_WORDS_SHOWN } from "./sms-keywords";

describe("matchSmsKeyword", () => {
  it.each([
    // English
    ["STOP", "stop", "en"],
    ["stop", "stop", "en"],
    ["  Stop!  ", "stop", "en"],
    ["S.T.O.P.", "stop", "en"],
    ["stop all", "stop", "en"],
    ["StopAll", "stop", "en"],
    ["Unsubscribe", "stop", "en"],
    ["cancel", "stop", "en"],
    ["END", "stop", "en"],
    ["quit.", "stop", "en"],
    ["opt-out", "stop", "en"],
    ["ＳＴＯＰ", "stop", "en"], // full-width
    ["start", "start", "en"],
    ["UNSTOP", "start", "en"],
    // Russian
    ["СТОП", "stop", "ru"],
    ["стоп", "stop", "ru"],
    ["Стоп!!!", "stop", "ru"],
    ["CTOП", "stop", "ru"], // Latin C, T, O with Cyrillic П
    ["стоп всё", "stop", "ru"],
    ["стоп все", "stop", "ru"], // Ё typed as Е
    ["Отписка", "stop", "ru"],
    ["отписаться", "stop", "ru"],
    ["отписатся", "stop", "ru"], // soft sign left out
    ["ОТМЕНА", "stop", "ru"],
    ["старт", "start", "ru"],
    ["CTAPT", "start", "ru"], // all Latin look-alikes
    ["Подписаться", "start", "ru"],
    // Kazakh
    ["ТОҚТАТУ", "stop", "kk"],
    ["тоқтату", "stop", "kk"],
    ["токтату", "stop", "kk"], // without Kazakh letters, as phones type it
    ["Тоқтат!", "stop", "kk"],
    ["тоқта", "stop", "kk"],
    ["бас тарту", "stop", "kk"],
    ["Жазылымнан шығу", "stop", "kk"],
    ["жазылымнан шыгу", "stop", "kk"],
    ["toqtatu", "stop", "kk"], // Latin alphabet
    ["ҚОСУ", "start", "kk"],
    ["қосу", "start", "kk"],
    ["косу", "start", "kk"],
    ["қайта қосу", "start", "kk"],
    ["бастау", "start", "kk"],
    ["qosu", "start", "kk"],
  ])("%j is %s (%s)", (text, action, language) => {
    expect(matchSmsKeyword(text)).toMatchObject({ action, language });
  });

  it.each([
    "",
    "   ",
    "!!!",
    "stop it please",
    "please stop",
    "don't stop",
    "STOPP",
    "stop 2",
    "стопка",
    "тоқтатпа",
    "hello",
    "YES", // ambiguous as a reply to anything, unlike START
    "да",
    "stop".repeat(20),
  ])("%j is no keyword", (text) => {
    expect(matchSmsKeyword(text)).toBeUndefined();
  });

  it("matches every listed word as written", () => {
    for (const keyword of SMS_KEYWORDS) expect(matchSmsKeyword(keyword.word)?.action).toBe(keyword.action);
  });

  it("never folds a STOP word and a START word to the same form", () => {
    const stops = new Set(SMS_KEYWORDS.filter((k) => k.action === "stop").map((k) => keywordSkeleton(k.word)));
    const starts = SMS_KEYWORDS.filter((k) => k.action === "start").map((k) => keywordSkeleton(k.word));
    expect(starts.filter((s) => stops.has(s))).toEqual([]);
  });
});

describe("the STOP words pages name", () => {
  it("are STOP keywords, the reader's own language first", () => {
    for (const [locale, words] of Object.entries(STOP_WORDS_SHOWN)) {
      expect(words.map((word) => matchSmsKeyword(word)?.action)).toEqual(words.map(() => "stop"));
      expect(matchSmsKeyword(words[0]!)?.language).toBe(locale);
    }
  });
});
