import type { Channel } from "../consent/channels";
import type { Config } from "../config";
import { encodeForMailbox, encodeForUrl, signLink, type VerifiedLink } from "./link-token";

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

/** What a link itself tells the ledger about a withdrawal made through it. */
export const linkEvidence = (claims: VerifiedLink) => ({ sendCheckId: claims.sendCheckId ?? null, linkKeyId: claims.keyId });
