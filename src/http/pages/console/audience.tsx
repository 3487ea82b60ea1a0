import { COMPLAINT_LINES } from "../../../audience/trends";
import { findTopic, TOPICS } from "../../../consent/catalog";
import { CHANNELS } from "../../../consent/channels";
import { localTime, offsetName } from "../../../consent/ledger-summary";
import type { Locale } from "../../../consent/locales";
import { fill } from "../../../consent/texts";
import type { ReachSnapshot } from "../../../store/types";
import { CHANNEL_NAMES } from "../preferences/texts";
import { BarChart, scaleTop, type ChartLine } from "./charts";
import { ConsoleLayout } from "./layout";
import { ChannelName, reasonWords } from "./ops-parts";
import { AUDIENCE_TEXT } from "./texts";

/** The filter as chosen: "" any, "*" recorded for all at once, or one topic / channel. */
export interface AudienceFilter {
  topic: string;
  channel: string;
}

export type TrendKind = "granted" | "withdrawn" | "bounced" | "complained";
export const TREND_KINDS: readonly TrendKind[] = ["granted", "withdrawn", "bounced", "complained"];

export interface AudiencePageProps {
  locale: Locale;
  filter: AudienceFilter;
  /** The filter field whose value is not a choice (the page then shows the form only, 400). */
  badField?: "topic" | "channel";
  reach?: ReachSnapshot;
  days: readonly string[];
  trends: Record<TrendKind, number[]>;
  /** Email over every topic: sent and complaints per day, and their rate (null: nothing sent). */
  email: { sent: number[]; complained: number[]; rates: (number | null)[]; overall: { sent: number; complaints: number; rate: number | null } };
}

const ALLOWED_REASONS = new Set(["explicit_consent", "baseline_consent"]);
const LINES: readonly (ChartLine & { text: "line1" | "line3" })[] = [
  { value: COMPLAINT_LINES[0], color: "#8a4b00", dash: "8 4", text: "line1" },
  { value: COMPLAINT_LINES[1], color: "#a4001d", dash: "3 3", text: "line3" },
];

const numberFormat = (locale: Locale) => new Intl.NumberFormat(locale === "en" ? "en-US" : locale === "ru" ? "ru-RU" : "kk-KZ");
const percentFormat = (locale: Locale) =>
  new Intl.NumberFormat(locale === "en" ? "en-US" : locale === "ru" ? "ru-RU" : "kk-KZ", { style: "percent", maximumSignificantDigits: 2 });

export function AudiencePage(props: AudiencePageProps) {
  const { locale, badField } = props;
  const words = AUDIENCE_TEXT;
  return (
    <ConsoleLayout locale={locale} title={words.title[locale]} path="/admin/audience" current="audience" signedIn>
      <h1>{words.title[locale]}</h1>
      {badField && (
        <p class="error" role="alert">
          {fill(words.badFilter[locale], { field: words[badField][locale] })}
        </p>
      )}
      <FilterForm locale={locale} filter={props.filter} badField={badField} />
      {!badField && (
        <>
          <Reach {...props} />
          <Trends {...props} />
          <ComplaintRate {...props} />
        </>
      )}
    </ConsoleLayout>
  );
}

function FilterForm({ locale, filter, badField }: { locale: Locale; filter: AudienceFilter; badField?: string }) {
  const words = AUDIENCE_TEXT;
  const topics = [
    { value: "", label: words.anyTopic[locale] },
    ...TOPICS.map((topic) => ({ value: topic.key, label: topic.title[locale] })),
    { value: "*", label: words.everyTopic[locale] },
  ];
  const channels = [
    { value: "", label: words.anyChannel[locale] },
    ...CHANNELS.map((channel) => ({ value: channel, label: CHANNEL_NAMES[channel][locale] })),
    { value: "*", label: words.everyChannel[locale] },
  ];
  return (
    <form class="filter" method="get" action="/admin/audience" aria-label={words.filterTitle[locale]}>
      {(
        [
          ["topic", topics],
          ["channel", channels],
        ] as const
      ).map(([field, options]) => (
        <div>
          <label for={`filter-${field}`}>{words[field][locale]}</label>
          <select id={`filter-${field}`} name={field} aria-invalid={badField === field ? "true" : undefined}>
            {options.map((option) => (
              <option value={option.value} selected={option.value === filter[field]}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      ))}
      <button type="submit">{words.show[locale]}</button>
    </form>
  );
}

function Reach({ locale, reach, filter }: AudiencePageProps) {
  const words = AUDIENCE_TEXT;
  const n = numberFormat(locale);
  const cells = (reach?.cells ?? []).filter(
    (cell) => (filter.topic === "" || filter.topic === "*" || cell.topic === filter.topic) && (filter.channel === "" || filter.channel === "*" || cell.channel === filter.channel),
  );
  return (
    <section aria-labelledby="reach">
      <h2 id="reach">{words.reachTitle[locale]}</h2>
      <p class="muted">{words.reachHelp[locale]}</p>
      {!reach ? (
        <p class="notice" data-reach="none">
          {words.notComputed[locale]}
        </p>
      ) : (
        <>
          <p data-computed-at={reach.computedAt}>
            {fill(words.computedAt[locale], { at: `${localTime(reach.computedAt, 300)} (${offsetName(300)})`, contacts: n.format(reach.contacts) })}
          </p>
          {cells.length === 0 ? (
            <p>{words.noCells[locale]}</p>
          ) : (
            <div class="scroll" tabindex={0} role="region" aria-labelledby="reach-caption">
              <table class="reach">
                <caption id="reach-caption">{words.reachCaption[locale]}</caption>
                <thead>
                  <tr>
                    <th scope="col">{words.channel[locale]}</th>
                    <th scope="col">{words.reachable[locale]}</th>
                    <th scope="col">{words.unreachable[locale]}</th>
                  </tr>
                </thead>
                {byTopic(cells).map(([topic, rows]) => (
                  <tbody data-topic={topic}>
                    <tr>
                      <th scope="rowgroup" colspan={3} class="group">
                        {findTopic(topic)?.title[locale] ?? topic}
                      </th>
                    </tr>
                    {rows.map((cell) => (
                      <ReachRow locale={locale} cell={cell} contacts={reach.contacts} />
                    ))}
                  </tbody>
                ))}
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

type ReachCell = ReachSnapshot["cells"][number];

/** The cells grouped by topic, in the snapshot's (the catalog's) order. */
function byTopic(cells: readonly ReachCell[]): [string, ReachCell[]][] {
  const groups = new Map<string, ReachCell[]>();
  for (const cell of cells) groups.set(cell.topic, [...(groups.get(cell.topic) ?? []), cell]);
  return [...groups];
}

/** One topic on one channel: how many may be reached (and how), and why not the others, most first. */
function ReachRow({ locale, cell, contacts }: { locale: Locale; cell: ReachCell; contacts: number }) {
  const words = AUDIENCE_TEXT;
  const n = numberFormat(locale);
  const blocked = Object.entries(cell.reasons)
    .filter(([reason]) => !ALLOWED_REASONS.has(reason))
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  const how = Object.entries(cell.reasons).filter(([reason]) => ALLOWED_REASONS.has(reason));
  const list = (entries: [string, number][], muted = false) => (
    <ul class={muted ? "reasons muted" : "reasons"}>
      {entries.map(([reason, count]) => (
        <li data-reason={reason} data-count={String(count)}>
          {reasonWords(reason, locale)}: {n.format(count)}
        </li>
      ))}
    </ul>
  );
  return (
    <tr data-topic={cell.topic} data-channel={cell.channel}>
      <th scope="row">
        <ChannelName locale={locale} channel={cell.channel} />
      </th>
      <td class={cell.allowed > 0 ? "allowed" : undefined} data-allowed={String(cell.allowed)}>
        <strong>{fill(words.ofContacts[locale], { count: n.format(cell.allowed), total: n.format(contacts) })}</strong>
        {how.length > 0 && list(how, true)}
      </td>
      <td class={blocked.length ? "blocked" : undefined}>{blocked.length === 0 ? <span class="muted">{words.nobodyBlocked[locale]}</span> : list(blocked)}</td>
    </tr>
  );
}

function Trends({ locale, days, trends }: AudiencePageProps) {
  const words = AUDIENCE_TEXT;
  const n = numberFormat(locale);
  return (
    <section aria-labelledby="trends">
      <h2 id="trends">{words.trendsTitle[locale]}</h2>
      <p class="muted">{fill(words.trendsHelp[locale], { from: days[0]!, to: days.at(-1)! })}</p>
      <div class="charts">
        {TREND_KINDS.map((kind) => {
          const values = trends[kind];
          const total = values.reduce((a, b) => a + b, 0);
          const max = Math.max(0, ...values);
          const top = scaleTop(max);
          return (
            <figure class="trend" data-kind={kind} data-total={String(total)}>
              <h3 id={`chart-${kind}`}>{words[kind][locale]}</h3>
              <p id={`summary-${kind}`} class="muted">
                {total === 0 ? words.chartEmpty[locale] : fill(words.chartSummary[locale], { total: n.format(total), max: n.format(max), day: days[values.indexOf(max)]! })}
              </p>
              <p class="scale muted">{fill(words.scaleTop[locale], { max: n.format(top) })}</p>
              <BarChart labelledBy={`chart-${kind} summary-${kind}`} days={days} values={values} top={top} kind={kind} />
              <Axis days={days} />
            </figure>
          );
        })}
      </div>
      <details>
        <summary>{words.numbers[locale]}</summary>
        <div class="scroll" tabindex={0} role="region" aria-label={`${words.trendsTitle[locale]}: ${words.numbers[locale]}`}>
          <table class="numbers" data-table="trends">
            <thead>
              <tr>
                <th scope="col">{words.day[locale]}</th>
                {TREND_KINDS.map((kind) => (
                  <th scope="col">{words[kind][locale]}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {days.map((day, i) => (
                <tr data-day={day}>
                  <th scope="row">{day}</th>
                  {TREND_KINDS.map((kind) => (
                    <td data-kind={kind}>{n.format(trends[kind][i]!)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

function Axis({ days }: { days: readonly string[] }) {
  return (
    <p class="axis muted" aria-hidden="true">
      <span>{days[0]}</span>
      <span>{days.at(-1)}</span>
    </p>
  );
}

function ComplaintRate({ locale, days, email }: AudiencePageProps) {
  const words = AUDIENCE_TEXT;
  const n = numberFormat(locale);
  const pct = percentFormat(locale);
  const { overall } = email;
  const top = Math.max(0.004, scaleTop(Math.max(0, ...email.rates.map((r) => r ?? 0))));
  const verdict = overall.rate === null ? undefined : overall.rate > COMPLAINT_LINES[1] ? "rateAbove3" : overall.rate > COMPLAINT_LINES[0] ? "rateAbove1" : "rateBelow";
  return (
    <section aria-labelledby="rate">
      <h2 id="rate">{words.rateTitle[locale]}</h2>
      <p class="muted">{words.rateHelp[locale]}</p>
      <p id="rate-overall" data-sent={String(overall.sent)} data-complaints={String(overall.complaints)} data-rate={overall.rate === null ? "" : String(overall.rate)}>
        {overall.rate === null
          ? words.rateNoSends[locale]
          : `${fill(words.rateOverall[locale], { complaints: n.format(overall.complaints), sent: n.format(overall.sent), rate: pct.format(overall.rate) })} ${words[verdict!][locale]}`}
      </p>
      <figure class="trend" data-kind="rate">
        <p id="rate-chart" class="muted">
          {words.rateChart[locale]}
        </p>
        <p class="scale muted">{fill(words.scaleTop[locale], { max: pct.format(top) })}</p>
        <BarChart labelledBy="rate-chart rate-overall" days={days} values={email.rates} top={top} kind="rate" lines={LINES} />
        <Axis days={days} />
        <ul class="legend muted">
          {LINES.map((line) => (
            <li>
              <svg width="32" height="8" aria-hidden="true">
                <line x1="0" y1="4" x2="32" y2="4" stroke={line.color} stroke-width="2" stroke-dasharray={line.dash} />
              </svg>{" "}
              {words[line.text][locale]}
            </li>
          ))}
        </ul>
      </figure>
      <details>
        <summary>{words.numbers[locale]}</summary>
        <div class="scroll" tabindex={0} role="region" aria-label={`${words.rateTitle[locale]}: ${words.numbers[locale]}`}>
          <table class="numbers" data-table="rate">
            <thead>
              <tr>
                <th scope="col">{words.day[locale]}</th>
                <th scope="col">{words.sent[locale]}</th>
                <th scope="col">{words.complained[locale]}</th>
                <th scope="col">{words.rate[locale]}</th>
              </tr>
            </thead>
            <tbody>
              {days.map((day, i) => {
                const rate = email.rates[i];
                return (
                  <tr data-day={day}>
                    <th scope="row">{day}</th>
                    <td data-kind="sent">{n.format(email.sent[i]!)}</td>
                    <td data-kind="complained">{n.format(email.complained[i]!)}</td>
                    <td data-kind="rate" data-rate={rate === null || rate === undefined ? "" : String(rate)}>
                      {rate === null || rate === undefined ? <span class="muted">{words.noRate[locale]}</span> : pct.format(rate)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
