import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { normaliseEmail } from "../../consent/addresses";
import { findTopic } from "../../consent/catalog";
import type { Locale } from "../../consent/locales";
import type { PreferenceChoices } from "../../consent/preference-choices";
import { AddressHasher } from "../../crypto/address-hash";
import { savePreferences, showPreferences, type SavedPreferences } from "../../flows/preferences";
import { mailPreferencesLink } from "../../flows/request-link";
import { resolveLink } from "../../flows/resolve-link";
import { logError } from "../../log";
import { decodeFromUrl } from "../../signing/link-token";
import type { Contact } from "../../consent/types";
import type { AppEnv } from "../context";
import { maskedAddresses } from "../pages/mask";
import { readCadenceForm, readPreferenceForm } from "../pages/preferences/form";
import { LinkRequestPage, PreferencesPage, type SaveOutcome } from "../pages/preferences/page";
import { pauseLine } from "../pages/preferences/pause";
import { PREFERENCES_TEXT } from "../pages/preferences/texts";
import { recordCadence } from "../../flows/pause";
import { ALL } from "../../consent/channels";
import { pageHeaders, pageLocaleOf } from "../pages/request";

/**
 * /p: the preference page. /p/{token} shows and saves a contact's choices; /p asks for a
 * new link by email. docs/preferences.md has the rules. Every form POST must come from our
 * own pages (Origin or Sec-Fetch-Site): hono/csrf.
 */
export const preferenceRoutes = new Hono<AppEnv>()
  .use("*", pageHeaders)
  .use("*", (c, next) => csrf({ origin: new URL(c.var.config.publicBaseUrl).origin })(c, next))
  .use("*", bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.text("Request body too large.", 413) }))
  .get("/", (c) => c.html(<LinkRequestPage policyUrl={c.var.config.policyUrl} locale={pageLocaleOf(c)} />))
  .post("/", async (c) => {
    const locale = pageLocaleOf(c);
    const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const given = typeof body.email === "string" ? body.email : "";
    const email = normaliseEmail(given);
    if (!email) return c.html(<LinkRequestPage policyUrl={c.var.config.policyUrl} locale={locale} notice="bad_email" email={given.slice(0, 254)} />, 400);
    const client = c.req.header("CF-Connecting-IP") ?? "unknown";
    if (!(await c.env.LINK_REQUEST_CLIENT_LIMIT.limit({ key: client })).success) {
      return c.html(<LinkRequestPage policyUrl={c.var.config.policyUrl} locale={locale} notice="too_many" />, 429, { "Retry-After": "60" });
    }
    // The same answer, at about the same time, whether or not the address is known: the
    // lookup and the mail happen after the response.
    c.executionCtx.waitUntil(mailLink(c, email));
    return c.html(<LinkRequestPage policyUrl={c.var.config.policyUrl} locale={locale} notice="sent" />);
  })
  .get("/:token", async (c) => {
    const link = await linkOf(c);
    if (link.status !== "valid") return c.html(<LinkRequestPage policyUrl={c.var.config.policyUrl} locale={pageLocaleOf(c)} notice={link.status} />, link.status === "expired" ? 410 : 404);
    return c.html(page(c, link.contact, await showPreferences(c.var.services, link.contact, link.states)));
  })
  .post("/:token", async (c) => {
    const link = await linkOf(c);
    if (link.status !== "valid") return c.html(<LinkRequestPage policyUrl={c.var.config.policyUrl} locale={pageLocaleOf(c)} notice={link.status} />, link.status === "expired" ? 410 : 404);
    const locale = pageLocaleOf(c, link.contact.locale);
    const choices = await showPreferences(c.var.services, link.contact, link.states);
    const fields = await c.req.parseBody({ all: true }).catch(() => undefined);
    const evidence = { ip: c.req.header("CF-Connecting-IP") ?? null, userAgent: c.req.header("User-Agent")?.slice(0, 512) ?? null };
    if (fields && ("pause" in fields || "resume" in fields)) {
      const request = readCadenceForm(fields, choices);
      if (!request) return c.html(page(c, link.contact, choices, { kind: "invalid" }), 400);
      const done = await recordCadence(c.var.services, { link, request, source: "preference_page", locale, evidence });
      if (!done.ok) return c.html(<LinkRequestPage policyUrl={c.var.config.policyUrl} locale={locale} notice="invalid" />, 404);
      const line = done.until
        ? pauseLine({ topic: request.topic, channel: ALL, until: done.until }, locale)
        : PREFERENCES_TEXT.resumed[locale];
      // A pause moves no consent state: the link's states still stand.
      return c.html(page(c, link.contact, await showPreferences(c.var.services, link.contact, link.states), { kind: "less_often", line }));
    }
    const form = fields && readPreferenceForm(fields, choices);
    if (!form) return c.html(page(c, link.contact, choices, { kind: "invalid" }), 400);

    const saved = await savePreferences(c.var.services, { link, choices, form, locale, evidence });
    if (!saved) return c.html(<LinkRequestPage policyUrl={c.var.config.policyUrl} locale={locale} notice="invalid" />, 404);
    const after = await showPreferences(c.var.services, saved.contact, saved.states);
    return c.html(page(c, saved.contact, after, outcomeOf(saved, locale)));
  });

async function linkOf(c: Context<AppEnv>) {
  return resolveLink(c.var.services, decodeFromUrl(c.req.param("token") ?? ""), "preferences");
}

function page(c: Context<AppEnv>, contact: Contact, choices: PreferenceChoices, outcome?: SaveOutcome) {
  return (
    <PreferencesPage locale={pageLocaleOf(c, contact.locale)} path={c.req.path} choices={choices} addresses={maskedAddresses(contact)} outcome={outcome} policyUrl={c.var.config.policyUrl} />
  );
}

/** What the page says after a save, in the reader's language. */
function outcomeOf(saved: SavedPreferences, locale: Locale): SaveOutcome {
  const title = (key: string) => findTopic(key)!.title[locale];
  return {
    kind: "saved",
    changes: saved.changes,
    moved: saved.moved.map((m) => (m.topic ? { ...m, topic: title(m.topic) } : m)),
    digest: saved.digest.map((d) => ({ ...d, topic: title(d.topic) })),
    confirmations: saved.confirmations.map((m) => ({ topicTitle: title(m.topic), mailed: m.mailed })),
  };
}

/** The link email, unless the address has asked too often. Never throws: the answer was already given. */
async function mailLink(c: Context<AppEnv>, email: string): Promise<void> {
  try {
    // The keyed hash, as suppressions keep it: a plain one could be reversed by trying addresses.
    const key = await new AddressHasher(c.var.config.addressHashKey).hash("email", email);
    if (!(await c.env.LINK_REQUEST_ADDRESS_LIMIT.limit({ key })).success) return;
    await mailPreferencesLink(c.var.services, email);
  } catch (error) {
    logError({ requestId: c.var.requestId, event: "link_mail_failed", error });
  }
}
