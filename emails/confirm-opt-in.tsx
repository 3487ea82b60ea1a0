/** @jsxImportSource react */
import { wordsIn, type Locale, type Localized } from "../src/consent/locales";
import { fill } from "../src/consent/texts";
import { Layout, SHORT_NAME } from "./layout";

export interface Props {
  locale: Locale;
  /** The confirmation link, with its signed token. */
  url: string;
  /** The topic's title in this locale. */
  topicTitle: string;
  /** The channel as it reads after a verb, in this locale: "by email" (BY_CHANNEL in src/consent/texts.ts). */
  channelName: string;
  expiresAt: Date;
}

const TEXTS = {
  subject: {
    kk: "{org}: жазылуды растаңыз — {topic}",
    ru: "{org}: подтвердите подписку — {topic}",
    en: "{org}: confirm your subscription — {topic}",
  },
  preview: {
    kk: "«{topic}» хабарламаларын {channel} алғыңыз келетінін растаңыз.",
    ru: "Подтвердите, что хотите получать сообщения «{topic}» {channel}.",
    en: "Confirm that you want “{topic}” {channel}.",
  },
  heading: {
    kk: "Жазылуды растаңыз",
    ru: "Подтвердите подписку",
    en: "Confirm your subscription",
  },
  body: {
    kk: "«{topic}» хабарламаларын {channel} алғыңыз келетінін растаңыз. Растамайынша біз сізге бұл хабарламаларды жібермейміз.",
    ru: "Подтвердите, что хотите получать сообщения «{topic}» {channel}. Пока вы не подтвердите, мы не будем это присылать.",
    en: "Please confirm that you want to receive “{topic}” {channel}. Until you confirm, we will not send it.",
  },
  button: {
    kk: "Растау",
    ru: "Подтвердить",
    en: "Confirm",
  },
  ignore: {
    kk: "Жазылуды сіз сұрамаған болсаңыз, бұл хатқа мән бермеңіз: растамасаңыз, ештеңе жіберілмейді.",
    ru: "Если вы не подписывались, просто не обращайте внимания на это письмо: без подтверждения мы ничего не пришлём.",
    en: "If you did not ask for this, ignore this email: without your confirmation we will send nothing.",
  },
} satisfies Record<string, Localized>;

function values({ locale, topicTitle, channelName }: Props) {
  return { org: SHORT_NAME[locale], topic: topicTitle, channel: channelName };
}

export function subject(props: Props): string {
  return fill(TEXTS.subject[props.locale], values(props));
}

export default function ConfirmOptIn(props: Props) {
  const t = wordsIn(TEXTS, props.locale);
  return (
    <Layout
      locale={props.locale}
      preview={fill(t.preview, values(props))}
      heading={t.heading}
      body={fill(t.body, values(props))}
      action={{ url: props.url, label: t.button }}
      expiresAt={props.expiresAt}
      ignore={t.ignore}
    />
  );
}

ConfirmOptIn.PreviewProps = {
  locale: "kk",
  url: "http://localhost:8787/c/preview-token",
  topicTitle: "Жаңа курстар",
  channelName: "электрондық пошта арқылы",
  expiresAt: new Date("2026-12-01T09:00:00Z"),
} satisfies Props;
