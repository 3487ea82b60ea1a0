import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { recordWithdrawal, scopeOfChoice, UNSUBSCRIBE_CHOICES, type UnsubscribeChoice } from "../../consent/unsubscribe";
import { decodeFromUrl } from "../../signing/link-token";
import { preferencesLink, resolveLink } from "../../signing/links";
import { linkEvidence } from "../../signing/unsubscribe-links";
import type { AppEnv } from "../context";
import { mediaTypeOf } from "../middleware/body";
import { pageHeaders, pageLocaleOf } from "../pages/request";
import { InvalidLinkPage, StoppedPage, UnsubscribePage } from "../pages/unsubscribe/page";

/**
 * /u/{token}: the unsubscribe link. GET, HEAD and OPTIONS never write (mail scanners fetch
 * every link); POST withdraws, either as an RFC 8058 one-click request or from the page's
 * buttons. Every token that does not verify, or names nobody (any more), gets the same 404.
 */
export const unsubscribeRoutes = new Hono<AppEnv>()
  .use("/:token", pageHeaders)
  .get("/:token", async (c) => {
    const link = await linkOf(c);
    if (!link) return c.html(<InvalidLinkPage />, 404);
    const { claims, states, locale, manageUrl } = link;
    const alreadyStopped = states.some((s) => s.topic === claims.topic && s.channel === claims.channel && s.status === "withdrawn");
    return c.html(<UnsubscribePage locale={locale} path={c.req.path} link={claims} manageUrl={manageUrl} alreadyStopped={alreadyStopped} />);
  })
  .post("/:token", bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.text("Request body too large.", 413) }), async (c) => {
    const link = await linkOf(c);
    if (!link) return c.html(<InvalidLinkPage />, 404);
    const { claims, locale, manageUrl } = link;
    const request = await readRequest(c);
    if (!request) {
      return c.html(<UnsubscribePage locale={locale} path={c.req.path} link={claims} manageUrl={manageUrl} alreadyStopped={false} nothingChanged />, 400);
    }
    const scope = scopeOfChoice(claims, request.choice);
    await recordWithdrawal(c.var.store, {
      contactId: claims.contactId,
      scope,
      source: request.source,
      policyVersion: c.var.config.policyVersion,
      locale,
      evidence: {
        ip: c.req.header("CF-Connecting-IP") ?? null,
        userAgent: c.req.header("User-Agent")?.slice(0, 512) ?? null,
        ...linkEvidence(claims),
        choice: request.choice,
      },
    });
    return c.html(<StoppedPage locale={locale} path={c.req.path} link={claims} manageUrl={manageUrl} choice={request.choice} scope={scope} />);
  })
  .options("/:token", (c) => c.body(null, 204, { Allow: "GET, HEAD, POST, OPTIONS" }));

async function linkOf(c: Context<AppEnv>) {
  const found = await resolveLink(c.var.config, c.var.store, decodeFromUrl(c.req.param("token") ?? ""), "unsubscribe");
  if (found.status !== "valid") return undefined;
  const { claims, states, contact } = found;
  return { claims, states, locale: pageLocaleOf(c, contact.locale), manageUrl: (await preferencesLink(c.var.config, contact.id)).url };
}

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/**
 * What a POST asks for. "List-Unsubscribe=One-Click" (RFC 8058) stops what the link names;
 * the page's buttons send scope=link|channel|everything. Anything else (no body, another
 * media type, other fields) asks for nothing: undefined, and nothing is written.
 */
async function readRequest(c: Context<AppEnv>): Promise<{ choice: UnsubscribeChoice; source: "one_click" | "unsubscribe_page" } | undefined> {
  if (!FORM_TYPES.includes(mediaTypeOf(c))) return undefined;
  let body: Record<string, unknown>;
  try {
    body = await c.req.parseBody();
  } catch {
    return undefined;
  }
  if (body["List-Unsubscribe"] === "One-Click") return { choice: "link", source: "one_click" };
  const scope = body.scope;
  if (typeof scope === "string" && (UNSUBSCRIBE_CHOICES as readonly string[]).includes(scope)) {
    return { choice: scope as UnsubscribeChoice, source: "unsubscribe_page" };
  }
  return undefined;
}
