import type { Channel } from "../consent/channels";
import type { Config } from "../config";
import type { Store } from "../store";
import { encodeForMailbox, encodeForUrl, signLink, verifyLink, type VerifiedLink } from "./link-token";

export interface UnsubscribeLink {
  url: string;
  /** For email: the RFC 2369 and RFC 8058 headers, to be copied into the message as they are. */
  headers?: { "List-Unsubscribe": string; "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

type LinkConfig = Pick<Config, "publicBaseUrl" | "unsubscribeMailDomain" | "linkKeys">;

/**
 * The link a recipient uses to leave a topic on a channel. Email gets the headers too:
 * the https URL for one-click, and, when a mail domain is configured, a mailto: address
 * that carries the same token (base-32, since mail systems may fold case).
 */
export async function unsubscribeLink(
  config: LinkConfig,
  link: { contactId: string; topic: string; channel: Channel; sendCheckId?: string },
): Promise<UnsubscribeLink> {
  const token = await signLink(config.linkKeys, { kind: "unsubscribe", ...link });
  const url = `${config.publicBaseUrl}/u/${encodeForUrl(token)}`;
  if (link.channel !== "email") return { url };
  const targets = [`<${url}>`];
  if (config.unsubscribeMailDomain) {
    targets.push(`<mailto:${encodeForMailbox(token)}@${config.unsubscribeMailDomain}?subject=unsubscribe>`);
  }
  return { url, headers: { "List-Unsubscribe": targets.join(", "), "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } };
}

/**
 * The claims of an unsubscribe token and the contact it names, or undefined for any token
 * that does not verify or names nobody (any more): the page and the email handler answer
 * all of those alike.
 */
export async function resolveUnsubscribeToken(
  config: Pick<Config, "linkKeys">,
  store: Store,
  token: Uint8Array<ArrayBuffer> | undefined,
) {
  const claims = token && (await verifyLink(config.linkKeys, token, "unsubscribe"));
  if (!claims) return undefined;
  const found = await store.getContact(claims.contactId);
  if (!found || found.contact.erasedAt !== null) return undefined;
  return { claims, ...found };
}

/** What a link itself tells the ledger about a withdrawal made through it. */
export const linkEvidence = (claims: VerifiedLink) => ({ sendCheckId: claims.sendCheckId ?? null, linkKeyId: claims.keyId });
