import type { Channel } from "./channels";
import type { Localized } from "./locales";

/** Words a recipient reads on the pages and in the mail alike. */

/** The controller's registered name with its legal form, as the privacy policy writes it (АҚ / АО). */
export const ORGANISATION: Localized = {
  kk: "«Өрлеу» біліктілікті арттырудың ұлттық орталығы» АҚ",
  ru: "АО «Национальный центр повышения квалификации «Өрлеу»»",
  en: "Orleu National Centre for Professional Development JSC",
};

/** The controller's contacts, as the privacy policy gives them (§7.4). */
export const CONTACTS = { email: "kuzhat@orleu-edu.kz", phone: "+7 (7172) 574-600", tel: "+77172574600" } as const;

/** The footer of every page and mail: who we are, why the person hears from us, where to ask. */
export const TRUST_TEXT = {
  why: {
    kk: "Біз сізбен «Өрлеу» ақпараттық жүйелерінде берген келісіміңіз негізінде байланысамыз (Құпиялылық саясатының 3.1-тармағы, 7) және 9) тармақшалары). Келісіміңізді кез келген уақытта қайтарып ала аласыз.",
    ru: "Мы связываемся с вами на основании согласия, которое вы дали в информационных системах «Өрлеу» (п. 3.1, пп. 7 и 9 Политики конфиденциальности). Согласие можно отозвать в любой момент.",
    en: "We contact you on the basis of the consent you gave in Orleu’s information systems (Privacy Policy, clause 3.1, items 7 and 9). You can withdraw it at any time.",
  },
  policy: { kk: "Құпиялылық саясаты", ru: "Политика конфиденциальности", en: "Privacy Policy" },
  questions: { kk: "Сұрақтар бойынша:", ru: "Вопросы:", en: "Questions:" },
} satisfies Record<string, Localized>;

/** "by email", as it reads after a verb in each language; "*" is every channel. Calls have their own sentences. */
export const BY_CHANNEL: Record<Channel | "*", Localized> = {
  email: { kk: "электрондық пошта арқылы", ru: "по электронной почте", en: "by email" },
  sms: { kk: "SMS арқылы", ru: "по SMS", en: "by SMS" },
  voice: { kk: "телефон қоңыраулары арқылы", ru: "телефонными звонками", en: "by phone call" },
  whatsapp: { kk: "WhatsApp арқылы", ru: "в WhatsApp", en: "on WhatsApp" },
  telegram: { kk: "Telegram арқылы", ru: "в Telegram", en: "on Telegram" },
  "*": { kk: "барлық арна арқылы", ru: "по всем каналам", en: "on every channel" },
};

/** Calls are not "sent" or "received": a sentence about a scope picks its call frame for voice. */
export function frameFor<T>(channel: Channel | "*", frames: { messages: T; calls: T }): T {
  return channel === "voice" ? frames.calls : frames.messages;
}

/** Fills {name} placeholders. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? "");
}
