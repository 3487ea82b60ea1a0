import { localTime, offsetName } from "../../../consent/ledger-summary";
import type { Locale } from "../../../consent/locales";
import { fill } from "../../../consent/texts";
import type { ImportView } from "../../import-report";
import { ConsoleLayout } from "./layout";
import { CONSOLE_TEXT, IMPORTS_TEXT } from "./texts";

/** How many imports the list shows. */
export const RECENT_IMPORTS = 50;

/** What was wrong with an upload, and the form field it is about. */
export interface UploadProblem {
  field: "file" | "format";
  text: "noFile" | "unknownFormat" | "tooLarge" | "refused" | "malformed";
  /** The import machinery's own account of a file refused as a whole (English, as /v1 gives it). */
  detail?: string;
  issues?: { path: (string | number)[]; message: string }[];
}

export type FormatChoice = "auto" | "csv" | "ndjson";

export interface ImportsPageProps {
  locale: Locale;
  imports: ImportView[];
  utcOffsetMinutes: number;
  problem?: UploadProblem;
  format?: FormatChoice;
}

/** /admin/imports: the upload form and the latest imports, newest first. */
export function ImportsPage({ locale, imports, utcOffsetMinutes, problem, format = "auto" }: ImportsPageProps) {
  const words = IMPORTS_TEXT;
  // The field at fault is marked, and described by the problem (the format also by its help).
  const wrong = (field: UploadProblem["field"]) => problem?.field === field;
  const described = (field: UploadProblem["field"], help?: string) => [wrong(field) ? "upload-problem" : "", help ?? ""].filter(Boolean).join(" ") || undefined;
  return (
    <ConsoleLayout locale={locale} title={words.title[locale]} path="/admin/imports" current="imports" signedIn>
      <h1>{words.title[locale]}</h1>
      {problem && (
        <div id="upload-problem" class="error" role="alert">
          <p>
            <strong>{words[problem.field][locale]}</strong>: {words[problem.text][locale]}
          </p>
          {problem.detail && <p lang="en">{problem.detail}</p>}
          {problem.issues && (
            <ul lang="en">
              {problem.issues.map((issue) => (
                <li>
                  <code>{issue.path.join(".")}</code>: {issue.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <p class="muted">{words.uploadHelp[locale]}</p>
      {/* The format comes before the file: the upload is read as it arrives (src/http/multipart.ts). */}
      <form class="stack" method="post" action="/admin/imports" enctype="multipart/form-data">
        <label for="format">{words.format[locale]}</label>
        <select id="format" name="format" aria-invalid={wrong("format") ? "true" : undefined} aria-describedby={described("format", "format-help")}>
          <option value="auto" selected={format === "auto"}>
            {words.formatAuto[locale]}
          </option>
          <option value="csv" selected={format === "csv"}>
            CSV
          </option>
          <option value="ndjson" selected={format === "ndjson"}>
            NDJSON
          </option>
        </select>
        <p id="format-help" class="muted" style="margin:0">
          {words.formatHelp[locale]}
        </p>
        <label for="file">{words.file[locale]}</label>
        <input
          id="file"
          name="file"
          type="file"
          required
          accept=".csv,.ndjson,.jsonl,text/csv,application/x-ndjson"
          aria-invalid={wrong("file") ? "true" : undefined}
          aria-describedby={described("file")}
        />
        <button type="submit">{words.button[locale]}</button>
      </form>
      <h2>{words.recentTitle[locale]}</h2>
      {imports.length === 0 ? (
        <p>{words.recentEmpty[locale]}</p>
      ) : (
        <>
          <p class="muted">
            {fill(words.recentHelp[locale], { count: String(RECENT_IMPORTS) })} {fill(CONSOLE_TEXT.timesIn[locale], { offset: offsetName(utcOffsetMinutes) })}
          </p>
          <div class="scroll" tabindex={0} role="region" aria-labelledby="recent-caption">
            <table>
              <caption id="recent-caption">{words.recentTitle[locale]}</caption>
              <thead>
                <tr>
                  <th scope="col">{words.started[locale]}</th>
                  <th scope="col">{words.status[locale]}</th>
                  <th scope="col">{words.format[locale]}</th>
                  <th scope="col">{words.rows[locale]}</th>
                  <th scope="col">{words.imported[locale]}</th>
                  <th scope="col">{words.unchanged[locale]}</th>
                  <th scope="col">{words.rejected[locale]}</th>
                </tr>
              </thead>
              <tbody>
                {imports.map((item) => (
                  <tr data-import={item.id}>
                    <th scope="row">
                      <a href={`/admin/imports/${item.id}`}>{localTime(item.createdAt, utcOffsetMinutes)}</a>
                    </th>
                    <td data-status={item.status}>{words[item.status][locale]}</td>
                    <td>{item.format.toUpperCase()}</td>
                    <td>{item.rows}</td>
                    <td>{item.imported}</td>
                    <td>{item.unchanged}</td>
                    <td>{item.rejected}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </ConsoleLayout>
  );
}
