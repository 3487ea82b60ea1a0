import type { Config } from "../config";
import type { ALL, Channel } from "../consent/channels";
import { encodeForUrl, signLink, type LinkClaims } from "./link-token";

type LinkConfig = Pick<Config, "publicBaseUrl" | "linkKeys" | "linkLifetimes">;

/**
 * A fresh link to a contact's preference page. Links made at the same `now` (to the second)
 * are the same link: the link email's idempotency relies on it.
 */
export function preferencesLink(config: LinkConfig, contactId: string, now = new Date()) {
  return expiringLink(config, "p", { kind: "preferences", contactId, topic: "*", channel: "*" }, now);
}

/** The link that confirms one pending (double opt-in) grant. */
export function confirmLink(config: LinkConfig, pending: { contactId: string; topic: string; channel: Channel; eventId: string }, now = new Date()) {
  return expiringLink(config, "c", { kind: "confirm", ...pending }, now);
}

/** How long "Undo" works after a withdrawal on the unsubscribe page: the big mail providers give a day or so. */
export const UNDO_LIFETIME_MS = 48 * 3_600_000;

/**
 * The signed reference that lets the page that recorded a withdrawal undo exactly that one
 * event: a form field, never a link in a mail.
 */
export async function undoReference(
  config: Pick<Config, "linkKeys">,
  withdrawal: { contactId: string; topic: string; channel: Channel | typeof ALL; eventId: string },
  now = new Date(),
): Promise<string> {
  const { contactId, topic, channel, eventId } = withdrawal;
  const token = await signLink(config.linkKeys, { kind: "undo", contactId, topic, channel, eventId, expiresAt: new Date(secondOf(now) + UNDO_LIFETIME_MS) });
  return encodeForUrl(token);
}

/** A link of a kind that expires after its configured lifetime, counted from `now` to the second. */
async function expiringLink(
  config: LinkConfig,
  path: "p" | "c",
  claims: Omit<LinkClaims, "expiresAt"> & { kind: "preferences" | "confirm" },
  now: Date,
): Promise<{ url: string; expiresAt: Date }> {
  const expiresAt = new Date(secondOf(now) + config.linkLifetimes[claims.kind]);
  const token = await signLink(config.linkKeys, { ...claims, expiresAt });
  return { url: `${config.publicBaseUrl}/${path}/${encodeForUrl(token)}`, expiresAt };
}

const secondOf = (at: Date) => Math.floor(at.getTime() / 1000) * 1000;
