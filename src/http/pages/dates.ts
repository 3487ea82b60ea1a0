import type { Locale } from "../../consent/locales";

// workerd's ICU has no Kazakh month names (emails/layout.tsx writes them out the same way).
const KK_MONTHS = ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"];
const UTC_PLUS_5 = 5 * 3600_000;

/** A day in Astana time, as a reader writes it: "2026 ж. 30 желтоқсан", "30 декабря 2026 г.", "December 30, 2026". */
export function formatDay(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (locale === "kk") {
    const local = new Date(date.getTime() + UTC_PLUS_5);
    return `${local.getUTCFullYear()} ж. ${local.getUTCDate()} ${KK_MONTHS[local.getUTCMonth()]}`;
  }
  return new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", day: "numeric", timeZone: "+05:00" }).format(date);
}
