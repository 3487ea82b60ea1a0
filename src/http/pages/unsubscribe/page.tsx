import { ALL, type Channel } from "../../../consent/channels";
import { findTopic } from "../../../consent/catalog";
import { LOCALES, type Locale, type Localized } from "../../../consent/locales";
import { unsubscribeChoices, type Scope, type UnsubscribeChoice } from "../../../consent/unsubscribe";
import { ContactLinks, Layout } from "../layout";
import { BY_CHANNEL, fill, frameFor, ORGANISATION, TRUST_TEXT } from "../../../consent/texts";
import { MANAGE_LINK } from "../preferences/texts";
import { PAUSE_MONTHS } from "../../../consent/cadence";
import { formatDay } from "../dates";
import { PAUSE_BUTTON, STOP_BUTTON, STOP_CALLS_BUTTON, STOPPED, STOPPED_CALLS, UNSUBSCRIBE_TEXT as T } from "./texts";

interface PageProps {
  locale: Locale;
  /** /u/{token}, without ?lang */
  path: string;
  link: Scope;
  /** A fresh link to the contact's preference page. */
  manageUrl: string;
  /** The addresses the link's channel reaches, masked. */
  addresses: string[];
  /** The privacy policy, when configured (POLICY_URL). */
  policyUrl?: string;
}

/** The placeholders of a scope's sentences, in one language. */
function words(scope: Scope, locale: Locale) {
  const topic = scope.topic === ALL ? undefined : findTopic(scope.topic);
  return { topic: topic?.title[locale] ?? "", by: BY_CHANNEL[scope.channel][locale] };
}

/** A button's label or a stop's result: calls have their own sentences. */
function sentence(tables: { messages: Record<UnsubscribeChoice, Localized>; calls: Partial<Record<UnsubscribeChoice, Localized>> }, choice: UnsubscribeChoice, scope: Scope, locale: Locale) {
  const template = frameFor(scope.channel, tables)[choice] ?? tables.messages[choice];
  return fill(template[locale], words(scope, locale));
}

/** "You receive …" for the link's scope. */
function receives(link: Scope, locale: Locale) {
  const frames = link.topic === ALL ? { messages: T.receivesAll, calls: T.callsAll } : { messages: T.receivesTopic, calls: T.callsTopic };
  return fill(frameFor(link.channel, frames)[locale], words(link, locale));
}

const BUTTONS = { messages: STOP_BUTTON, calls: STOP_CALLS_BUTTON };
const RESULTS = { messages: STOPPED, calls: STOPPED_CALLS };

/** Said above the page's choices: nothing pressed, or the outcome of an undo. */
export type UnsubscribeNotice = "nothing_changed" | "undone" | "cannot_undo";

/**
 * GET /u/{token}: what the link is about and what can be stopped. Changes nothing.
 * `stopped`: the choices already in effect (stoppedChoices), which it neither offers again
 * nor describes as received.
 */
export function UnsubscribePage(props: PageProps & { stopped: ReadonlySet<UnsubscribeChoice>; notice?: UnsubscribeNotice; pause?: { topic: string; until: string } }) {
  const { locale, path, link, manageUrl, addresses, policyUrl, stopped, notice, pause } = props;
  const noticeText = notice && { nothing_changed: T.nothingChanged, undone: T.undone, cannot_undo: T.cannotUndo }[notice][locale];
  return (
    <Layout locale={locale} title={T.title[locale]} organisation={ORGANISATION[locale]} path={path} policyUrl={policyUrl}>
      <h1>{T.title[locale]}</h1>
      {noticeText && (
        <p class={notice === "cannot_undo" ? "error" : "notice"} role="status">
          {noticeText}
        </p>
      )}
      {pause && !stopped.has("link") && <p class="notice">{pausedLine(pause.topic, pause.until, locale)}</p>}
      {stopped.has("link") ? (
        <>
          <p class="notice">{T.alreadyStopped[locale]}</p>
          <Addresses locale={locale} channel={link.channel} addresses={addresses} />
          <UnsubscribeMore locale={locale} path={path} link={link} manageUrl={manageUrl} addresses={addresses} after="link" stopped={stopped} />
        </>
      ) : (
        <>
          <p>{receives(link, locale)}</p>
          <Addresses locale={locale} channel={link.channel} addresses={addresses} />
          <p class="muted">{T.choose[locale]}</p>
          <form method="post" action={`${path}?lang=${locale}`}>
            {unsubscribeChoices(link).map(({ choice, scope }, i) => (
              <button type="submit" name="scope" value={choice} class={i === 0 ? "primary" : undefined}>
                {sentence(BUTTONS, choice, scope, locale)}
              </button>
            ))}
          </form>
          <PauseOffer locale={locale} path={path} link={link} />
        </>
      )}
      <ManageLink locale={locale} url={manageUrl} />
    </Layout>
  );
}

/** Less often rather than never: a break of one or three months, and for a topic with a digest, the digest only. */
function PauseOffer({ locale, path, link }: { locale: Locale; path: string; link: Scope }) {
  const topic = link.topic === ALL ? undefined : findTopic(link.topic);
  const action = `${path}?lang=${locale}`;
  return (
    <section aria-labelledby="pause">
      <h2 id="pause">{T.pauseHeading[locale]}</h2>
      <p class="muted">{T.pauseHint[locale]}</p>
      <form method="post" action={action}>
        {topic ? (
          <fieldset class="stops">
            <legend>{T.pauseWhat[locale]}</legend>
            <div class="choice">
              <input type="radio" id="pause-topic" name="pause" value={topic.key} checked />
              <label for="pause-topic">{fill(T.pauseTopic[locale], { topic: topic.title[locale] })}</label>
            </div>
            <div class="choice">
              <input type="radio" id="pause-all" name="pause" value={ALL} />
              <label for="pause-all">{T.pauseEverything[locale]}</label>
            </div>
          </fieldset>
        ) : (
          <input type="hidden" name="pause" value={ALL} />
        )}
        {PAUSE_MONTHS.map((months) => (
          <button type="submit" name="months" value={String(months)}>
            {PAUSE_BUTTON[months][locale]}
          </button>
        ))}
      </form>
      {topic?.digest && (
        <form method="post" action={action}>
          <p class="muted">{fill(T.digestHint[locale], { topic: topic.title[locale] })}</p>
          <input type="hidden" name="digest" value={topic.key} />
          <button type="submit">{T.digestButton[locale]}</button>
        </form>
      )}
    </section>
  );
}

/** After a pause or a digest choice from the link: what it means, and that nothing else changed. */
export function LessOftenPage(props: PageProps & { topic: string; until?: string }) {
  const { locale, path, manageUrl, policyUrl, topic, until } = props;
  const title = until ? T.pausedTitle[locale] : T.digestTitle[locale];
  const line = until ? pausedLine(topic, until, locale) : fill(T.digestDone[locale], { topic: topicTitle(topic, locale) });
  return (
    <Layout locale={locale} title={title} organisation={ORGANISATION[locale]} path={path} policyUrl={policyUrl}>
      <h1>{title}</h1>
      <div class="notice" role="status">
        <p>{line}</p>
        {until && <p>{T.pauseHint[locale]}</p>}
      </div>
      <ManageLink locale={locale} url={manageUrl} />
    </Layout>
  );
}

const topicTitle = (topic: string, locale: Locale) => (topic === ALL ? "" : (findTopic(topic)?.title[locale] ?? ""));

/** "“Newsletter” is paused until 30 December 2026." or "We will send you nothing until …". */
function pausedLine(topic: string, until: string, locale: Locale): string {
  return fill((topic === ALL ? T.pausedAll : T.pausedTopic)[locale], { topic: topicTitle(topic, locale), until: formatDay(until, locale) });
}

/** "Address: a•••@mail.kz", "Number: +7 701 •••• 67": which of the contact's addresses a scope reaches. */
export function addressLine(channel: Channel | typeof ALL, addresses: string[], locale: Locale): string {
  const label = channel === ALL ? T.forContacts : channel === "email" ? T.forEmail : T.forPhone;
  return fill(label[locale], { addresses: addresses.join(", ") });
}

function Addresses({ locale, channel, addresses }: { locale: Locale; channel: Channel | typeof ALL; addresses: string[] }) {
  return addresses.length > 0 ? <p class="muted">{addressLine(channel, addresses, locale)}</p> : null;
}

/** Fewer mailings rather than none: the way to the preference page. */
function ManageLink({ locale, url }: { locale: Locale; url: string }) {
  return (
    <p>
      <a href={url}>{MANAGE_LINK[locale]}</a>
    </p>
  );
}

/**
 * After POST /u/{token}: what stopped, for which (masked) addresses, and, when this request
 * recorded the withdrawal, the way to undo exactly it (`undo`: its signed reference).
 */
export function StoppedPage(
  props: PageProps & { choice: UnsubscribeChoice; scope: Scope; stopped: ReadonlySet<UnsubscribeChoice>; undo?: string },
) {
  const { locale, path, link, manageUrl, choice, scope, stopped, addresses, policyUrl, undo } = props;
  return (
    <Layout locale={locale} title={T.doneTitle[locale]} organisation={ORGANISATION[locale]} path={path} policyUrl={policyUrl}>
      <h1>{T.doneTitle[locale]}</h1>
      <div class="notice" role="status">
        <p>{sentence(RESULTS, choice, scope, locale)}</p>
        {addresses.length > 0 && <p>{addressLine(scope.channel, addresses, locale)}</p>}
        <p>{T.mayStillArrive[locale]}</p>
      </div>
      {undo && (
        <form method="post" action={`${path}?lang=${locale}`}>
          <p class="muted">{T.undoHint[locale]}</p>
          <input type="hidden" name="undo" value={undo} />
          <button type="submit">{T.undo[locale]}</button>
        </form>
      )}
      <UnsubscribeMore locale={locale} path={path} link={link} manageUrl={manageUrl} addresses={addresses} after={choice} stopped={stopped} />
      <ManageLink locale={locale} url={manageUrl} />
    </Layout>
  );
}

/** The wider choices still open after a narrow one (or when the narrow one is already made). */
function UnsubscribeMore({ locale, path, link, after, stopped }: PageProps & { after: UnsubscribeChoice; stopped: ReadonlySet<UnsubscribeChoice> }) {
  const choices = unsubscribeChoices(link);
  const rest = choices.slice(choices.findIndex((c) => c.choice === after) + 1).filter((c) => !stopped.has(c.choice));
  if (rest.length === 0) return null;
  return (
    <form method="post" action={`${path}?lang=${locale}`} aria-labelledby="more">
      <p id="more">{T.more[locale]}</p>
      {rest.map(({ choice, scope }) => (
        <button type="submit" name="scope" value={choice}>
          {sentence(BUTTONS, choice, scope, locale)}
        </button>
      ))}
    </form>
  );
}

/** Any link that does not verify, in every language: we cannot know the reader's. */
export function InvalidLinkPage({ policyUrl }: { policyUrl?: string }) {
  return (
    <Layout locale="kk" title={LOCALES.map((l) => T.invalidTitle[l]).join(" / ")} organisation={ORGANISATION.kk} policyUrl={policyUrl}>
      {LOCALES.map((locale) => (
        <section lang={locale} class="warning">
          <h1>{T.invalidTitle[locale]}</h1>
          <p>{T.invalidHelp[locale]}</p>
          <p>
            <a href={`/p?lang=${locale}`}>{T.requestNew[locale]}</a>
          </p>
          <p>
            {TRUST_TEXT.questions[locale]} <ContactLinks />
          </p>
        </section>
      ))}
    </Layout>
  );
}
