import type { Channel } from "../../../consent/channels";
import { findTopic } from "../../../consent/catalog";
import type { Locale } from "../../../consent/locales";
import { Layout } from "../layout";
import { BY_CHANNEL, fill, ORGANISATION } from "../../../consent/texts";
import { CONFIRM_TEXT as T, MANAGE_LINK } from "./texts";

export type ConfirmState = "ask" | "confirmed" | "already" | "stale" | "expired";

/**
 * /c/{token}: a double opt-in confirmation. GET only asks (mail scanners follow links);
 * the button's POST confirms.
 */
export function ConfirmPage(props: { locale: Locale; path: string; topic: string; channel: Channel; state: ConfirmState; manageUrl?: string }) {
  const { locale, path, state, manageUrl } = props;
  const words = { topic: findTopic(props.topic)?.title[locale] ?? "", by: BY_CHANNEL[props.channel][locale] };
  const message = { ask: T.ask, confirmed: T.confirmed, already: T.confirmed, stale: T.stale, expired: T.expired }[state][locale];
  return (
    <Layout locale={locale} title={T.title[locale]} organisation={ORGANISATION[locale]} path={path}>
      <h1>{T.title[locale]}</h1>
      <p class={state === "ask" ? undefined : state === "stale" || state === "expired" ? "error" : "notice"} role={state === "ask" ? undefined : "status"}>
        {fill(message, words)}
      </p>
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
