import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../context";
import { CONSOLE_PAGES } from "../../pages/console/layout";
import { pageHeaders } from "../../pages/request";
import { importRoutes } from "./imports";
import { apiKeyRoutes } from "./api-keys";
import { campaignRoutes } from "./campaigns";
import { audienceRoutes } from "./audience";
import { peopleRoutes } from "./people";
import { sendCheckRoutes } from "./send-checks";
import { suppressionRoutes } from "./suppressions";
import { requireSession } from "./session";
import { signInRoutes } from "./sign-in";

/** Unsafe requests to the console are HTML forms or nothing, so that the CSRF check below sees every one. */
const formsOnly = createMiddleware<AppEnv>(async (c, next) => {
  const unsafe = !["GET", "HEAD", "OPTIONS"].includes(c.req.method);
  const type = c.req.header("Content-Type") ?? "";
  if (unsafe && !/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) return c.text("Send an HTML form.", 415);
  await next();
});

const formLimit = bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.text("Request body too large.", 413) });
/** An import's upload reads its own body as it arrives, bounded as /v1/imports bounds it (routes/console/imports.tsx). */
const isUpload = (c: Context<AppEnv>) => c.req.method === "POST" && c.req.path === "/admin/imports";

/**
 * /admin: the operators' console (docs/console.md). Server-rendered, no scripts but an
 * import's progress bar; every form POST must come from the console's own origin (Origin or
 * Sec-Fetch-Site: hono/csrf) and carries the session cookie only from there (SameSite=Strict).
 */
export const consoleRoutes = new Hono<AppEnv>()
  .use("*", pageHeaders)
  .use("*", formsOnly)
  .use("*", (c, next) => csrf({ origin: new URL(c.var.config.publicBaseUrl).origin })(c, next))
  .use("*", (c, next) => (isUpload(c) ? next() : formLimit(c, next)))
  .route("/", signInRoutes)
  .use("*", requireSession)
  .get("/", (c) => c.redirect(CONSOLE_PAGES[0].href, 303))
  .route("/audience", audienceRoutes)
  .route("/people", peopleRoutes)
  .route("/imports", importRoutes)
  .route("/send-checks", sendCheckRoutes)
  .route("/campaigns", campaignRoutes)
  .route("/suppressions", suppressionRoutes)
  .route("/api-keys", apiKeyRoutes);
