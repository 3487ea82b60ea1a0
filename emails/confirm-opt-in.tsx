/** @jsxImportSource react */
import type { Channel } from "../src/consent/channels";
import { wordsIn, type Locale, type Localized } from "../src/consent/locales";
import { BY_CHANNEL, fill, frameFor } from "../src/consent/texts";
import { Layout, SHORT_NAME } from "./layout";

export interface Props {
  locale: Locale;
  /** The confirmation link, with its signed token. */
  url: string;
  /** The topic's title in this locale. */
  topicTitle: string;
  /** The channel the subscription is for: calls have their own sentences. */
  channel: Channel;
  expiresAt: Date;
  /** The privacy policy for the footer. */
  policyUrl?: string;
}

export const TEXTS = {
  subject: {
    kk: "{org}: жазылуды растаңыз — {topic}",
    ru: "{org}: подтвердите подписку — {topic}",
    en: "{org}: confirm your subscription — {topic}",
  },
  preview: {
    kk: "«{topic}» тақырыбындағы хабарламаларды {channel} алғыңыз келетінін растаңыз.",
    ru: "Подтвердите подписку на «{topic}» {channel}.",
    en: "Confirm that you want “{topic}” {channel}.",
  },
  previewCalls: {
    kk: "«{topic}» тақырыбы бойынша сізге қоңырау шалуымызға келісетініңізді растаңыз.",
    ru: "Подтвердите, что согласны на звонки по теме «{topic}».",
    en: "Confirm that we may call you about “{topic}”.",
  },
  heading: {
    kk: "Жазылуды растаңыз",
    ru: "Подтвердите подписку",
    en: "Confirm your subscription",
  },
  body: {
    kk: "«{topic}» тақырыбындағы хабарламаларды {channel} алғыңыз келетінін растаңыз. Растамайынша біз сізге бұл хабарламаларды жібермейміз.",
    ru: "Подтвердите подписку на «{topic}» {channel}. Пока вы не подтвердите подписку, мы не будем присылать эти сообщения.",
    en: "Please confirm that you want to receive “{topic}” {channel}. Until you confirm, we will not send them.",
  },
  bodyCalls: {
    kk: "«{topic}» тақырыбы бойынша сізге қоңырау шалуымызға келісетініңізді растаңыз. Растамайынша біз сізге қоңырау шалмаймыз.",
    ru: "Подтвердите, что согласны на звонки по теме «{topic}». Пока вы не подтвердите, мы не будем вам звонить.",
    en: "Please confirm that we may call you about “{topic}”. Until you confirm, we will not call you.",
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

function values({ locale, topicTitle, channel }: Props) {
  return { org: SHORT_NAME[locale], topic: topicTitle, channel: BY_CHANNEL[channel][locale] };
}

export function subject(props: Props): string {
  return fill(TEXTS.subject[props.locale], values(props));
}

export default function ConfirmOptIn(props: Props) {
  const t = wordsIn(TEXTS, props.locale);
  return (
    <Layout
      locale={props.locale}
      title={subject(props)}
      preview={fill(frameFor(props.channel, { messages: t.preview, calls: t.previewCalls }), values(props))}
      heading={t.heading}
      body={fill(frameFor(props.channel, { messages: t.body, calls: t.bodyCalls }), values(props))}
      action={{ url: props.url, label: t.button }}
      expiresAt={props.expiresAt}
      ignore={t.ignore}
      policyUrl={props.policyUrl}
    />
  );
}

ConfirmOptIn.PreviewProps = {
  locale: "kk",
  url: "http://localhost:8787/c/preview-token",
  topicTitle: "Жаңа курстар",
  channel: "email",
  expiresAt: new Date("2026-12-01T09:00:00Z"),
  policyUrl: "https://orleu-edu.kz/privacy-policy",
} satisfies Props;
