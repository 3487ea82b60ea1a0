import type { Channel } from "../consent/channels";
import type { Config } from "../config";
import { encodeForMailbox, encodeForUrl, signLinks, type VerifiedLink } from "./link-token";

export interface UnsubscribeLink {
  url: string;
  /** For email: the RFC 2369 and RFC 8058 headers, to be copied into the message as they are. */
  headers?: { "List-Unsubscribe": string; "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

type LinkConfig = Pick<Config, "publicBaseUrl" | "unsubscribeMailDomain" | "linkKeys">;

/**
 * Channels whose links take the short form (no campaign reference, 32 characters): SMS,
 * billed by 70-character Cyrillic segments. Messengers have no such budget and keep the
 * reference; a call carries no text (docs/links.md).
 */
export const SHORT_LINK_CHANNELS: ReadonlySet<Channel> = new Set(["sms"]);

/**
 * The links recipients use to leave a topic on a channel, one per contact, all signed at
 * once. Email gets the headers too: the https URL for one-click, and, when a mail domain is
 * configured, a mailto: address that carries the same token (base-32, since mail systems
 * may fold case).
 */
export async function unsubscribeLinks(
  config: LinkConfig,
  link: { topic: string; channel: Channel; sendCheckId?: string },
  contactIds: string[],
): Promise<UnsubscribeLink[]> {
  const short = SHORT_LINK_CHANNELS.has(link.channel);
  const claims = short ? { kind: "unsubscribe" as const, topic: link.topic, channel: link.channel, short } : { kind: "unsubscribe" as const, ...link };
  const tokens = await signLinks(config.linkKeys, claims, contactIds);
  const base = `${config.publicBaseUrl}/u/`;
  const mailto = config.unsubscribeMailDomain && `@${config.unsubscribeMailDomain}?subject=unsubscribe>`;
  return tokens.map((token) => {
    const url = base + encodeForUrl(token);
    if (link.channel !== "email") return { url };
    const targets = mailto ? `<${url}>, <mailto:${encodeForMailbox(token)}${mailto}` : `<${url}>`;
    return { url, headers: { "List-Unsubscribe": targets, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } };
  });
}

/** What a link itself tells the ledger about a withdrawal made through it. */
export const linkEvidence = (claims: VerifiedLink) => ({ ...(claims.sendCheckId && { sendCheckId: claims.sendCheckId }), linkKeyId: claims.keyId });
