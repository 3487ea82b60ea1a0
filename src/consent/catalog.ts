import type { Channel } from "./channels";
import type { Locale, Localized } from "./locales";

/**
 * The topic catalog, derived from the privacy policy's purposes §3.1(7) and §3.1(9).
 * It lives in code, not in a table: the decision needs it on every check, it changes only
 * with a reviewed change of the policy, and its texts are read by recipients.
 * docs/topics.md explains each choice of consent mode.
 */
export const CLAUSES = ["3.1(7)", "3.1(9)"] as const;
export type Clause = (typeof CLAUSES)[number];

export type ConsentMode = "opt_in" | "opt_out";

export interface Topic {
  key: string;
  /** The topic's number inside signed links (src/signing): fixed for good, never reused. */
  code: number;
  /** The clause of the Russian text of the policy (the one the API reports). */
  clause: Clause;
  /** The clause of the Kazakh text, where it differs. */
  kkClause?: Clause;
  /** opt_out: allowed with a recorded baseline consent until withdrawn; opt_in: needs an explicit grant. */
  consent: ConsentMode;
  /** Sent on behalf of a partner (§3.1(7), §3.2): needs its own grant, a baseline never covers it. */
  partner: boolean;
  channels: readonly Channel[];
  /** How long a grant holds, in calendar months from when it occurred; none: until withdrawn (docs/topics.md). */
  lifespanMonths?: number;
  /** The topic has a monthly digest campaign: a person may choose "digest only" (docs/topics.md). */
  digest: boolean;
  title: Localized;
  description: Localized;
}

/**
 * What the policy calls each clause, for grouping topics on pages. The Kazakh text of the
 * policy groups §3.1 differently (advertising in 7), no partners, 9) "marketing research
 * and events"): Kazakh headings follow it, and so does `kkClause` (docs/topics.md).
 */
export const CLAUSE_TITLES: Record<Clause, Localized> = {
  "3.1(7)": {
    kk: "Жаңалықтар, ұсыныстар және жарнама",
    ru: "Услуги, предложения и новости",
    en: "Services, offers and news",
  },
  "3.1(9)": {
    kk: "Маркетингтік зерттеулер мен іс-шаралар",
    ru: "Реклама, мероприятия и опросы",
    en: "Advertising, events and surveys",
  },
};

/** The clause a topic is grouped under in a language: the Kazakh policy's own numbering for kk. */
export function clauseIn(topic: Topic, locale: Locale): Clause {
  return locale === "kk" ? (topic.kkClause ?? topic.clause) : topic.clause;
}

const MESSAGING: readonly Channel[] = ["email", "sms", "whatsapp", "telegram"];
const EVERY_CHANNEL: readonly Channel[] = ["email", "sms", "voice", "whatsapp", "telegram"];

export const TOPICS: readonly Topic[] = [
  {
    key: "service_updates",
    code: 1,
    clause: "3.1(7)",
    consent: "opt_out",
    partner: false,
    channels: MESSAGING,
    digest: false,
    title: { kk: "Жаңа курстар мен қызметтер", ru: "Новые курсы и услуги", en: "New courses and services" },
    description: {
      kk: "Жаңа курстар және қызметтер тізіміндегі өзгерістер туралы хабарламалар.",
      ru: "Сообщения о новых курсах и изменениях в перечне услуг.",
      en: "News about new courses and changes to the services we offer.",
    },
  },
  {
    key: "offers_prices",
    code: 2,
    clause: "3.1(7)",
    consent: "opt_out",
    partner: false,
    channels: MESSAGING,
    digest: false,
    title: { kk: "Арнайы ұсыныстар мен бағалар", ru: "Специальные предложения и цены", en: "Offers and prices" },
    description: {
      kk: "Жеңілдіктер, арнайы ұсыныстар және курстардың бағасы туралы ақпарат.",
      ru: "Скидки, специальные предложения и стоимость курсов.",
      en: "Discounts, special offers and course prices.",
    },
  },
  {
    key: "newsletter",
    code: 3,
    clause: "3.1(7)",
    consent: "opt_out",
    partner: false,
    channels: ["email", "whatsapp", "telegram"],
    digest: true,
    title: { kk: "Жаңалықтар хаты", ru: "Информационное письмо", en: "Newsletter" },
    description: {
      kk: "«Өрлеу» орталығының жаңалықтары мен пайдалы материалдары бар тұрақты хат.",
      ru: "Регулярное письмо с новостями центра «Өрлеу» и полезными материалами.",
      en: "A regular letter with news and useful materials from the Orleu centre.",
    },
  },
  {
    key: "partner_offers",
    code: 4,
    clause: "3.1(7)",
    consent: "opt_in",
    partner: true,
    channels: ["email", "sms"],
    lifespanMonths: 24,
    digest: false,
    title: { kk: "Серіктестердің ұсыныстары", ru: "Предложения партнёров", en: "Partner offers" },
    description: {
      kk: "«Өрлеу» серіктес ұйымдарының ұсыныстары мен жаңалықтары.",
      ru: "Предложения и новости организаций-партнёров «Өрлеу».",
      en: "Offers and news from Orleu’s partner organisations.",
    },
  },
  {
    key: "advertising",
    code: 5,
    clause: "3.1(9)",
    kkClause: "3.1(7)",
    consent: "opt_in",
    partner: false,
    channels: EVERY_CHANNEL,
    lifespanMonths: 24,
    digest: false,
    title: { kk: "Жарнама және акциялар", ru: "Реклама и акции", en: "Advertising and promotions" },
    description: {
      kk: "Курстар мен қызметтердің жарнамасы, акциялар. Тек сіздің жеке келісіміңізбен.",
      ru: "Реклама курсов и услуг, акции. Только с вашего отдельного согласия.",
      en: "Advertising for courses and services, and promotions. Only with your separate consent.",
    },
  },
  {
    key: "event_invitations",
    code: 6,
    clause: "3.1(9)",
    consent: "opt_out",
    partner: false,
    channels: EVERY_CHANNEL,
    digest: false,
    title: { kk: "Іс-шараларға шақырулар", ru: "Приглашения на мероприятия", en: "Event invitations" },
    description: {
      kk: "Орталық өткізетін конференцияларға, семинарларға және көрмелерге шақырулар.",
      ru: "Приглашения на конференции, семинары и выставки, которые проводит центр.",
      en: "Invitations to conferences, seminars and exhibitions held by the centre.",
    },
  },
  {
    key: "surveys_research",
    code: 7,
    clause: "3.1(9)",
    consent: "opt_out",
    partner: false,
    channels: EVERY_CHANNEL,
    digest: false,
    title: { kk: "Сауалнамалар мен зерттеулер", ru: "Опросы и исследования", en: "Surveys and research" },
    description: {
      kk: "Оқыту сапасын жақсартуға арналған сауалнамалар мен зерттеулерге қатысуға шақырулар.",
      ru: "Приглашения пройти опрос или принять участие в исследовании, чтобы улучшить обучение.",
      en: "Invitations to answer a survey or take part in research that improves our courses.",
    },
  },
];

const TOPICS_BY_KEY = new Map(TOPICS.map((topic) => [topic.key, topic]));

/** Every topic's key, in catalog order: the values a request may name. */
export const TOPIC_KEYS = TOPICS.map((topic) => topic.key) as [string, ...string[]];

export function findTopic(key: string): Topic | undefined {
  return TOPICS_BY_KEY.get(key);
}

/** When a grant of `topic` given at `since` stops holding; undefined for a topic without a lifespan. */
export function grantExpiresAt(topic: Topic, since: string): Date | undefined {
  return topic.lifespanMonths === undefined ? undefined : addMonths(new Date(since), topic.lifespanMonths);
}

/** Whether a grant of `topic` given at `since` still holds at `at`. */
export function grantHolds(topic: Topic, since: string, at: Date): boolean {
  const expiresAt = grantExpiresAt(topic, since);
  return expiresAt === undefined || at.getTime() < expiresAt.getTime();
}

/** `months` calendar months later (or earlier, negative), the day clamped to the month's last (31 Jan + 1 = 28/29 Feb). */
export function addMonths(date: Date, months: number): Date {
  const target = new Date(date.getTime());
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return target;
}

/** Per topic with a lifespan: grants that occurred before `grantedBefore` expire before `date`. */
export function lifespanCutoffs(date: Date): { topic: string; grantedBefore: string }[] {
  return TOPICS.filter((topic) => topic.lifespanMonths !== undefined).map((topic) => ({
    topic: topic.key,
    grantedBefore: addMonths(date, -topic.lifespanMonths!).toISOString(),
  }));
}
