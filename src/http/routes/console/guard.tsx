import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { z } from "@hono/zod-openapi";
import { fill } from "../../../consent/texts";
import type { Scope } from "../../auth";
import type { AppEnv } from "../../context";
import { ConsoleLayout, type ConsolePage } from "../../pages/console/layout";
import { CONSOLE_TEXT } from "../../pages/console/texts";
import { pageLocaleOf } from "../../pages/request";
import { may } from "./session";

/** A console section behind the /v1 scope its actions need: without it, the 403 page naming the scope. */
export function requirePageScope(scope: Scope, current?: ConsolePage) {
  return createMiddleware<AppEnv>(async (c, next) => (may(c, scope) ? next() : forbiddenPage(c, scope, current)));
}

export function forbiddenPage(c: Context<AppEnv>, scope: Scope, current?: ConsolePage) {
  const locale = pageLocaleOf(c);
  const message = fill(CONSOLE_TEXT.noPermission[locale], { scope });
  return c.html(
    <ConsoleLayout locale={locale} title={message} path={c.req.path} current={current} signedIn>
      <h1>{message}</h1>
    </ConsoleLayout>,
    403,
  );
}

/** Kazakhstan's offset as configured for sending windows; UTC+5 while that setting is unusable (a page must still show). */
export function localOffsetOf(c: Context<AppEnv>): number {
  try {
    return c.var.config.sendingWindows.utcOffsetMinutes;
  } catch {
    return 300;
  }
}

/** Ids in the console's paths are ours ("sc_…", "cmp_…", "key_…"); anything else names nothing. */
export const RECORD_ID = /^[\w-]{1,64}$/;

/** Form fields as strings (a repeated field: each value), whatever the body held. */
export async function formOf(c: Context<AppEnv>): Promise<Record<string, string | string[]>> {
  const body = await c.req.parseBody({ all: true }).catch(() => ({}));
  const fields: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === "string") fields[name] = value;
    else if (Array.isArray(value)) fields[name] = value.filter((v): v is string => typeof v === "string");
  }
  return fields;
}

/** How many rows a list page shows: ?limit= (1 to 200), `size` unless asked. */
export const pageLimit = (size = 50) => z.coerce.number().int().min(1).max(200).default(size);
