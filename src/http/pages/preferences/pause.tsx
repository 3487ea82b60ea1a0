import { ALL, type Channel } from "../../../consent/channels";
import { PAUSE_MONTHS } from "../../../consent/cadence";
import { findTopic } from "../../../consent/catalog";
import type { Locale } from "../../../consent/locales";
import type { PreferenceChoices } from "../../../consent/preference-choices";
import { BY_CHANNEL, fill } from "../../../consent/texts";
import { formatDay } from "../dates";
import { PAUSE_BUTTON, UNSUBSCRIBE_TEXT as U } from "../unsubscribe/texts";
import { PREFERENCES_TEXT as T } from "./texts";

// The preference page's "less often" parts (docs/preferences.md): the pauses running now, and
// a folded form to take a break. Each is a small form of its own beside the page's main one.

/** A pause's sentence: a topic, a channel, or everything, and the day it ends. */
export function pauseLine(pause: { topic: string; channel: string; until: string }, locale: Locale): string {
  const until = formatDay(pause.until, locale);
  const topic = findTopic(pause.topic);
  if (topic) return fill(U.pausedTopic[locale], { topic: topic.title[locale], until });
  if (pause.channel === ALL) return fill(U.pausedAll[locale], { until });
  return fill(T.pausedChannelUntil[locale], { by: BY_CHANNEL[pause.channel as Channel][locale], until });
}

/** The pauses running now, each with a button that ends it (a form of its own: Save is not needed). */
export function ActivePauses({ locale, path, choices }: { locale: Locale; path: string; choices: PreferenceChoices }) {
  if (choices.pauses.length === 0) return null;
  return (
    <form method="post" action={`${path}?lang=${locale}`} class="notice paused-note">
      {choices.pauses.map((pause, i) => (
        <>
          <p id={`pause-${i}`}>{pauseLine(pause, locale)}</p>
          <button type="submit" name="resume" value={`${pause.topic}/${pause.channel}`} aria-describedby={`pause-${i}`}>
            {T.resume[locale]}
          </button>
        </>
      ))}
    </form>
  );
}

/** A break of one or three months, folded away (no script): a topic on every channel, or everything; the buttons as on /u. */
export function PauseOffer({ locale, path, choices }: { locale: Locale; path: string; choices: PreferenceChoices }) {
  return (
    <details>
      <summary>{T.pauseSummary[locale]}</summary>
      <p class="muted">{U.pauseHint[locale]}</p>
      <form method="post" action={`${path}?lang=${locale}`}>
        <label for="pause-what">{U.pauseWhat[locale]}</label>
        <select id="pause-what" name="pause">
          <option value={ALL}>{U.pauseEverything[locale]}</option>
          {choices.topics.map(({ topic }) => (
            <option value={topic.key}>{topic.title[locale]}</option>
          ))}
        </select>
        {PAUSE_MONTHS.map((months) => (
          <button type="submit" name="months" value={String(months)}>
            {PAUSE_BUTTON[months][locale]}
          </button>
        ))}
      </form>
    </details>
  );
}
