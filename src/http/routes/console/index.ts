import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../context";
import { CONSOLE_PAGES } from "../../pages/console/layout";
import { pageHeaders } from "../../pages/request";
import { audienceRoutes } from "./audience";
import { peopleRoutes } from "./people";
import { requireSession } from "./session";
import { signInRoutes } from "./sign-in";

/** Unsafe requests to the console are HTML forms or nothing, so that the CSRF check below sees every one. */
const formsOnly = createMiddleware<AppEnv>(async (c, next) => {
  const unsafe = !["GET", "HEAD", "OPTIONS"].includes(c.req.method);
  const type = c.req.header("Content-Type") ?? "";
  if (unsafe && !/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) return c.text("Send an HTML form.", 415);
  await next();
});

/**
 * /admin: the operators' console (docs/console.md). Server-rendered, no scripts; every
 * form POST must come from the console's own origin (Origin or Sec-Fetch-Site: hono/csrf)
 * and carries the session cookie only from there (SameSite=Strict).
 */
export const consoleRoutes = new Hono<AppEnv>()
  .use("*", pageHeaders)
  .use("*", formsOnly)
  .use("*", (c, next) => csrf({ origin: new URL(c.var.config.publicBaseUrl).origin })(c, next))
  .use("*", bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.text("Request body too large.", 413) }))
  .route("/", signInRoutes)
  .use("*", requireSession)
  .get("/", (c) => c.redirect(CONSOLE_PAGES[0].href, 303))
  .route("/audience", audienceRoutes)
  .route("/people", peopleRoutes);
