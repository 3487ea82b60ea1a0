import { localeOf } from "../consent/locales";
import type { Contact } from "../consent/types";
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
export async function mailPreferencesLink(services: Services, email: string): Promise<void> {
  const contact = await services.store.findContact("email", email);
  if (contact) await mailPreferencesLinkTo(services, { ...contact, email });
}

/**
 * The same mail to a known contact's own address, as an operator sends it from the console
 * (docs/console.md): "no_email" when there is no address to mail, "not_configured" when mail
 * is not set up here; the window's idempotency key keeps repeated presses to one mail.
 */
export async function mailPreferencesLinkTo(
  { config, mailer }: Services,
  contact: Pick<Contact, "id" | "email" | "locale">,
): Promise<"sent" | "no_email" | "not_configured"> {
  if (contact.email === null) return "no_email";
  const outgoing = mailer();
  if (!outgoing) return "not_configured";
  // The person's own language: the form's may be a guess from a shared browser.
  const locale = localeOf(contact.locale);
  const window = Math.floor(Date.now() / LINK_MAIL_WINDOW_MS);
  const link = await preferencesLink(config, contact.id, new Date(window * LINK_MAIL_WINDOW_MS));
  await outgoing.send(contact.email, { template: "preferences_link", locale, url: link.url, expiresAt: link.expiresAt, policyUrl: config.policyUrl }, `preferences-link/${contact.id}/${window}`);
  return "sent";
}
