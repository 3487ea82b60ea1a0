import { localeOf } from "../consent/locales";
import { preferencesLink } from "../signing/links";
import type { Services } from "./services";

/** Mails with a fresh link to one person: one per window, however often they ask. */
const LINK_MAIL_WINDOW_MS = 10 * 60_000;

/**
 * /p's form: a fresh preference link mailed to an address, if it is someone's. At most one
 * mail per address per window: the link is made at the window's start, so every request in
 * the window yields the same message and the same idempotency key, which the mail provider
 * sends once, in the contact's language. The caller answers the same whatever happens
 * here, and has already limited how often the address may ask.
 */
export async function mailPreferencesLink({ store, config, mailer }: Services, email: string): Promise<void> {
  const contact = await store.findContact("email", email);
  const outgoing = contact && mailer();
  if (!contact || !outgoing) return;
  // The person's own language: the form's may be a guess from a shared browser.
  const locale = localeOf(contact.locale);
  const window = Math.floor(Date.now() / LINK_MAIL_WINDOW_MS);
  const link = await preferencesLink(config, contact.id, new Date(window * LINK_MAIL_WINDOW_MS));
  await outgoing.send(email, { template: "preferences_link", locale, url: link.url, expiresAt: link.expiresAt, policyUrl: config.policyUrl }, `preferences-link/${contact.id}/${window}`);
}
