import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { SESSION_LIFETIME_SECONDS, signSession, verifySession } from "../../../signing/console-session";
import { principalOfKeyHash, type Principal, type Scope } from "../../auth";
import type { AppEnv } from "../../context";

/** The session cookie: only the console's paths carry it. */
const COOKIE = "console_session";
const COOKIE_PATH = "/admin";

/** HttpOnly, SameSite=Strict, Secure wherever the service is served over https (everywhere but localhost). */
function cookieOptions(c: Context<AppEnv>) {
  return {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: "Strict" as const,
    secure: new URL(c.var.config.publicBaseUrl).protocol === "https:",
  };
}

/** Opens a session for the key with this hash: the cookie, for 12 hours. */
export async function startSession(c: Context<AppEnv>, keyHash: string): Promise<void> {
  const { token } = await signSession(c.var.config.addressHashKey, keyHash, new Date());
  setCookie(c, COOKIE, token, { ...cookieOptions(c), maxAge: SESSION_LIFETIME_SECONDS });
}

export function endSession(c: Context<AppEnv>): void {
  deleteCookie(c, COOKIE, cookieOptions(c));
}

/**
 * The principal of this request's session: the cookie's signature and time hold, and the
 * key it names is still valid (not revoked; ADMIN_API_KEY not changed) and has "console".
 */
export async function sessionPrincipal(c: Context<AppEnv>): Promise<Principal | undefined> {
  const token = getCookie(c, COOKIE);
  const session = token ? await verifySession(c.var.config.addressHashKey, token, new Date()) : undefined;
  const principal = session && (await principalOfKeyHash(session.keyHash, c.var));
  return principal?.scopes.includes("console") ? principal : undefined;
}

/** Pages behind the sign-in: signed out, the browser goes to the sign-in page (and back here after it, for a page). */
export const requireSession = createMiddleware<AppEnv>(async (c, next) => {
  const principal = await sessionPrincipal(c);
  if (!principal) {
    if (getCookie(c, COOKIE) !== undefined) endSession(c);
    const back = c.req.method === "GET" ? `?next=${encodeURIComponent(c.req.path)}` : "";
    return c.redirect(`/admin/sign-in${back}`, 303);
  }
  c.set("principal", principal);
  await next();
});

/** Whether the signed-in key may do what needs this scope (the console shows only what it may). */
export function may(c: Context<AppEnv>, scope: Scope): boolean {
  return c.var.principal.scopes.includes(scope);
}

/** Where to go after signing in: a console path only (never another site), else the console's start. */
export function safeNext(next: unknown): string {
  return typeof next === "string" && /^\/admin(\/[\w-]+)*$/.test(next) && next !== "/admin/sign-in" ? next : "/admin";
}
