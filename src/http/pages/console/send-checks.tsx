import { fill } from "../../../consent/texts";
import { offsetName } from "../../../consent/ledger-summary";
import type { Locale } from "../../../consent/locales";
import type { SendCheckRecord } from "../../../store";
import { ConsoleLayout } from "./layout";
import { ChannelName, Pager, ReasonCounts, ReasonName, TopicName, When } from "./ops-parts";
import { CONSOLE_TEXT, OPS_TEXT, SEND_CHECKS_TEXT } from "./texts";

export interface SendChecksPageProps {
  locale: Locale;
  checks: SendCheckRecord[];
  next: string | null;
  campaign: string;
  /** Rows a page, when asked for (kept in the pager's links). */
  limit?: number;
  offset: number;
  /** The field that was not usable, named in the form. */
  problem?: "campaign" | "cursor" | "limit";
}

/** Recorded send checks, newest first, with a GET filter by campaign (a label, never an address). */
export function SendChecksPage({ locale, checks, next, campaign, limit, offset, problem }: SendChecksPageProps) {
  const words = SEND_CHECKS_TEXT;
  return (
    <ConsoleLayout locale={locale} title={words.title[locale]} path="/admin/send-checks" current="send-checks" signedIn>
      <h1 id="checks">{words.title[locale]}</h1>
      <p class="muted">{words.help[locale]}</p>
      {problem && (
        <p class="error" role="alert" id="problem">
          {problem === "campaign" ? words.badCampaign[locale] : problem === "limit" ? OPS_TEXT.badLimit[locale] : OPS_TEXT.badCursor[locale]}
        </p>
      )}
      <form class="stack" method="get" action="/admin/send-checks">
        <label for="campaign">{words.campaign[locale]}</label>
        <input
          id="campaign"
          name="campaign"
          type="text"
          maxlength={200}
          value={campaign}
          aria-describedby={problem === "campaign" ? "campaign-help problem" : "campaign-help"}
          aria-invalid={problem === "campaign" ? "true" : undefined}
        />
        <span id="campaign-help" class="muted">
          {words.campaignHelp[locale]}
        </span>
        <button type="submit">{words.filter[locale]}</button>
      </form>
      {campaign && (
        <p>
          <a href="/admin/send-checks">{words.showAll[locale]}</a>
        </p>
      )}
      <p class="muted">{fill(CONSOLE_TEXT.timesIn[locale], { offset: offsetName(offset) })}</p>
      {checks.length === 0 ? (
        <p>{OPS_TEXT.empty[locale]}</p>
      ) : (
        <div class="scroll" role="region" aria-labelledby="checks" tabindex={0}>
          <table>
            <caption class="muted">{words.listCaption[locale]}</caption>
            <thead>
              <tr>
                <th scope="col">{OPS_TEXT.when[locale]}</th>
                <th scope="col">{OPS_TEXT.topic[locale]}</th>
                <th scope="col">{OPS_TEXT.channel[locale]}</th>
                <th scope="col">{words.campaign[locale]}</th>
                <th scope="col">{OPS_TEXT.byKey[locale]}</th>
                <th scope="col" class="num">{words.total[locale]}</th>
                <th scope="col" class="num">{words.allowed[locale]}</th>
                <th scope="col">{words.reasons[locale]}</th>
              </tr>
            </thead>
            <tbody>
              {checks.map((check) => (
                <tr data-send-check={check.id}>
                  <td>
                    <a href={`/admin/send-checks/${check.id}`}>
                      <When iso={check.createdAt} offset={offset} />
                    </a>
                  </td>
                  <td>
                    <TopicName locale={locale} topic={check.topic} />
                  </td>
                  <td>
                    <ChannelName locale={locale} channel={check.channel} />
                  </td>
                  <td>{check.campaign ?? <span class="muted">{OPS_TEXT.none[locale]}</span>}</td>
                  <td>
                    <code>{check.apiKeyId}</code>
                  </td>
                  <td class="num">{check.recipients}</td>
                  <td class="num">{check.allowed}</td>
                  <td>
                    <ReasonCounts locale={locale} reasons={check.reasons} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager locale={locale} path="/admin/send-checks" next={next} query={{ campaign, limit: limit ? String(limit) : "" }} />
    </ConsoleLayout>
  );
}

export function SendCheckPage({ locale, check, offset }: { locale: Locale; check: SendCheckRecord; offset: number }) {
  const words = SEND_CHECKS_TEXT;
  const path = `/admin/send-checks/${check.id}`;
  return (
    <ConsoleLayout locale={locale} title={words.oneTitle[locale]} path={path} current="send-checks" signedIn>
      <h1>
        {words.oneTitle[locale]} <code>{check.id}</code>
      </h1>
      <p class="muted">{fill(CONSOLE_TEXT.timesIn[locale], { offset: offsetName(offset) })}</p>
      <dl class="fields">
        <dt>{OPS_TEXT.when[locale]}</dt>
        <dd>
          <When iso={check.createdAt} offset={offset} />
        </dd>
        <dt>{words.sendAt[locale]}</dt>
        <dd>
          <When iso={check.sendAt} offset={offset} />
        </dd>
        <dt>{OPS_TEXT.topic[locale]}</dt>
        <dd>
          <TopicName locale={locale} topic={check.topic} />
        </dd>
        <dt>{OPS_TEXT.channel[locale]}</dt>
        <dd>
          <ChannelName locale={locale} channel={check.channel} />
        </dd>
        <dt>{words.campaign[locale]}</dt>
        <dd>
          {check.campaign ? <a href={`/admin/send-checks?campaign=${encodeURIComponent(check.campaign)}`}>{check.campaign}</a> : OPS_TEXT.none[locale]}
        </dd>
        <dt>{OPS_TEXT.byKey[locale]}</dt>
        <dd>
          <code>{check.apiKeyId}</code>
        </dd>
        <dt>{words.total[locale]}</dt>
        <dd data-count="recipients">{check.recipients}</dd>
        <dt>{words.allowed[locale]}</dt>
        <dd data-count="allowed">{check.allowed}</dd>
        <dt>{words.blocked[locale]}</dt>
        <dd data-count="blocked">{check.blocked}</dd>
        <dt>{words.kind[locale]}</dt>
        <dd data-flags={`${check.digest ? "digest " : ""}${check.committed ? "committed" : ""}`.trim()}>
          {[check.digest && words.digest[locale], check.committed ? words.committed[locale] : words.notCommitted[locale]].filter(Boolean).join("; ")}
        </dd>
      </dl>
      <h2 id="reasons">{words.reasons[locale]}</h2>
      <div class="scroll" role="region" aria-labelledby="reasons" tabindex={0}>
        <table>
          <caption class="muted">{words.reasonsCaption[locale]}</caption>
          <thead>
            <tr>
              <th scope="col">{words.reason[locale]}</th>
              <th scope="col" class="num">{words.count[locale]}</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(check.reasons)
              .sort(([, a], [, b]) => b - a)
              .map(([reason, n]) => (
                <tr data-reason={reason}>
                  <td>
                    <ReasonName locale={locale} reason={reason} />
                  </td>
                  <td class="num">{n}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
      <p>
        <a href="/admin/send-checks">← {words.title[locale]}</a>
      </p>
    </ConsoleLayout>
  );
}
