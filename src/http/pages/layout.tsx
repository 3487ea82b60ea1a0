import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { LOCALES, type Locale } from "../../consent/locales";
import { CONTACTS, ORGANISATION, TRUST_TEXT } from "../../consent/texts";
import { LANGUAGE_NAMES } from "./texts";

/** Small, readable at 360 px, high contrast, no scripts and nothing fetched from elsewhere. */
const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#f6f7f9}
header,main,footer{max-width:36rem;margin:0 auto;padding:1rem}
footer{font-size:.875rem;color:#3d3d3d}
footer p{margin:.375rem 0}
header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;justify-content:space-between;align-items:center;font-size:.9375rem;color:#3d3d3d}
nav ul{display:flex;gap:.5rem;list-style:none;margin:0;padding:0;align-items:center}
nav a,nav strong{display:inline-block;padding:.625rem .375rem}
a{color:#0b4f9c}
a:focus-visible,button:focus-visible{outline:3px solid #0b4f9c;outline-offset:2px}
main{background:#fff}
@media (min-width:36rem){main{border-radius:.5rem}}
h1{font-size:1.5rem;line-height:1.25;margin:.25rem 0 1rem}
form{display:grid;gap:.75rem;margin:1.25rem 0}
button{font:inherit;min-height:3rem;padding:.625rem 1rem;border-radius:.375rem;border:2px solid #0b4f9c;background:#fff;color:#0b4f9c;text-align:left;cursor:pointer}
button.primary{background:#0b4f9c;color:#fff}
.notice{padding:.75rem 1rem;border-left:4px solid #1d6b3a;background:#eef7f1}
.notice p{margin:.25rem 0}
.error{padding:.75rem 1rem;border-left:4px solid #a4001d;background:#fdeef0}
.warning{padding:.75rem 1rem;border-left:4px solid #8a5300;background:#fff4df;margin:0 0 1rem}
.warning p,.warning h1{margin:.25rem 0}
.muted{color:#4a4a4a;font-size:.9375rem}
h2{font-size:1.1875rem;line-height:1.3;margin:1.75rem 0 .75rem}
fieldset{border:1px solid #c4c9d0;border-radius:.5rem;margin:0 0 .875rem;padding:.5rem 1rem .75rem;min-width:0}
legend{font-weight:600;padding:0 .25rem}
fieldset p{margin:.25rem 0 .5rem}
.choice{display:flex;align-items:center;gap:.75rem;min-height:2.75rem}
.choice label{flex:1;padding:.375rem 0;cursor:pointer}
.paused label{color:#595959}
input[type=checkbox],input[type=radio]{width:1.5rem;height:1.5rem;margin:0;flex:none;accent-color:#0b4f9c}
select{font:inherit;min-height:3rem;padding:.5rem .75rem;border:2px solid #5a5a5a;border-radius:.375rem;background:#fff;color:#1a1a1a;max-width:100%}
details summary{cursor:pointer;color:#0b4f9c;padding:.5rem 0;min-height:2.75rem}
input[type=email]{font:inherit;width:100%;min-height:3rem;padding:.5rem .75rem;border:2px solid #5a5a5a;border-radius:.375rem}
input:focus-visible{outline:3px solid #0b4f9c;outline-offset:2px}
form > button[type=submit]:last-child{width:100%}
fieldset.stops{border:0;padding:0;margin:0}
fieldset.topic{border:0;padding:0;margin:0 0 .75rem}
fieldset.topic legend{padding:0}
fieldset.topic p{font-size:.875rem;line-height:1.4;margin:0}
form h2{margin:1rem 0 .5rem}
.channels{display:flex;flex-wrap:wrap;column-gap:1.25rem}
.save-bar{position:sticky;bottom:0;margin:0 -1rem;padding:.625rem 1rem;background:#fff;border-top:1px solid #c4c9d0}
.save-bar button{width:100%}
html:has(.save-bar){scroll-padding-bottom:5rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;

export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** PAGE_CSP for a page with one inline script: that script only (its SHA-256, base64), which may fetch from this origin. */
export function pageCspWithScript(sha256Base64: string): string {
  return `${PAGE_CSP}; script-src 'sha256-${sha256Base64}'; connect-src 'self'`;
}

interface LayoutProps {
  locale: Locale;
  title: string;
  organisation: string;
  /** The page's own address without ?lang, for the language switch; none on pages for every language. */
  path?: string;
  /** The privacy policy (POLICY_URL); unset or unusable, the footer has no link to it. */
  policyUrl?: string;
  children: Child;
}

export function Layout({ locale, title, organisation, path, policyUrl, children }: LayoutProps) {
  return (
    <>
      {raw("<!doctype html>")}
      <html lang={locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex, nofollow" />
          <title>{title}</title>
          <style>{raw(STYLE)}</style>
        </head>
        <body>
          <header>
            <span>{organisation}</span>
            {path && <LanguageSwitch locale={locale} path={path} />}
          </header>
          <main>{children}</main>
          <TrustFooter locale={locale} policyUrl={policyUrl} />
        </body>
      </html>
    </>
  );
}

/** On every page: who we are, why the person hears from us, the policy, and where to ask. */
export function TrustFooter({ locale, policyUrl }: { locale: Locale; policyUrl?: string }) {
  return (
    <footer>
      <p>{ORGANISATION[locale]}</p>
      <p>{TRUST_TEXT.why[locale]}</p>
      {policyUrl && (
        <p>
          <a href={policyUrl}>{TRUST_TEXT.policy[locale]}</a>
        </p>
      )}
      <p>
        {TRUST_TEXT.questions[locale]} <ContactLinks />
      </p>
    </footer>
  );
}

/** The centre's email and phone, both tappable. */
export function ContactLinks() {
  return (
    <>
      <a href={`mailto:${CONTACTS.email}`}>{CONTACTS.email}</a>, <a href={`tel:${CONTACTS.tel}`}>{CONTACTS.phone}</a>
    </>
  );
}

export function LanguageSwitch({ locale, path }: { locale: Locale; path: string }) {
  return (
    <nav aria-label="Тіл / Язык / Language">
      <ul>
        {LOCALES.map((other) =>
          other === locale ? (
            <li>
              <strong aria-current="true" lang={other}>{LANGUAGE_NAMES[other]}</strong>
            </li>
          ) : (
            <li>
              <a href={`${path}?lang=${other}`} hreflang={other} lang={other}>
                {LANGUAGE_NAMES[other]}
              </a>
            </li>
          ),
        )}
      </ul>
    </nav>
  );
}
