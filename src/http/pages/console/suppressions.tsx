import { fill } from "../../../consent/texts";
import { offsetName } from "../../../consent/ledger-summary";
import type { Locale } from "../../../consent/locales";
import type { SuppressionCounts, SuppressionEntry } from "../../../store";
import { ConsoleLayout } from "./layout";
import { ChannelName, Pager, When } from "./ops-parts";
import { CONSOLE_TEXT, OPS_TEXT, SUPPRESSION_KIND_TEXT, SUPPRESSIONS_TEXT } from "./texts";

export interface SuppressionsPageProps {
  locale: Locale;
  counts: SuppressionCounts;
  entries: SuppressionEntry[];
  next: string | null;
  offset: number;
  /** Whether the key may export addresses (contacts:read, as GET /v1/contacts). */
  mayExportAddresses: boolean;
  /** Rows a page, when asked for (kept in the pager's links). */
  limit?: number;
  problem?: "badCursor" | "badLimit";
}

const COUNTED = ["hard_bounce", "complaint", "erased", "erasures"] as const;

/** Counts, a page of hashes (never addresses), and the exports: hashes by GET, addresses by POST. */
export function SuppressionsPage({ locale, counts, entries, next, offset, mayExportAddresses, limit, problem }: SuppressionsPageProps) {
  const words = SUPPRESSIONS_TEXT;
  return (
    <ConsoleLayout locale={locale} title={words.title[locale]} path="/admin/suppressions" current="suppressions" signedIn>
      <h1>{words.title[locale]}</h1>
      {problem && (
        <p class="error" role="alert">
          {OPS_TEXT[problem][locale]}
        </p>
      )}
      <p class="muted">{words.help[locale]}</p>
      <h2>{words.counts[locale]}</h2>
      <dl class="fields">
        {COUNTED.map((key) => (
          <>
            <dt>{words[key][locale]}</dt>
            <dd data-count={key}>{counts[key]}</dd>
          </>
        ))}
      </dl>

      <h2 id="export">{words.exportTitle[locale]}</h2>
      <p>
        <a href="/admin/suppressions/export.csv" download>
          {words.exportHashes[locale]}
        </a>
      </p>
      {mayExportAddresses ? (
        <form method="post" action="/admin/suppressions/export">
          <p class="muted">{words.exportAddressesHelp[locale]}</p>
          <button type="submit">{words.exportAddresses[locale]}</button>
        </form>
      ) : (
        <p class="muted">{words.exportAddressesNeeds[locale]}</p>
      )}

      <h2 id="list">{words.listTitle[locale]}</h2>
      <p class="muted">{fill(CONSOLE_TEXT.timesIn[locale], { offset: offsetName(offset) })}</p>
      {entries.length === 0 ? (
        <p>{OPS_TEXT.empty[locale]}</p>
      ) : (
        <div class="scroll" role="region" aria-labelledby="list" tabindex={0}>
          <table>
            <caption class="muted">{words.listCaption[locale]}</caption>
            <thead>
              <tr>
                <th scope="col">{OPS_TEXT.when[locale]}</th>
                <th scope="col">{words.kind[locale]}</th>
                <th scope="col">{OPS_TEXT.channel[locale]}</th>
                <th scope="col">{words.hash[locale]}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr data-reason={entry.reason}>
                  <td>
                    <When iso={entry.createdAt} offset={offset} />
                  </td>
                  <td>{SUPPRESSION_KIND_TEXT[entry.reason][locale]}</td>
                  <td>{entry.channel === "*" ? words.allChannels[locale] : <ChannelName locale={locale} channel={entry.channel} />}</td>
                  <td>
                    <code>{entry.addressHash}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager locale={locale} path="/admin/suppressions" next={next} query={{ limit: limit ? String(limit) : "" }} />
    </ConsoleLayout>
  );
}
