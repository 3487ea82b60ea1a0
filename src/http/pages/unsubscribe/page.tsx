import { ALL } from "../../../consent/channels";
import { findTopic } from "../../../consent/catalog";
import { LOCALES, type Locale } from "../../../consent/locales";
import { unsubscribeChoices, type Scope, type UnsubscribeChoice } from "../../../consent/unsubscribe";
import { Layout } from "../layout";
import { BY_CHANNEL, fill, ORGANISATION } from "../../../consent/texts";
import { MANAGE_LINK } from "../preferences/texts";
import { STOP_BUTTON, STOPPED, UNSUBSCRIBE_TEXT as T } from "./texts";

interface PageProps {
  locale: Locale;
  /** /u/{token}, without ?lang */
  path: string;
  link: Scope;
  /** A fresh link to the contact's preference page. */
  manageUrl: string;
}

/** The placeholders of a scope's sentences, in one language. */
function words(scope: Scope, locale: Locale) {
  const topic = scope.topic === ALL ? undefined : findTopic(scope.topic);
  return { topic: topic?.title[locale] ?? "", by: BY_CHANNEL[scope.channel][locale] };
}

/** GET /u/{token}: what the link is about and what can be stopped. Changes nothing. */
export function UnsubscribePage({ locale, path, link, manageUrl, alreadyStopped, nothingChanged }: PageProps & { alreadyStopped: boolean; nothingChanged?: boolean }) {
  const w = words(link, locale);
  return (
    <Layout locale={locale} title={T.title[locale]} organisation={ORGANISATION[locale]} path={path}>
      <h1>{T.title[locale]}</h1>
      {nothingChanged && (
        <p class="notice" role="status">
          {T.nothingChanged[locale]}
        </p>
      )}
      <p>{fill(link.topic === ALL ? T.receivesAll[locale] : T.receivesTopic[locale], w)}</p>
      {alreadyStopped ? (
        <>
          <p class="notice">{T.alreadyStopped[locale]}</p>
          <UnsubscribeMore locale={locale} path={path} link={link} manageUrl={manageUrl} after="link" />
        </>
      ) : (
        <>
          <p class="muted">{T.choose[locale]}</p>
          <form method="post" action={`${path}?lang=${locale}`}>
            {unsubscribeChoices(link).map(({ choice, scope }, i) => (
              <button type="submit" name="scope" value={choice} class={i === 0 ? "primary" : undefined}>
                {fill(STOP_BUTTON[choice][locale], words(scope, locale))}
              </button>
            ))}
          </form>
        </>
      )}
      <ManageLink locale={locale} url={manageUrl} />
    </Layout>
  );
}

/** Fewer mailings rather than none: the way to the preference page. */
function ManageLink({ locale, url }: { locale: Locale; url: string }) {
  return (
    <p>
      <a href={url}>{MANAGE_LINK[locale]}</a>
    </p>
  );
}

/** After POST /u/{token}: what stopped. */
export function StoppedPage({ locale, path, link, manageUrl, choice, scope }: PageProps & { choice: UnsubscribeChoice; scope: Scope }) {
  return (
    <Layout locale={locale} title={T.doneTitle[locale]} organisation={ORGANISATION[locale]} path={path}>
      <h1>{T.doneTitle[locale]}</h1>
      <p class="notice" role="status">
        {fill(STOPPED[choice][locale], words(scope, locale))}
      </p>
      {choice !== "everything" && <UnsubscribeMore locale={locale} path={path} link={link} manageUrl={manageUrl} after={choice} />}
      <ManageLink locale={locale} url={manageUrl} />
    </Layout>
  );
}

/** The wider choices still open after a narrow one (or when the narrow one is already made). */
function UnsubscribeMore({ locale, path, link, after }: PageProps & { after: UnsubscribeChoice }) {
  const choices = unsubscribeChoices(link);
  const rest = choices.slice(choices.findIndex((c) => c.choice === after) + 1);
  if (rest.length === 0) return null;
  return (
    <form method="post" action={`${path}?lang=${locale}`} aria-labelledby="more">
      <p id="more">{T.more[locale]}</p>
      {rest.map(({ choice, scope }) => (
        <button type="submit" name="scope" value={choice}>
          {fill(STOP_BUTTON[choice][locale], words(scope, locale))}
        </button>
      ))}
    </form>
  );
}

/** Any link that does not verify, in every language: we cannot know the reader's. */
export function InvalidLinkPage() {
  return (
    <Layout locale="kk" title={LOCALES.map((l) => T.invalidTitle[l]).join(" / ")} organisation={ORGANISATION.kk}>
      {LOCALES.map((locale) => (
        <section lang={locale}>
          <h1>{T.invalidTitle[locale]}</h1>
          <p>{T.invalidHelp[locale]}</p>
        </section>
      ))}
    </Layout>
  );
}
