import { Hono, type Context } from "hono";
import { csrf } from "hono/csrf";
import type { Channel } from "../../consent/channels";
import { decodeFromUrl } from "../../signing/link-token";
import { confirmOptIn } from "../../flows/confirm-opt-in";
import { resolveLink, type ValidLink } from "../../flows/resolve-link";
import { preferencesLink } from "../../signing/links";
import type { AppEnv } from "../context";
import { formBodies } from "../middleware/body";
import { ConfirmPage, type ConfirmState } from "../pages/preferences/confirm";
import { maskedAddresses } from "../pages/mask";
import { pageHeaders, pageLocaleOf } from "../pages/request";
import { InvalidLinkPage } from "../pages/unsubscribe/page";

/**
 * /c/{token}: the second step of double opt-in. GET shows what will be confirmed and
 * changes nothing; POST records the grant (source double_opt_in, evidence naming the
 * pending event) if that pending request is still the latest word on its scope.
 */
export const confirmRoutes = new Hono<AppEnv>()
  .use("*", pageHeaders)
  .use("*", (c, next) => csrf({ origin: new URL(c.var.config.publicBaseUrl).origin })(c, next))
  .get("/:token", (c) => answer(c, async () => "ask"))
  .post("/:token", formBodies, (c) =>
    answer(c, (link) =>
      confirmOptIn(c.var.services, {
        link,
        locale: pageLocaleOf(c, link.contact.locale),
        evidence: { ip: c.req.header("CF-Connecting-IP") ?? null, userAgent: c.req.header("User-Agent")?.slice(0, 512) ?? null },
      }),
    ),
  );

async function answer(c: Context<AppEnv>, act: (link: ValidLink) => Promise<ConfirmState | "address_changed">) {
  const link = await resolveLink(c.var.services, decodeFromUrl(c.req.param("token") ?? ""), "confirm");
  if (link.status === "invalid") return c.html(<InvalidLinkPage policyUrl={c.var.config.policyUrl} />, 404);
  const outcome = link.status === "expired" ? "expired" : await act(link);
  // A confirmation mailed to an address the contact no longer has is as dead as an expired one.
  const state = outcome === "address_changed" ? "expired" : outcome;
  // An expired link must not lead to a fresh one: it leads to the form that mails one.
  const manageUrl = state !== "expired" && link.status === "valid" ? (await preferencesLink(c.var.config, link.claims.contactId)).url : "/p";
  const page = (
    <ConfirmPage
      locale={pageLocaleOf(c, link.status === "valid" ? link.contact.locale : undefined)}
      path={c.req.path}
      topic={link.claims.topic}
      channel={link.claims.channel as Channel}
      state={state}
      manageUrl={manageUrl}
      addresses={link.status === "valid" ? maskedAddresses(link.contact, link.claims.channel as Channel) : []}
      policyUrl={c.var.config.policyUrl}
    />
  );
  return c.html(page, state === "expired" ? 410 : state === "stale" ? 409 : 200);
}
