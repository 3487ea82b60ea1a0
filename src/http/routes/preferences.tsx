import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { normaliseEmail } from "../../consent/addresses";
import { consentStates, scopeKey } from "../../consent/decision";
import type { Locale } from "../../consent/locales";
import { needsConfirmation, preferenceChoices, readPreferenceForm } from "../../consent/preference-form";
import { planPreferenceChanges } from "../../consent/preferences";
import { sha256Hex } from "../../crypto/digest";
import { mailerOrNothing, sendConfirmations } from "../../mail/confirmations";
import { decodeFromUrl } from "../../signing/link-token";
import { resolveLink } from "../../flows/resolve-link";
import { preferencesLink } from "../../signing/links";
import type { Contact, ScopeState } from "../../store";
import type { AppEnv } from "../context";
import { maskedAddresses } from "../pages/mask";
import { pageHeaders, pageLocaleOf } from "../pages/request";
import { LinkRequestPage, PreferencesPage, type SaveOutcome } from "../pages/preferences/page";
import { findTopic } from "../../consent/catalog";
import type { Channel } from "../../consent/channels";

/** Mails with a fresh link to one person: one per window, however often they ask. */
const LINK_MAIL_WINDOW_MS = 10 * 60_000;

/**
 * /p: the preference page. /p/{token} shows and saves a contact's choices; /p asks for a
 * new link by email. docs/preferences.md has the rules. Every form POST must come from our
 * own pages (Origin or Sec-Fetch-Site): hono/csrf.
 */
export const preferenceRoutes = new Hono<AppEnv>()
  .use("*", pageHeaders)
  .use("*", (c, next) => csrf({ origin: new URL(c.var.config.publicBaseUrl).origin })(c, next))
  .use("*", bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.text("Request body too large.", 413) }))
  .get("/", (c) => c.html(<LinkRequestPage locale={pageLocaleOf(c)} />))
  .post("/", async (c) => {
    const locale = pageLocaleOf(c);
    const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const given = typeof body.email === "string" ? body.email : "";
    const email = normaliseEmail(given);
    if (!email) return c.html(<LinkRequestPage locale={locale} notice="bad_email" email={given.slice(0, 254)} />, 400);
    const client = c.req.header("CF-Connecting-IP") ?? "unknown";
    if (!(await c.env.LINK_REQUEST_CLIENT_LIMIT.limit({ key: client })).success) {
      return c.html(<LinkRequestPage locale={locale} notice="too_many" />, 429, { "Retry-After": "60" });
    }
    // The same answer, at about the same time, whether or not the address is known: the
    // lookup and the mail happen after the response.
    c.executionCtx.waitUntil(mailLink(c, email, locale));
    return c.html(<LinkRequestPage locale={locale} notice="sent" />);
  })
  .get("/:token", async (c) => {
    const link = await linkOf(c);
    if (link.status !== "valid") return c.html(<LinkRequestPage locale={pageLocaleOf(c)} notice={link.status} />, link.status === "expired" ? 410 : 404);
    return c.html(await preferencesPage(c, link.contact, link.states));
  })
  .post("/:token", async (c) => {
    const link = await linkOf(c);
    if (link.status !== "valid") return c.html(<LinkRequestPage locale={pageLocaleOf(c)} notice={link.status} />, link.status === "expired" ? 410 : 404);
    const { claims, contact, states } = link;
    const locale = pageLocaleOf(c, contact.locale);
    const current = consentStates(states);
    const stoppedGrants = new Set(await c.var.store.findStoppedGrants(contact.id));
    const fields = await c.req.parseBody({ all: true }).catch(() => undefined);
    const form = fields && readPreferenceForm(asLists(fields), preferenceChoices(contact, current, new Set(), stoppedGrants));
    if (!form) return c.html(await preferencesPage(c, contact, states, { kind: "invalid" }), 400);

    const planned = planPreferenceChanges(form, current, needsConfirmation, stoppedGrants);
    const now = new Date().toISOString();
    const evidence = {
      ip: c.req.header("CF-Connecting-IP") ?? null,
      userAgent: c.req.header("User-Agent")?.slice(0, 512) ?? null,
      linkKeyId: claims.keyId,
    };
    const events = planned.map((p) => ({
      ...p,
      source: "preference_page" as const,
      occurredAt: now,
      policyVersion: c.var.config.policyVersion,
      locale,
      actor: "recipient",
      evidence: p.status === "pending" ? { ...evidence, confirmBy: "email" } : evidence,
    }));
    const saved = events.length ? await c.var.store.appendEvents(contact.id, events) : { ok: true as const, eventIds: [] };
    if (!saved.ok) return c.html(<LinkRequestPage locale={locale} notice="invalid" />, 404);

    const pending = planned.flatMap((p, i) =>
      p.status === "pending" && p.channel !== "*" ? [{ eventId: saved.eventIds[i]!, topic: p.topic, channel: p.channel }] : [],
    );
    const mailed = contact.email ? await sendConfirmations(c.env, c.var.config, { id: contact.id, email: contact.email }, pending, locale) : [];
    const after = (await c.var.store.getContact(contact.id))!;
    const moved = [
      ...[["*", form.stopAll] as const, ...Object.entries(form.stopChannel)].filter(([, t]) => t!.was !== t!.now).map(([channel, t]) => ({ channel: channel as Channel | "*", on: t!.now })),
      ...form.boxes
        .filter(({ topic, choice }) => choice.was !== choice.now && !(choice.now && needsConfirmation(topic)))
        .map(({ topic, channel, choice }) => ({ topic: topic.title[locale], channel, on: choice.now })),
    ];
    const outcome: SaveOutcome = {
      kind: "saved",
      changes: planned.length - pending.length,
      moved,
      confirmations: mailed.map((m) => ({ topicTitle: findTopic(m.topic)!.title[locale], mailed: m.mailed })),
    };
    return c.html(await preferencesPage(c, after.contact, after.states, outcome));
  });

async function linkOf(c: Context<AppEnv>) {
  return resolveLink(c.var.services, decodeFromUrl(c.req.param("token") ?? ""), "preferences");
}

async function preferencesPage(c: Context<AppEnv>, contact: Contact, states: ScopeState[], outcome?: SaveOutcome) {
  const current = consentStates(states);
  const [awaitingScopes, stoppedGrants] = await Promise.all([c.var.store.findAwaitingConfirmation(contact.id), c.var.store.findStoppedGrants(contact.id)]);
  const awaiting = new Set(awaitingScopes.map((s) => scopeKey(s.topic, s.channel)));
  return (
    <PreferencesPage
      locale={pageLocaleOf(c, contact.locale)}
      path={c.req.path}
      choices={preferenceChoices(contact, current, awaiting, new Set(stoppedGrants))}
      addresses={maskedAddresses(contact)}
      outcome={outcome}
    />
  );
}

/** The link email, when the address is someone's and has not asked too often. Never throws. */
async function mailLink(c: Context<AppEnv>, email: string, locale: Locale): Promise<void> {
  try {
    if (!(await c.env.LINK_REQUEST_ADDRESS_LIMIT.limit({ key: await sha256Hex(email) })).success) return;
    const contact = await c.var.store.findContactByEmail(email);
    const mailer = contact && mailerOrNothing(c.env);
    if (!contact || !mailer) return;
    const window = Math.floor(Date.now() / LINK_MAIL_WINDOW_MS);
    // Made at the window's start, the link is the same for every request in the window, as
    // the idempotency key requires.
    const link = await preferencesLink(c.var.config, contact.id, new Date(window * LINK_MAIL_WINDOW_MS));
    await mailer.send(email, { template: "preferences_link", locale, url: link.url, expiresAt: link.expiresAt }, `preferences-link/${contact.id}/${window}`);
  } catch (error) {
    console.error(JSON.stringify({ requestId: c.var.requestId, event: "link_mail_failed", error: String(error) }));
  }
}

/** Form fields as lists of strings (files, which no form of ours sends, are dropped). */
function asLists(fields: Record<string, unknown>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, value]) => [name, (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string")]),
  );
}
