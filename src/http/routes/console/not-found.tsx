import type { Context } from "hono";
import type { AppEnv } from "../../context";
import { ConsoleLayout, type ConsolePage } from "../../pages/console/layout";
import { OPS_TEXT } from "../../pages/console/texts";
import { pageLocaleOf } from "../../pages/request";

/** A record the path names that does not exist: 404, inside the console's layout. */
export function notFoundPage(c: Context<AppEnv>, current: ConsolePage) {
  const locale = pageLocaleOf(c);
  return c.html(
    <ConsoleLayout locale={locale} title={OPS_TEXT.notFound[locale]} path={c.req.path} current={current} signedIn>
      <h1>{OPS_TEXT.notFound[locale]}</h1>
    </ConsoleLayout>,
    404,
  );
}
