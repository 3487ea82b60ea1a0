import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { logError } from "../../../log";
import { verifyAccessJwt } from "../../../signing/access-jwt";
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
 * The principal of this request: its session cookie, whose signature and time hold and whose
 * key is still valid (not revoked; ADMIN_API_KEY not changed) and has "console"; else the
 * Cloudflare Access identity the request carries, when Access is configured.
 */
export async function sessionPrincipal(c: Context<AppEnv>): Promise<Principal | undefined> {
  const token = getCookie(c, COOKIE);
  const session = token ? await verifySession(c.var.config.addressHashKey, token, new Date()) : undefined;
  const principal = session && (await principalOfKeyHash(session.keyHash, c.var));
  if (principal?.scopes.includes("console")) return principal;
  return accessPrincipal(c);
}

/**
 * What an operator signed in through Cloudflare Access may do: read, search, download proof,
 * mail a link; erasing still takes a console key with contacts:erase (docs/console.md).
 */
export const ACCESS_SCOPES: readonly Scope[] = ["console", "contacts:read"];

/** The request's Access identity, verified; undefined without the header or with a token that proves nothing. */
async function accessPrincipal(c: Context<AppEnv>): Promise<Principal | undefined> {
  const token = c.req.header("Cf-Access-Jwt-Assertion");
  if (!token) return undefined;
  // Unusable ACCESS_* settings throw here: 503 naming them, never a silent pass.
  const access = c.var.config.cloudflareAccess;
  if (!access) return undefined;
  try {
    const identity = await verifyAccessJwt(token, access, new Date());
    return identity && { keyId: `access:${identity.subject}`, scopes: ACCESS_SCOPES };
  } catch (error) {
    // The team's keys could not be fetched: nobody is signed in through Access just now.
    logError({ requestId: c.var.requestId, event: "access_keys_unavailable", error });
    return undefined;
  }
}

/** Whether this request came through Cloudflare Access (its sign-out is Access's own). */
export function behindAccess(c: Context<AppEnv>): boolean {
  return c.req.header("Cf-Access-Jwt-Assertion") !== undefined && c.var.config.cloudflareAccess !== undefined;
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
  return typeof next === "string" && /^\/admin(\/[\w-]+)*$/.test(next) && !/^\/admin\/sign-(in|out)$/.test(next) ? next : "/admin";
}
