import { raw } from "hono/html";
import { localTime, offsetName } from "../../../consent/ledger-summary";
import type { Locale } from "../../../consent/locales";
import { fill } from "../../../consent/texts";
import type { ImportError } from "../../../store";
import type { ImportView } from "../../import-report";
import { ConsoleLayout } from "./layout";
import { CONSOLE_TEXT, IMPORTS_TEXT } from "./texts";

/**
 * The progress bar's few lines: every second, the import's numbers from
 * /admin/imports/{id}/progress into the bar and the counts; once the status changes (to
 * running, done or failed), the page is loaded again to show it, errors and all. A constant,
 * so that the page's Content-Security-Policy allows exactly this script by its hash.
 */
export const PROGRESS_SCRIPT = `(() => {
  const bar = document.getElementById("import-progress");
  const text = document.getElementById("import-progress-text");
  const poll = async () => {
    try {
      const response = await fetch(bar.dataset.poll, { headers: { Accept: "application/json" } });
      const now = response.ok && !response.redirected ? await response.json() : null;
      if (!now || now.status !== bar.dataset.status) return location.reload();
      bar.max = Math.max(now.rows, 1);
      bar.value = now.progress.rowsProcessed;
      text.textContent = bar.dataset.template.replace("{processed}", now.progress.rowsProcessed).replace("{rows}", now.rows).replace("{percent}", now.progress.percent);
      for (const cell of document.querySelectorAll("[data-count]")) cell.textContent = now[cell.dataset.count];
    } catch {}
    setTimeout(poll, 1000);
  };
  setTimeout(poll, 1000);
})();`;

/** The bar's width and the errors' table; everything else is the console's own style. */
const STYLE = "progress{width:100%;height:1.5rem;margin:.25rem 0}.pages{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:.75rem 0}";

export interface ImportPageProps {
  locale: Locale;
  view: ImportView;
  errors: ImportError[];
  /** The cursor of this page of errors (absent: the first), and of the next (null: none). */
  after?: string;
  next: string | null;
  utcOffsetMinutes: number;
}

/** /admin/imports/{id}: status, counts, a progress bar while the queue works, the errors. */
export function ImportPage({ locale, view, errors, after, next, utcOffsetMinutes }: ImportPageProps) {
  const words = IMPORTS_TEXT;
  const path = `/admin/imports/${view.id}`;
  const working = view.status === "queued" || view.status === "running";
  const { rowsProcessed, percent, chunksFailed } = view.progress;
  const head = (
    <>
      <style>{raw(STYLE)}</style>
      {/* Without JavaScript the page reloads itself while the import runs; with it, the script polls instead. */}
      {working && <noscript>{raw('<meta http-equiv="refresh" content="2">')}</noscript>}
    </>
  );
  return (
    <ConsoleLayout locale={locale} title={`${words.importTitle[locale]} ${view.id}`} path={path} current="imports" signedIn head={head}>
      <p>
        <a href="/admin/imports">{words.allImports[locale]}</a>
      </p>
      <h1>
        {words.importTitle[locale]} <code>{view.id}</code>
      </h1>
      <p class="muted">{fill(CONSOLE_TEXT.timesIn[locale], { offset: offsetName(utcOffsetMinutes) })}</p>
      {view.status === "failed" && (
        <p class="error" role="alert">
          {chunksFailed ? fill(words.chunksFailed[locale], { count: String(chunksFailed) }) : words.queueFailed[locale]}
        </p>
      )}
      <dl class="fields">
        <dt>{words.status[locale]}</dt>
        <dd id="import-status" data-status={view.status}>
          {words[view.status][locale]}
        </dd>
        <dt>{words.format[locale]}</dt>
        <dd>{view.format.toUpperCase()}</dd>
        <dt>{words.started[locale]}</dt>
        <dd>{localTime(view.createdAt, utcOffsetMinutes)}</dd>
        {view.finishedAt && (
          <>
            <dt>{words.finished[locale]}</dt>
            <dd>{localTime(view.finishedAt, utcOffsetMinutes)}</dd>
          </>
        )}
        <dt>{words.rows[locale]}</dt>
        <dd data-count="rows">{view.rows}</dd>
        <dt>{words.imported[locale]}</dt>
        <dd data-count="imported">{view.imported}</dd>
        <dt>{words.unchanged[locale]}</dt>
        <dd data-count="unchanged">{view.unchanged}</dd>
        <dt>{words.rejected[locale]}</dt>
        <dd data-count="rejected">{view.rejected}</dd>
      </dl>
      <h2>
        <label for="import-progress">{words.progress[locale]}</label>
      </h2>
      <progress
        id="import-progress"
        max={Math.max(view.rows, 1)}
        value={rowsProcessed}
        aria-describedby="import-progress-text"
        data-status={view.status}
        data-poll={`${path}/progress`}
        data-template={words.progressText[locale]}
      >
        {percent} %
      </progress>
      <p id="import-progress-text">
        {fill(words.progressText[locale], { processed: String(rowsProcessed), rows: String(view.rows), percent: String(percent) })}
      </p>
      {working && (
        <p class="muted">
          {words.refreshHelp[locale]} <a href={path}>{words.refresh[locale]}</a>
        </p>
      )}
      <h2 id="errors">{words.errorsTitle[locale]}</h2>
      <p class="muted">
        {words.errorsHelp[locale]} {working && words.errorsWhileRunning[locale]}
      </p>
      {errors.length === 0 && after === undefined ? (
        <p>{words.noErrors[locale]}</p>
      ) : (
        <>
          <p>
            <a href={`${path}/errors.csv`} download>
              {words.downloadErrors[locale]}
            </a>
          </p>
          <ErrorsTable locale={locale} errors={errors} />
          <p class="pages">
            {after !== undefined && <a href={`${path}#errors`}>{words.firstErrors[locale]}</a>}
            {next !== null && <a href={`${path}?after=${next}#errors`}>{words.nextErrors[locale]}</a>}
          </p>
        </>
      )}
      {working && <script>{raw(PROGRESS_SCRIPT)}</script>}
    </ConsoleLayout>
  );
}

function ErrorsTable({ locale, errors }: { locale: Locale; errors: ImportError[] }) {
  const words = IMPORTS_TEXT;
  return (
    <div class="scroll" tabindex={0} role="region" aria-labelledby="errors-caption">
      <table>
        <caption id="errors-caption">{words.errorsTitle[locale]}</caption>
        <thead>
          <tr>
            <th scope="col">{words.line[locale]}</th>
            <th scope="col">{words.field[locale]}</th>
            <th scope="col">{words.code[locale]}</th>
            <th scope="col">{words.message[locale]}</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((error) => (
            <tr>
              <td>{error.line}</td>
              <td>{error.path.length ? <code>{error.path.join(".")}</code> : <span class="muted">{words.wholeRow[locale]}</span>}</td>
              <td>
                <code>{error.code}</code>
              </td>
              <td lang="en">{error.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ImportNotFoundPage({ locale, id }: { locale: Locale; id: string }) {
  const words = IMPORTS_TEXT;
  return (
    <ConsoleLayout locale={locale} title={words.notFound[locale]} path="/admin/imports" current="imports" signedIn>
      <h1>{words.notFound[locale]}</h1>
      <p>
        <code>{id}</code>
      </p>
      <p>
        <a href="/admin/imports">{words.allImports[locale]}</a>
      </p>
    </ConsoleLayout>
  );
}
