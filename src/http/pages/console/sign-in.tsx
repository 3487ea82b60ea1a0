import type { Locale } from "../../../consent/locales";
import { ConsoleLayout } from "./layout";
import { SIGN_IN_TEXT } from "./texts";

export type SignInNotice = "bad_key" | "no_scope" | "too_many" | "signed_out" | "sign_in_first";

const NOTICES: Record<SignInNotice, { text: keyof typeof SIGN_IN_TEXT; kind: "error" | "notice" }> = {
  bad_key: { text: "badKey", kind: "error" },
  no_scope: { text: "noScope", kind: "error" },
  too_many: { text: "tooMany", kind: "error" },
  signed_out: { text: "signedOut", kind: "notice" },
  sign_in_first: { text: "signInFirst", kind: "notice" },
};

/** The key goes in a password field, so that it is not shown or kept by the browser's form history. */
export function SignInPage({ locale, next, notice }: { locale: Locale; next: string; notice?: SignInNotice }) {
  const words = SIGN_IN_TEXT;
  const shown = notice && NOTICES[notice];
  return (
    <ConsoleLayout locale={locale} title={words.title[locale]} path="/admin/sign-in" signedIn={false}>
      <h1>{words.title[locale]}</h1>
      {shown && (
        <p class={shown.kind} role={shown.kind === "error" ? "alert" : "status"}>
          {words[shown.text][locale]}
        </p>
      )}
      <p>{words.help[locale]}</p>
      <form class="stack" method="post" action="/admin/sign-in">
        <input type="hidden" name="next" value={next} />
        <label for="key">{words.keyLabel[locale]}</label>
        <input id="key" name="key" type="password" required maxlength={200} autocomplete="current-password" spellcheck={false} />
        <button type="submit">{words.button[locale]}</button>
      </form>
    </ConsoleLayout>
  );
}
