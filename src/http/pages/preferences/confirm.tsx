import type { Channel } from "../../../consent/channels";
import { findTopic } from "../../../consent/catalog";
import type { Locale } from "../../../consent/locales";
import { Layout } from "../layout";
import { addressLine } from "../unsubscribe/page";
import { BY_CHANNEL, fill, frameFor, ORGANISATION } from "../../../consent/texts";
import { CONFIRM_TEXT as T, MANAGE_LINK } from "./texts";

export type ConfirmState = "ask" | "confirmed" | "already" | "stale" | "expired";

/**
 * /c/{token}: a double opt-in confirmation. GET only asks (mail scanners follow links);
 * the button's POST confirms.
 */
export function ConfirmPage(props: {
  locale: Locale;
  path: string;
  topic: string;
  channel: Channel;
  state: ConfirmState;
  manageUrl?: string;
  /** The masked address the confirmation is for, when the link still names one. */
  addresses?: string[];
  policyUrl?: string;
}) {
  const { locale, path, state, manageUrl, addresses = [], policyUrl } = props;
  const ask = frameFor(props.channel, { messages: T.ask, calls: T.askCalls });
  const confirmed = frameFor(props.channel, { messages: T.confirmed, calls: T.confirmedCalls });
  const words = { topic: findTopic(props.topic)?.title[locale] ?? "", by: BY_CHANNEL[props.channel][locale] };
  const message = { ask, confirmed, already: confirmed, stale: T.stale, expired: T.expired }[state][locale];
  return (
    <Layout locale={locale} title={T.title[locale]} organisation={ORGANISATION[locale]} path={path} policyUrl={policyUrl}>
      <h1>{T.title[locale]}</h1>
      <p class={state === "ask" ? undefined : state === "stale" || state === "expired" ? "warning" : "notice"} role={state === "ask" ? undefined : "status"}>
        {fill(message, words)}
      </p>
      {addresses.length > 0 && <p class="muted">{addressLine(props.channel, addresses, locale)}</p>}
      {state === "ask" && (
        <form method="post" action={`${path}?lang=${locale}`}>
          <button type="submit" class="primary">
            {T.button[locale]}
          </button>
        </form>
      )}
      {manageUrl && (
        <p>
          <a href={manageUrl}>{MANAGE_LINK[locale]}</a>
        </p>
      )}
    </Layout>
  );
}
