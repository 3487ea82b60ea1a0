import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { consentStates } from "../../consent/decision";
import { recordWithdrawal, scopeOfChoice, stoppedChoices, UNSUBSCRIBE_CHOICES, type UnsubscribeChoice } from "../../consent/unsubscribe";
import { decodeFromUrl } from "../../signing/link-token";
import { preferencesLink, resolveLink, undoReference } from "../../signing/links";
import { linkEvidence } from "../../signing/unsubscribe-links";
import type { AppEnv } from "../context";
import { maskedAddresses } from "../pages/mask";
import { mediaTypeOf } from "../middleware/body";
import { pageHeaders, pageLocaleOf } from "../pages/request";
import { InvalidLinkPage, StoppedPage, UnsubscribePage, type UnsubscribeNotice } from "../pages/unsubscribe/page";

/**
 * /u/{token}: the unsubscribe link. GET, HEAD and OPTIONS never write (mail scanners fetch
 * every link); POST withdraws, either as an RFC 8058 one-click request or from the page's
 * buttons, or undoes the withdrawal the page just recorded. Every token that does not
 * verify, or names nobody (any more), gets the same 404.
 */
export const unsubscribeRoutes = new Hono<AppEnv>()
  .use("/:token", pageHeaders)
  .get("/:token", async (c) => {
    const link = await linkOf(c);
    if (!link) return c.html(<InvalidLinkPage />, 404);
    return c.html(<UnsubscribePage {...link.page} stopped={link.stopped} />);
  })
  .post("/:token", bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.text("Request body too large.", 413) }), async (c) => {
    const link = await linkOf(c);
    if (!link) return c.html(<InvalidLinkPage />, 404);
    const request = await readRequest(c);
    if (!request) return c.html(<UnsubscribePage {...link.page} stopped={link.stopped} notice="nothing_changed" />, 400);
    if ("undo" in request) return undo(c, link, request.undo);

    const { claims, contact } = link;
    const scope = scopeOfChoice(claims, request.choice);
    const withdrawal = await recordWithdrawal(c.var.store, {
      contactId: claims.contactId,
      scope,
      source: request.source,
      policyVersion: c.var.config.policyVersion,
      locale: link.page.locale,
      evidence: { ...clientEvidence(c), ...linkEvidence(claims), choice: request.choice },
    });
    const undoRef = withdrawal.recorded ? await undoReference(c.var.config, { contactId: contact.id, topic: scope.topic, channel: scope.channel, eventId: withdrawal.eventId }) : undefined;
    // Whether recorded now or before, the scope stands withdrawn: no need to read it back.
    const after = consentStates([...link.states, { ...scope, status: "withdrawn" }]);
    return c.html(
      <StoppedPage
        {...link.page}
        choice={request.choice}
        scope={scope}
        stopped={stoppedChoices(claims, after)}
        addresses={maskedAddresses(contact, scope.channel)}
        undo={undoRef}
      />,
    );
  })
  .options("/:token", (c) => c.body(null, 204, { Allow: "GET, HEAD, POST, OPTIONS" }));

type ValidLink = NonNullable<Awaited<ReturnType<typeof linkOf>>>;

async function linkOf(c: Context<AppEnv>) {
  const found = await resolveLink(c.var.config, c.var.store, decodeFromUrl(c.req.param("token") ?? ""), "unsubscribe");
  if (found.status !== "valid") return undefined;
  const { claims, states, contact } = found;
  const page = { locale: pageLocaleOf(c, contact.locale), path: c.req.path, link: claims, manageUrl: (await preferencesLink(c.var.config, contact.id)).url };
  return { claims, contact, states, page, stopped: stoppedChoices(claims, consentStates(states)) };
}

/**
 * "Undo" on the page after a withdrawal: its signed reference names the withdrawal, which
 * must be this contact's and still the latest word on its scope; the scope goes back to
 * what it was just before (store.undoWithdrawal).
 */
async function undo(c: Context<AppEnv>, link: ValidLink, reference: string) {
  const ref = await resolveLink(c.var.config, c.var.store, decodeFromUrl(reference), "undo");
  const mine = ref.status === "valid" && ref.claims.contactId === link.contact.id;
  const outcome = mine
    ? await c.var.store.undoWithdrawal(link.contact.id, ref.claims.eventId!, {
        topic: ref.claims.topic,
        channel: ref.claims.channel,
        source: "unsubscribe_page",
        occurredAt: new Date().toISOString(),
        policyVersion: c.var.config.policyVersion,
        locale: link.page.locale,
        actor: "recipient",
        evidence: { ...clientEvidence(c), linkKeyId: ref.claims.keyId },
      })
    : "stale";
  const notice: UnsubscribeNotice = outcome === "stale" ? "cannot_undo" : "undone";
  const after = await c.var.store.getContact(link.contact.id);
  const stopped = stoppedChoices(link.claims, consentStates(after?.states ?? []));
  return c.html(<UnsubscribePage {...link.page} stopped={stopped} notice={notice} />, notice === "undone" ? 200 : 409);
}

function clientEvidence(c: Context<AppEnv>) {
  return { ip: c.req.header("CF-Connecting-IP") ?? null, userAgent: c.req.header("User-Agent")?.slice(0, 512) ?? null };
}

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

type UnsubscribeRequest = { choice: UnsubscribeChoice; source: "one_click" | "unsubscribe_page" } | { undo: string };

/**
 * What a POST asks for. "List-Unsubscribe=One-Click" (RFC 8058) stops what the link names;
 * the page's buttons send scope=link|channel|everything, or undo=<reference> after a stop.
 * Anything else (no body, another media type, other fields) asks for nothing: undefined,
 * and nothing is written.
 */
async function readRequest(c: Context<AppEnv>): Promise<UnsubscribeRequest | undefined> {
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
  return undefined;
}
