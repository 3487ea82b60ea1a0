import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { Locale } from "../../../consent/locales";
import { ORGANISATION } from "../../../consent/texts";
import { LanguageSwitch } from "../layout";
import { AUDIENCE_TEXT, CONSOLE_TEXT, IMPORTS_TEXT, OPS_TEXT } from "./texts";

/**
 * The console's pages, in the order of its navigation. A page is listed once it exists;
 * the next ones (audience, send checks and campaigns, imports, suppressions, API keys) add
 * themselves here.
 */
export const CONSOLE_PAGES = [
  { key: "audience", href: "/admin/audience", label: AUDIENCE_TEXT.nav },
  { key: "people", href: "/admin/people", label: CONSOLE_TEXT.people },
  { key: "imports", href: "/admin/imports", label: IMPORTS_TEXT.nav },
  { key: "send-checks", href: "/admin/send-checks", label: OPS_TEXT.sendChecks },
  { key: "campaigns", href: "/admin/campaigns", label: OPS_TEXT.campaigns },
  { key: "suppressions", href: "/admin/suppressions", label: OPS_TEXT.suppressions },
  { key: "api-keys", href: "/admin/api-keys", label: OPS_TEXT.apiKeys },
] as const;
export type ConsolePage = (typeof CONSOLE_PAGES)[number]["key"];

/**
 * One column at 360 px, a wide one at 1440 px; no scripts, nothing fetched from elsewhere.
 * On a phone the header is set tighter (a smaller name, less space between the links, each
 * still at least 34 px tall): with every section listed it took a third of a 360 x 800
 * screen.
 */
const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#f4f5f7}
.bar{background:#0b2f5c;color:#fff}
.bar>div,main{max-width:72rem;margin:0 auto;padding:.75rem 1rem}
.bar>div{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;align-items:center;justify-content:space-between}
.bar a,.bar strong,.bar button{color:#fff}
.brand{font-weight:600}
.bar nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0;align-items:center}
.bar nav a,.bar nav strong{display:inline-block;padding:.5rem .25rem}
.bar form{margin:0}
.bar button{font:inherit;background:none;border:1px solid #fff;border-radius:.25rem;padding:.375rem .75rem;cursor:pointer;min-height:2.5rem}
@media (max-width:40rem){.bar>div{padding:.5rem 1rem;row-gap:0}.brand{font-size:.875rem;line-height:1.35}.bar nav ul{gap:0 .875rem}.bar nav a,.bar nav strong{padding:.3125rem .125rem}.bar button{min-height:2.125rem;padding:.125rem .625rem}}
a{color:#0b4f9c}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,.scroll:focus-visible{outline:3px solid #e8a200;outline-offset:2px}
main{background:#fff;margin-top:1rem;margin-bottom:1rem}
@media (min-width:72rem){main{border-radius:.5rem;padding:1.5rem 2rem}}
h1{font-size:1.5rem;line-height:1.25;margin:.25rem 0 1rem}
h2{font-size:1.1875rem;margin:2rem 0 .5rem}
form.stack{display:grid;gap:.75rem;max-width:32rem;margin:1rem 0}
label{font-weight:600}
input,select{font:inherit;width:100%;min-height:2.75rem;padding:.5rem .75rem;border:2px solid #5a5a5a;border-radius:.375rem;background:#fff}
button{font:inherit;min-height:2.75rem;padding:.5rem 1rem;border-radius:.375rem;border:2px solid #0b4f9c;background:#0b4f9c;color:#fff;cursor:pointer}
button.danger{background:#a4001d;border-color:#a4001d}
fieldset{border:0;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
legend{font-weight:600;padding:0;margin-bottom:.25rem}
.radio{display:flex;gap:.5rem;align-items:center;min-height:2.75rem}
.radio input{width:1.25rem;min-height:0;height:1.25rem;margin:0;accent-color:#0b4f9c}
.radio label{font-weight:400}
.notice{padding:.75rem 1rem;border-left:4px solid #1d6b3a;background:#eef7f1;margin:0 0 1rem}
.error{padding:.75rem 1rem;border-left:4px solid #a4001d;background:#fdeef0;margin:0 0 1rem}
.muted{color:#4a4a4a;font-size:.9375rem}
dl.fields{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.25rem 1rem;margin:0}
dl.fields dt{font-weight:600}
dl.fields dd{margin:0;overflow-wrap:anywhere}
@media (max-width:40rem){dl.fields{grid-template-columns:1fr;gap:0}dl.fields dd{margin-bottom:.5rem}}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;font-size:.9375rem;min-width:100%}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #c4c9d0;padding:.375rem .5rem;text-align:left;vertical-align:top}
thead th{background:#eef1f5}
td.allowed{background:#eef7f1}
td.blocked{background:#fdeef0}
td.unused{color:#595959}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
ul.reasons{list-style:none;margin:0;padding:0}
progress{width:100%;max-width:32rem;height:1.5rem}
.secret{font-size:1rem;padding:.75rem;background:#f4f5f7;border:2px dashed #5a5a5a;display:block;user-select:all}
.checks{display:grid;gap:0 1.25rem;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr))}
.verdict{font-weight:600;display:block}
ol.timeline{list-style:none;margin:0;padding:0}
ol.timeline>li{border-left:4px solid #c4c9d0;padding:.5rem 0 .75rem 1rem;margin:0 0 .75rem}
ol.timeline>li.granted{border-left-color:#1d6b3a}
ol.timeline>li.withdrawn{border-left-color:#a4001d}
ol.timeline h3{font-size:1rem;margin:0 0 .25rem}
code{font-size:.875rem;overflow-wrap:anywhere}
.actions{display:grid;gap:1rem}
@media (min-width:60rem){.actions{grid-template-columns:repeat(3,1fr)}}
.actions section{border:1px solid #c4c9d0;border-radius:.5rem;padding:0 1rem 1rem}
.actions h2{margin-top:1rem}
.actions form{margin:.5rem 0 0;display:grid;gap:.5rem}
form.filter{display:grid;gap:.5rem 1rem;align-items:end;margin:0 0 1rem}
@media (min-width:48rem){form.filter{grid-template-columns:1fr 1fr auto}}
ul.reasons{margin:0;padding:0;list-style:none}
ul.reasons li{margin:.125rem 0}
table.reach th.group{background:#f8f9fb;font-size:1rem;padding-top:.75rem}
@media (max-width:40rem){table.reach{font-size:.875rem}table.reach th,table.reach td{padding:.25rem .375rem;hyphens:auto}}
.charts{display:grid;gap:1rem}
@media (min-width:60rem){.charts{grid-template-columns:1fr 1fr}}
figure.trend{margin:0 0 1rem;border:1px solid #c4c9d0;border-radius:.5rem;padding:0 1rem .5rem}
figure.trend h3{font-size:1rem;margin:.75rem 0 .25rem}
figure.trend p{margin:.25rem 0}
svg.chart{display:block;background:#f8f9fb}
p.axis{display:flex;justify-content:space-between;font-size:.875rem}
ul.legend{list-style:none;padding:0;margin:.25rem 0}
details{margin:.5rem 0 1rem}
summary{cursor:pointer;font-weight:600;padding:.625rem 0}
summary:focus-visible{outline:3px solid #e8a200;outline-offset:2px}
`;

interface ConsoleLayoutProps {
  locale: Locale;
  title: string;
  /** The page's own address without ?lang, for the language switch. */
  path: string;
  /** The navigation entry of this page; none while signed out (no navigation then). */
  current?: ConsolePage;
  signedIn: boolean;
  /** More for the head: a page that refreshes itself while work goes on. */
  head?: Child;
  children: Child;
}

export function ConsoleLayout({ locale, title, path, current, signedIn, head, children }: ConsoleLayoutProps) {
  const words = CONSOLE_TEXT;
  return (
    <>
      {raw("<!doctype html>")}
      <html lang={locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex, nofollow" />
          <title>{`${title} · ${words.console[locale]}`}</title>
          <style>{raw(STYLE)}</style>
          {head}
        </head>
        <body>
          <header class="bar">
            <div>
              <span class="brand">
                {ORGANISATION[locale]}: {words.console[locale]}
              </span>
              {signedIn && (
                <nav aria-label={words.navigation[locale]}>
                  <ul>
                    {CONSOLE_PAGES.map((page) => (
                      <li>{page.key === current ? <strong aria-current="page">{page.label[locale]}</strong> : <a href={page.href}>{page.label[locale]}</a>}</li>
                    ))}
                    <li>
                      <form method="post" action="/admin/sign-out">
                        <button type="submit">{words.signOut[locale]}</button>
                      </form>
                    </li>
                  </ul>
                </nav>
              )}
              <LanguageSwitch locale={locale} path={path} />
            </div>
          </header>
          <main>{children}</main>
        </body>
      </html>
    </>
  );
}
