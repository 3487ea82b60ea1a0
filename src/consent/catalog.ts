import type { Channel } from "./channels";
import type { Localized } from "./locales";

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
  clause: Clause;
  /** opt_out: allowed with a recorded baseline consent until withdrawn; opt_in: needs an explicit grant. */
  consent: ConsentMode;
  /** Sent on behalf of a partner (§3.1(7), §3.2): needs its own grant, a baseline never covers it. */
  partner: boolean;
  channels: readonly Channel[];
  title: Localized;
  description: Localized;
}

/** What the policy calls each clause, for grouping topics on pages. */
export const CLAUSE_TITLES: Record<Clause, Localized> = {
  "3.1(7)": {
    kk: "Қызметтер, ұсыныстар және жаңалықтар",
    ru: "Услуги, предложения и новости",
    en: "Services, offers and news",
  },
  "3.1(9)": {
    kk: "Жарнама, іс-шаралар және сауалнамалар",
    ru: "Реклама, мероприятия и опросы",
    en: "Advertising, events and surveys",
  },
};

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
    title: { kk: "Қызметтер туралы жаңалықтар", ru: "Новости об услугах", en: "Service updates" },
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
    title: { kk: "Жаңалықтар таратылымы", ru: "Новостная рассылка", en: "Newsletter" },
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
    title: { kk: "Серіктестердің ұсыныстары", ru: "Предложения партнёров", en: "Partner offers" },
    description: {
      kk: "Серіктес ұйымдардың атынан жіберілетін ұсыныстар мен жаңалықтар.",
      ru: "Предложения и новости, которые мы отправляем от имени партнёрских организаций.",
      en: "Offers and news we send on behalf of partner organisations.",
    },
  },
  {
    key: "advertising",
    code: 5,
    clause: "3.1(9)",
    consent: "opt_in",
    partner: false,
    channels: EVERY_CHANNEL,
    title: { kk: "Жарнама және акциялар", ru: "Реклама и акции", en: "Advertising and campaigns" },
    description: {
      kk: "Курстар мен қызметтердің жарнамасы, маркетингтік акциялар.",
      ru: "Реклама курсов и услуг, маркетинговые кампании и акции.",
      en: "Advertising for courses and services, marketing campaigns and promotions.",
    },
  },
  {
    key: "event_invitations",
    code: 6,
    clause: "3.1(9)",
    consent: "opt_out",
    partner: false,
    channels: EVERY_CHANNEL,
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
    title: { kk: "Сауалнамалар мен зерттеулер", ru: "Опросы и исследования", en: "Surveys and research" },
    description: {
      kk: "Оқыту сапасын жақсартуға арналған сауалнамалар мен зерттеулерге қатысуға шақыру.",
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
