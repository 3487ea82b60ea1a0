import { ALL, type Channel } from "../../../consent/channels";
import { clauseIn, CLAUSE_TITLES } from "../../../consent/catalog";
import type { Locale } from "../../../consent/locales";
import type { PreferenceChoices } from "../../../consent/preference-choices";
import { ContactLinks, Layout } from "../layout";
import { STOP_WORDS_SHOWN } from "../../../consent/sms-keywords";
import { BY_CHANNEL, fill, frameFor, ORGANISATION } from "../../../consent/texts";
import { CHANNEL_NAMES, CHANNEL_WORDS, PREFERENCES_TEXT as T, REQUEST_TEXT as R } from "./texts";
import { ActivePauses, PauseOffer } from "./pause";

/** A box (with its topic's title) or a stop switch (no topic) the person moved. */
export interface MovedChoice {
  topic?: string;
  channel: Channel | typeof ALL;
  on: boolean;
}

export type SaveOutcome =
  | {
      kind: "saved";
      changes: number;
      moved: MovedChoice[];
      /** "Digest only" boxes moved, by topic title. */
      digest: { topic: string; on: boolean }[];
      confirmations: { topicTitle: string; mailed: boolean }[];
    }
  | { kind: "invalid" }
  /** A pause or its end, from the page's own small forms: what it means, in a sentence. */
  | { kind: "less_often"; line: string };

interface PageProps {
  locale: Locale;
  /** /p/{token}, without ?lang */
  path: string;
  choices: PreferenceChoices;
  /** The contact's addresses, partly hidden. */
  addresses: string[];
  outcome?: SaveOutcome;
  /** The privacy policy, when configured (POLICY_URL). */
  policyUrl?: string;
}

/**
 * GET /p/{token}: the stop switches first, then every topic the contact can receive,
 * grouped by the policy's clause, one row per topic with a box per channel they can be
 * reached on, and Save in a bar that stays on screen. A plain form: it works without scripts. Hidden "was" fields carry what the page showed, so that the save writes
 * only what the person changed.
 */
export function PreferencesPage({ locale, path, choices, addresses, outcome, policyUrl }: PageProps) {
  const clauses = [...new Set(choices.topics.map((t) => clauseIn(t.topic, locale)))].sort();
  return (
    <Layout locale={locale} title={T.title[locale]} organisation={ORGANISATION[locale]} path={path} policyUrl={policyUrl}>
      <h1>{T.title[locale]}</h1>
      {outcome && <Outcome locale={locale} outcome={outcome} />}
      <p>{T.intro[locale]}</p>
      <p class="muted">
        {T.addresses[locale]} {addresses.join(", ")}
      </p>
      <ActivePauses locale={locale} path={path} choices={choices} />
      <form method="post" action={`${path}?lang=${locale}`}>
        <Paused locale={locale} choices={choices} />
        <section aria-labelledby="stop">
          <h2 id="stop">{T.stopHeading[locale]}</h2>
          <fieldset class="stops" aria-describedby="stop-note">
            <legend class="visually-hidden">{T.stopHeading[locale]}</legend>
            {choices.channels.map((channel) => (
              <Box name="stop" value={channel} checked={choices.stopped[channel] === true} label={stopLabel(channel, locale)} />
            ))}
            <Box name="stop" value={ALL} checked={choices.stoppedAll} label={T.stopAll[locale]} />
          </fieldset>
          <p id="stop-note" class="muted">
            {T.stopNote[locale]}
          </p>
        </section>
        {clauses.map((clause) => (
          <section aria-labelledby={`clause-${clause}`}>
            <h2 id={`clause-${clause}`}>{CLAUSE_TITLES[clause][locale]}</h2>
            {choices.topics
              .filter((t) => clauseIn(t.topic, locale) === clause)
              .map(({ topic, boxes }) => (
                <fieldset class="topic" aria-describedby={`about-${topic.key}`}>
                  <legend>{topic.title[locale]}</legend>
                  <p id={`about-${topic.key}`} class="muted">
                    {topic.description[locale]} {topic.partner && T.partner[locale]}{" "}
                    {boxes.some((b) => b.confirm) && T.confirmByEmail[locale]}
                  </p>
                  <div class="channels">
                    {boxes.map(({ channel, on, awaiting, locked, paused, expired }) => (
                      <Box
                        name="pref"
                        value={`${topic.key}/${channel}`}
                        checked={on}
                        disabled={locked}
                        paused={paused}
                        label={CHANNEL_NAMES[channel][locale]}
                        note={locked ? T.needsEmail[locale] : awaiting ? T.awaiting[locale] : expired ? T.grantExpired[locale] : undefined}
                      />
                    ))}
                    {topic.digest && <Box name="digest" value={topic.key} checked={choices.digest.has(topic.key)} label={T.digestOnly[locale]} />}
                  </div>
                </fieldset>
              ))}
          </section>
        ))}
        {/* Sticky without scripts: Save stays at the foot of the screen while the form is on it. */}
        <div class="save-bar">
          <button type="submit" class="primary">
            {T.save[locale]}
          </button>
        </div>
      </form>
      <PauseOffer locale={locale} path={path} choices={choices} />
    </Layout>
  );
}

/** "Send me nothing by SMS"; "Do not call me". */
function stopLabel(channel: Channel, locale: Locale): string {
  return fill(frameFor(channel, { messages: T.stopChannel, calls: T.stopCalls })[locale], { by: BY_CHANNEL[channel][locale] });
}

/** A checkbox with its label, and a hidden field saying whether it was shown ticked. */
function Box(props: { name: "pref" | "stop" | "digest"; value: string; checked: boolean; disabled?: boolean; paused?: boolean; label: string; note?: string }) {
  const { name, value, checked, disabled, paused, label, note } = props;
  const id = `${name}-${value.replace(/[^a-z0-9_]/gi, "-")}`;
  return (
    <div class={paused ? "choice paused" : "choice"}>
      <input type="hidden" name={`was-${name}`} value={`${value}/${checked ? 1 : 0}`} />
      <input type="checkbox" id={id} name={name} value={value} checked={checked} disabled={disabled} />
      <label for={id}>
        {label}
        {note && <span class="muted"> ({note})</span>}
      </label>
    </div>
  );
}

/** Under an active stop the boxes keep the person's choices, greyed: this says why nothing is sent. */
function Paused({ locale, choices }: { locale: Locale; choices: PreferenceChoices }) {
  const lines = choices.stoppedAll
    ? [T.pausedAll[locale]]
    : choices.channels.filter((channel) => choices.stopped[channel]).map((channel) => fill(frameFor(channel, { messages: T.pausedChannel, calls: T.pausedCalls })[locale], { by: BY_CHANNEL[channel][locale] }));
  if (lines.length === 0) return null;
  return (
    <div class="notice paused-note">
      {lines.map((line) => (
        <p>{line}</p>
      ))}
    </div>
  );
}

function Outcome({ locale, outcome }: { locale: Locale; outcome: SaveOutcome }) {
  if (outcome.kind === "invalid") {
    return (
      <p class="error" role="alert">
        {T.formInvalid[locale]}
      </p>
    );
  }
  if (outcome.kind === "less_often") {
    return (
      <p class="notice" role="status">
        {outcome.line}
      </p>
    );
  }
  return (
    <div class="notice" role="status">
      <p>{outcome.changes > 0 || outcome.confirmations.length > 0 ? T.saved[locale] : T.nothingToSave[locale]}</p>
      {outcome.moved.length > 0 && (
        <ul>
          {outcome.moved.map((m) => (
            <li>{movedLine(m, locale)}</li>
          ))}
        </ul>
      )}
      {outcome.digest.length > 0 && (
        <ul>
          {outcome.digest.map(({ topic, on }) => (
            <li>{fill((on ? T.digestOn : T.digestOff)[locale], { topic })}</li>
          ))}
        </ul>
      )}
      {outcome.confirmations.map(({ topicTitle, mailed }) => (
        <p>{fill(mailed ? T.confirmSent[locale] : T.confirmNotSent[locale], { topic: topicTitle })}</p>
      ))}
    </div>
  );
}

/** A result sentence: "“Newsletter” (email): unsubscribed", "Calls stopped", "All mailings resumed". */
function movedLine({ topic, channel, on }: MovedChoice, locale: Locale): string {
  if (topic !== undefined) return fill((on ? T.topicOn : T.topicOff)[locale], { topic, channel: CHANNEL_WORDS[channel as Channel][locale] });
  if (channel === ALL) return (on ? T.allStopped : T.allResumed)[locale];
  const frames = on ? { messages: T.channelStopped, calls: T.callsStopped } : { messages: T.channelResumed, calls: T.callsResumed };
  return fill(frameFor(channel, frames)[locale], { by: BY_CHANNEL[channel][locale] });
}

export type RequestNotice = "expired" | "invalid" | "sent" | "bad_email" | "too_many";

/** /p: ask for a new link by email; also what an expired or broken link leads to. */
export function LinkRequestPage({ locale, notice, email, policyUrl }: { locale: Locale; notice?: RequestNotice; email?: string; policyUrl?: string }) {
  const message = notice && { expired: R.expired, invalid: R.invalid, sent: R.sent, bad_email: R.badEmail, too_many: R.tooMany }[notice][locale];
  const isError = notice === "bad_email" || notice === "too_many";
  const isDeadLink = notice === "expired" || notice === "invalid";
  return (
    <Layout locale={locale} title={R.title[locale]} organisation={ORGANISATION[locale]} path="/p" policyUrl={policyUrl}>
      <h1>{R.title[locale]}</h1>
      {message && isDeadLink && (
        <div class="warning" role="status">
          <p>{message}</p>
          <p>
            {R.wayForward[locale]} <ContactLinks />
          </p>
        </div>
      )}
      {message && !isDeadLink && (
        <p class={isError ? "error" : "notice"} role={isError ? "alert" : "status"}>
          {message}
        </p>
      )}
      {notice !== "sent" && (
        <>
          <p>{R.help[locale]}</p>
          <form method="post" action={`/p?lang=${locale}`}>
            <label for="email">{R.emailLabel[locale]}</label>
            <input
              type="email"
              id="email"
              name="email"
              value={email}
              required
              autocomplete="email"
              inputmode="email"
              maxlength={254}
              aria-invalid={notice === "bad_email" ? "true" : undefined}
            />
            <button type="submit" class="primary">
              {R.send[locale]}
            </button>
          </form>
          <PhoneOnly locale={locale} />
        </>
      )}
    </Layout>
  );
}

/** The way out for a person we know only by phone: with no SMS gateway to send a link, the STOP reply. */
function PhoneOnly({ locale }: { locale: Locale }) {
  const words = STOP_WORDS_SHOWN[locale];
  const list = `${words.slice(0, -1).join(", ")} ${R.or[locale]} ${words.at(-1)}`;
  return (
    <section aria-labelledby="phone-only">
      <h2 id="phone-only">{R.phoneTitle[locale]}</h2>
      <p>{fill(R.phoneStop[locale], { words: list })}</p>
      <p>
        {R.phoneOther[locale]} <ContactLinks />
      </p>
    </section>
  );
}
