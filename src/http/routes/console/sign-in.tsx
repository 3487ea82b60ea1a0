import { Hono } from "hono";
import { sha256Hex } from "../../../crypto/digest";
import { principalOfKey } from "../../auth";
import type { AppEnv } from "../../context";
import { SignInPage } from "../../pages/console/sign-in";
import { pageLocaleOf } from "../../pages/request";
import { formOf } from "./guard";
import { behindAccess, endSession, safeNext, sessionPrincipal, startSession } from "./session";

/** Seconds the sign-in limiter's window lasts (wrangler.toml, CONSOLE_SIGN_IN_LIMIT). */
const SIGN_IN_RETRY_SECONDS = "60";

/**
 * /admin/sign-in and /admin/sign-out: an API key with the "console" scope is exchanged for
 * a session cookie (docs/console.md). The key travels only in the form's body.
 */
export const signInRoutes = new Hono<AppEnv>()
  .get("/sign-in", async (c) => {
    const next = safeNext(c.req.query("next"));
    // Already signed in: nothing to ask.
    if (await sessionPrincipal(c)) return c.redirect(next, 303);
    const notice = c.req.query("signed-out") !== undefined ? "signed_out" : c.req.query("next") !== undefined ? "sign_in_first" : undefined;
    return c.html(<SignInPage locale={pageLocaleOf(c)} next={next} notice={notice} />);
  })
  .post("/sign-in", async (c) => {
    const locale = pageLocaleOf(c);
    const body = await formOf(c);
    const next = safeNext(body.next);
    // Every attempt counts, per client: Workers' limiter cannot be asked without counting,
    // and counting only failures would let the attempt after the limit be checked anyway.
    const client = c.req.header("CF-Connecting-IP") ?? "unknown";
    if (!(await c.env.CONSOLE_SIGN_IN_LIMIT.limit({ key: client })).success) {
      return c.html(<SignInPage locale={locale} next={next} notice="too_many" />, 429, { "Retry-After": SIGN_IN_RETRY_SECONDS });
    }
    const key = typeof body.key === "string" ? body.key.trim() : "";
    const principal = key.length > 0 && key.length <= 200 ? await principalOfKey(key, c.var) : undefined;
    if (!principal) return c.html(<SignInPage locale={locale} next={next} notice="bad_key" />, 401);
    if (!principal.scopes.includes("console")) return c.html(<SignInPage locale={locale} next={next} notice="no_scope" />, 403);
    await startSession(c, await sha256Hex(key));
    return c.redirect(next, 303);
  })
  .post("/sign-out", (c) => {
    endSession(c);
    // Behind Access, its own session would sign the operator straight back in: end that one too.
    return c.redirect(behindAccess(c) ? "/cdn-cgi/access/logout" : "/admin/sign-in?signed-out", 303);
  });
