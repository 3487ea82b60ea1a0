import type { IdentityField } from "../../../consent/identity";
import type { Locale } from "../../../consent/locales";
import { ConsoleLayout } from "./layout";
import { SEARCH_TEXT } from "./texts";

export type SearchNotice = "not_found" | "bad_email" | "bad_phone" | "bad_externalId";

const NOTICES: Record<SearchNotice, keyof typeof SEARCH_TEXT> = {
  not_found: "notFound",
  bad_email: "badEmail",
  bad_phone: "badPhone",
  bad_externalId: "badExternalId",
};

export interface SearchPageProps {
  locale: Locale;
  notice?: SearchNotice;
  /** What was searched for, to correct it: shown in the page, never put in a URL. */
  field?: IdentityField;
  value?: string;
}

/** A POST form: the address searched for stays out of URLs, history and logs. */
export function SearchPage({ locale, notice, field = "email", value = "" }: SearchPageProps) {
  const words = SEARCH_TEXT;
  return (
    <ConsoleLayout locale={locale} title={words.title[locale]} path="/admin/people" current="people" signedIn>
      <h1>{words.title[locale]}</h1>
      {notice && (
        <p class={notice === "not_found" ? "notice" : "error"} role={notice === "not_found" ? "status" : "alert"}>
          {words[NOTICES[notice]][locale]}
        </p>
      )}
      <p class="muted">{words.help[locale]}</p>
      <form class="stack" method="post" action="/admin/people">
        <fieldset>
          <legend>{words.by[locale]}</legend>
          {(["email", "phone", "externalId"] as const).map((option) => (
            <span class="radio">
              <input type="radio" id={`by-${option}`} name="by" value={option} checked={option === field} />
              <label for={`by-${option}`}>{words[option][locale]}</label>
            </span>
          ))}
        </fieldset>
        <label for="value">{words.value[locale]}</label>
        <input id="value" name="value" type="text" required maxlength={320} autocomplete="off" spellcheck={false} value={value} />
        <button type="submit">{words.button[locale]}</button>
      </form>
    </ConsoleLayout>
  );
}
