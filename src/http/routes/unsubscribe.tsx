import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ALL } from "../../consent/channels";
import { parsePauseMonths, pauseCovering } from "../../consent/cadence";
import { findTopic } from "../../consent/catalog";
import { consentStates } from "../../consent/decision";
import { recordCadence, type CadenceRequest } from "../../flows/pause";
import { stoppedChoices, UNSUBSCRIBE_CHOICES, type UnsubscribeChoice } from "../../consent/unsubscribe";
import { resolveVerifiedLink, type ValidLink } from "../../flows/resolve-link";
import { undoWithdrawal } from "../../flows/undo-withdrawal";
import { withdrawByLink, withdrawByOneClick, type Withdrawn } from "../../flows/withdraw";
import { decodeFromUrl, verifyLink, type VerifiedLink } from "../../signing/link-token";
import { preferencesLink } from "../../signing/links";
import type { AppEnv } from "../context";
import { mediaTypeOf } from "../middleware/body";
import { maskedAddresses } from "../pages/mask";
import { chosenPageLocale, pageHeaders, pageLocaleOf } from "../pages/request";
import { InvalidLinkPage, LessOftenPage, StoppedPage, UnsubscribePage } from "../pages/unsubscribe/page";

/**
 * /u/{token}: the unsubscribe link. GET, HEAD and OPTIONS never write (mail scanners fetch
 * every link); POST withdraws, either as an RFC 8058 one-click request or from the page's
 * buttons, or undoes the withdrawal the page just recorded. Every token that does not
 * verify, or names nobody (any more), gets the same 404.
 */
export const unsubscribeRoutes = new Hono<AppEnv>()
  .use("/:token", pageHeaders)
  .get("/:token", async (c) => {
    const claims = await claimsOf(c);
    const link = claims && (await linkOf(c, claims));
    if (!link) return c.html(<InvalidLinkPage policyUrl={c.var.config.policyUrl} />, 404);
    const cadence = await c.var.services.store.findCadence(link.contact.id, new Date().toISOString());
    const pause = pauseCovering(cadence.pauses, link.claims);
    return c.html(<UnsubscribePage {...link.page} stopped={stoppedChoices(link.claims, consentStates(link.states))} pause={pause} />);
  })
  .post("/:token", bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.text("Request body too large.", 413) }), async (c) => {
    const claims = await claimsOf(c);
    if (!claims) return c.html(<InvalidLinkPage policyUrl={c.var.config.policyUrl} />, 404);
    const request = await readRequest(c, claims.topic);
    if (request && "source" in request && request.source === "one_click") {
      // The contact read and the withdrawal written in one store call (docs/decisions.md).
      const clicked = await withdrawByOneClick(c.var.services, { claims, chosenLocale: chosenPageLocale(c), evidence: clientEvidence(c) });
      if (!clicked) return c.html(<InvalidLinkPage policyUrl={c.var.config.policyUrl} />, 404);
      return stoppedPage(c, await withPage(c, clicked.link), request.choice, clicked.done);
    }
    const link = await linkOf(c, claims);
    if (!link) return c.html(<InvalidLinkPage policyUrl={c.var.config.policyUrl} />, 404);
    const stoppedNow = stoppedChoices(link.claims, consentStates(link.states));
    if (!request) return c.html(<UnsubscribePage {...link.page} stopped={stoppedNow} notice="nothing_changed" />, 400);

    if ("cadence" in request) {
      const input = { link, request: request.cadence, source: "unsubscribe_page" as const, locale: link.page.locale, evidence: clientEvidence(c) };
      const done = await recordCadence(c.var.services, input);
      if (!done.ok) return c.html(<InvalidLinkPage policyUrl={c.var.config.policyUrl} />, 404);
      return c.html(<LessOftenPage {...link.page} topic={request.cadence.topic} until={done.until} />);
    }

    if ("undo" in request) {
      const { outcome, states } = await undoWithdrawal(c.var.services, { link, reference: request.undo, locale: link.page.locale, evidence: clientEvidence(c) });
      const stopped = stoppedChoices(link.claims, states);
      return outcome === "stale"
        ? c.html(<UnsubscribePage {...link.page} stopped={stopped} notice="cannot_undo" />, 409)
        : c.html(<UnsubscribePage {...link.page} stopped={stopped} notice="undone" />);
    }

    const done = await withdrawByLink(c.var.services, { link, ...request, locale: link.page.locale, evidence: clientEvidence(c) });
    return stoppedPage(c, link, request.choice, done);
  })
  .options("/:token", (c) => c.body(null, 204, { Allow: "GET, HEAD, POST, OPTIONS" }));

/** The link, if valid, with what its pages need: language, path, scope and a fresh preference link. */
async function linkOf(c: Context<AppEnv>, claims: VerifiedLink) {
  const found = await resolveVerifiedLink(c.var.services, claims);
  if (found.status !== "valid") return undefined;
  return withPage(c, found);
}

/** The link's claims if its token verifies as an unsubscribe link; whom it names is not yet read. */
async function claimsOf(c: Context<AppEnv>) {
  const token = decodeFromUrl(c.req.param("token") ?? "");
  return token && verifyLink(c.var.config.linkKeys, token, "unsubscribe");
}

function stoppedPage(c: Context<AppEnv>, link: LinkWithPage, choice: UnsubscribeChoice, done: Withdrawn) {
  return c.html(
    <StoppedPage
      {...link.page}
      choice={choice}
      scope={done.scope}
      stopped={stoppedChoices(link.claims, done.states)}
      addresses={maskedAddresses(link.contact, done.scope.channel)}
      undo={done.undo}
    />,
  );
}

type LinkWithPage = Awaited<ReturnType<typeof withPage>>;

async function withPage(c: Context<AppEnv>, found: ValidLink) {
  const { claims, contact } = found;
  const page = {
    locale: pageLocaleOf(c, contact.locale),
    path: c.req.path,
    link: claims,
    manageUrl: (await preferencesLink(c.var.config, contact.id)).url,
    addresses: maskedAddresses(contact, claims.channel),
    policyUrl: c.var.config.policyUrl,
  };
  return { ...found, page };
}

function clientEvidence(c: Context<AppEnv>) {
  return { ip: c.req.header("CF-Connecting-IP") ?? null, userAgent: c.req.header("User-Agent")?.slice(0, 512) ?? null };
}

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

type UnsubscribeRequest = { choice: UnsubscribeChoice; source: "one_click" | "unsubscribe_page" } | { undo: string } | { cadence: CadenceRequest };

/**
 * What a POST asks for. "List-Unsubscribe=One-Click" (RFC 8058) stops what the link names;
 * the page's buttons send scope=link|channel|everything, or undo=<reference> after a stop;
 * pause=<the link's topic>|* with months=1|3, or digest=<the link's topic, if it has one>.
 * Anything else (no body, another media type, other fields) asks for nothing: undefined,
 * and nothing is written.
 */
async function readRequest(c: Context<AppEnv>, linkTopic: string): Promise<UnsubscribeRequest | undefined> {
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
  if (typeof body.undo === "string" && body.undo.length > 0) return { undo: body.undo };
  const months = parsePauseMonths(body.months);
  if (months && (body.pause === ALL || body.pause === linkTopic)) return { cadence: { kind: "pause", topic: body.pause, months } };
  if (body.digest === linkTopic && findTopic(linkTopic)?.digest) return { cadence: { kind: "digest", topic: linkTopic, on: true } };
  return undefined;
}
