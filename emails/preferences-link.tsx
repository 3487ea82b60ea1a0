/** @jsxImportSource react */
import { wordsIn, type Locale, type Localized } from "../src/consent/locales";
import { fill } from "../src/consent/texts";
import { formatDeadline, Layout, SHORT_NAME } from "./layout";

export interface Props {
  locale: Locale;
  /** The preference page, with its signed token. */
  url: string;
  expiresAt: Date;
  /** The privacy policy for the footer. */
  policyUrl?: string;
}

export const TEXTS = {
  subject: {
    kk: "{org}: хабарлама баптауларыңызға сілтеме",
    ru: "{org}: ссылка на настройки рассылок",
    en: "{org}: your mailing preferences link",
  },
  preview: {
    kk: "Қандай хаттар мен хабарламалар алатыныңызды таңдаңыз. Сілтеменің жарамдылық мерзімі: {date}.",
    ru: "Выберите, какие письма и сообщения получать. Ссылка действует до {date}.",
    en: "Choose which letters and messages you get from us. The link works until {date}.",
  },
  heading: {
    kk: "Хабарлама баптаулары",
    ru: "Настройки рассылок",
    en: "Your mailing preferences",
  },
  body: {
    kk: "Міне, сіз сұраған сілтеме. Ол арқылы бізден қандай хаттар мен хабарламаларды қай арна арқылы алатыныңызды таңдай аласыз.",
    ru: "Вот ссылка, которую вы запросили. По ней можно выбрать, какие письма и сообщения получать от нас и каким способом.",
    en: "Here is the link you asked for. With it you can choose which letters and messages you get from us, and how.",
  },
  button: {
    kk: "Баптауларды ашу",
    ru: "Открыть настройки",
    en: "Manage my preferences",
  },
  ignore: {
    kk: "Сілтемені сіз сұрамаған болсаңыз, бұл хатқа мән бермеңіз: ештеңе өзгермейді.",
    ru: "Если вы не запрашивали ссылку, просто не обращайте внимания на это письмо: ничего не изменится.",
    en: "If you did not ask for this link, ignore this email: nothing will change.",
  },
} satisfies Record<string, Localized>;

export function subject({ locale }: Props): string {
  return fill(TEXTS.subject[locale], { org: SHORT_NAME[locale] });
}

export default function PreferencesLink({ locale, url, expiresAt, policyUrl }: Props) {
  const t = wordsIn(TEXTS, locale);
  return (
    <Layout
      locale={locale}
      title={subject({ locale, url, expiresAt, policyUrl })}
      preview={fill(t.preview, { date: formatDeadline(expiresAt, locale) })}
      heading={t.heading}
      body={t.body}
      action={{ url, label: t.button }}
      expiresAt={expiresAt}
      ignore={t.ignore}
      policyUrl={policyUrl}
    />
  );
}

PreferencesLink.PreviewProps = {
  locale: "kk",
  url: "http://localhost:8787/p/preview-token",
  expiresAt: new Date("2026-12-01T09:00:00Z"),
  policyUrl: "https://orleu-edu.kz/privacy-policy",
} satisfies Props;
