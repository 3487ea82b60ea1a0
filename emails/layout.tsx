/** @jsxImportSource react */
import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import { wordsIn, type Locale, type Localized } from "../src/consent/locales";
import { CONTACTS, fill, ORGANISATION, TRUST_TEXT } from "../src/consent/texts";

/** The name in subjects and the sender line: short, as people say it. */
export const SHORT_NAME: Localized = { kk: "Өрлеу", ru: "Өрлеу", en: "Orleu" };

export const COMMON = {
  expires: {
    kk: "Сілтеме мына уақытқа дейін жарамды: {date}.",
    ru: "Ссылка действует до {date}.",
    en: "The link works until {date}.",
  },
  fallback: {
    kk: "Түйме жұмыс істемесе, мына сілтемені көшіріп, браузерге қойыңыз:",
    ru: "Если кнопка не работает, скопируйте ссылку и вставьте её в адресную строку браузера:",
    en: "If the button doesn’t work, copy this link into your browser’s address bar:",
  },
} satisfies Record<string, Localized>;

const KK_MONTHS = ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"];
const UTC_PLUS_5 = 5 * 3600_000;

/** Kazakhstan's one zone (UTC+5 since 2024), named as people say it rather than "GMT+5". */
const ASTANA_TIME: Localized = { kk: "Астана уақыты", ru: "время Астаны", en: "Astana time" };

/**
 * The deadline in Astana time. workerd's ICU has no Kazakh month names ("2026 M12 24"), so
 * Kazakh is written out as CLDR writes it.
 */
export function formatDeadline(date: Date, locale: Locale): string {
  if (locale === "kk") {
    const local = new Date(date.getTime() + UTC_PLUS_5);
    const time = local.toISOString().slice(11, 16);
    return `${local.getUTCFullYear()} ж. ${local.getUTCDate()} ${KK_MONTHS[local.getUTCMonth()]}, ${time} (${ASTANA_TIME.kk})`;
  }
  const local = new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: "+05:00",
  }).format(date);
  return `${local} (${ASTANA_TIME[locale]})`;
}

const styles = {
  body: { margin: 0, padding: "24px 0", backgroundColor: "#f6f7f9", color: "#1a1a1a", fontFamily: "Arial, Helvetica, sans-serif" },
  container: { maxWidth: "560px", margin: "0 auto", padding: "24px", backgroundColor: "#ffffff", borderRadius: "8px" },
  organisation: { margin: "0 0 16px", fontSize: "14px", color: "#4a4a4a" },
  heading: { margin: "0 0 16px", fontSize: "22px", lineHeight: "28px" },
  text: { margin: "0 0 16px", fontSize: "16px", lineHeight: "24px" },
  button: { display: "inline-block", padding: "12px 20px", borderRadius: "6px", backgroundColor: "#0b4f9c", color: "#ffffff", fontSize: "16px", textDecoration: "none" },
  small: { margin: "0 0 12px", fontSize: "14px", lineHeight: "20px", color: "#4a4a4a" },
  link: { color: "#0b4f9c", wordBreak: "break-all" },
} as const;

/** In every mail, as on every page: who we are, why the person hears from us, the policy, where to ask. */
export function TrustFooter({ locale, policyUrl }: { locale: Locale; policyUrl?: string }) {
  return (
    <Section>
      <Hr />
      <Text style={styles.small}>{ORGANISATION[locale]}</Text>
      <Text style={styles.small}>{TRUST_TEXT.why[locale]}</Text>
      {policyUrl && (
        <Text style={styles.small}>
          <Link href={policyUrl} style={styles.link}>
            {TRUST_TEXT.policy[locale]}
          </Link>
        </Text>
      )}
      <Text style={styles.small}>
        {TRUST_TEXT.questions[locale]}{" "}
        <Link href={`mailto:${CONTACTS.email}`} style={styles.link}>
          {CONTACTS.email}
        </Link>
        ,{" "}
        <Link href={`tel:${CONTACTS.tel}`} style={styles.link}>
          {CONTACTS.phone}
        </Link>
      </Text>
    </Section>
  );
}

interface LayoutProps {
  locale: Locale;
  /** The document's title: the mail's subject, which clients show for a page they open. */
  title: string;
  preview: string;
  heading: string;
  /** What this mail is about, before the button. */
  body: string;
  /** The one thing the mail asks the reader to do: a button to this url. */
  action: { url: string; label: string };
  expiresAt: Date;
  /** "If you did not ask for this…", after the button. */
  ignore: string;
  /** The privacy policy for the footer; none, no link. */
  policyUrl?: string;
}

/** Every outgoing mail: one message, one button, the deadline, and what to do if unasked. */
export function Layout({ locale, title, preview, heading, body, action, expiresAt, ignore, policyUrl }: LayoutProps) {
  const common = wordsIn(COMMON, locale);
  return (
    <Html lang={locale} dir="ltr">
      <Head>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
      </Head>
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.organisation}>{ORGANISATION[locale]}</Text>
          <Heading as="h1" style={styles.heading}>
            {heading}
          </Heading>
          <Text style={styles.text}>{body}</Text>
          <Section style={{ margin: "24px 0" }}>
            <Button href={action.url} style={styles.button}>
              {action.label}
            </Button>
          </Section>
          <Text style={styles.text}>{fill(common.expires, { date: formatDeadline(expiresAt, locale) })}</Text>
          <Text style={styles.small}>
            {common.fallback}{" "}
            <Link href={action.url} style={styles.link}>
              {action.url}
            </Link>
          </Text>
          <Hr />
          <Text style={styles.small}>{ignore}</Text>
          <TrustFooter locale={locale} policyUrl={policyUrl} />
        </Container>
      </Body>
    </Html>
  );
}
