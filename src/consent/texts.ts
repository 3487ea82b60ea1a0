import type { Channel } from "./channels";
import type { Localized } from "./locales";

/** Words a recipient reads on the pages and in the mail alike. */

export const ORGANISATION: Localized = {
  kk: "«Өрлеу» біліктілікті арттыру ұлттық орталығы",
  ru: "Национальный центр повышения квалификации «Өрлеу»",
  en: "Orleu National Centre for Professional Development",
};

/** "by email", as it reads after a verb in each language; "*" is every channel. */
export const BY_CHANNEL: Record<Channel | "*", Localized> = {
  email: { kk: "электрондық пошта арқылы", ru: "по электронной почте", en: "by email" },
  sms: { kk: "SMS арқылы", ru: "по SMS", en: "by SMS" },
  voice: { kk: "телефон қоңырауы арқылы", ru: "телефонными звонками", en: "by phone call" },
  whatsapp: { kk: "WhatsApp арқылы", ru: "в WhatsApp", en: "on WhatsApp" },
  telegram: { kk: "Telegram арқылы", ru: "в Telegram", en: "on Telegram" },
  "*": { kk: "барлық арна арқылы", ru: "по всем каналам", en: "on every channel" },
};

/** Fills {name} placeholders. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? "");
}
