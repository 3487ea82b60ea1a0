import { ALL, CHANNEL_CODES, CHANNELS, type Channel } from "../consent/channels";
import { TOPICS } from "../consent/catalog";
import { crockfordBase32, mailboxBase32 } from "./base32";
import type { KeyRing } from "./key-ring";

/**
 * Signed links: a few bytes naming a contact and a scope, and an HMAC-SHA-256 over them.
 * No address or other personal data is in a token, and nothing in it can be changed
 * without the key. Layout (docs/links.md):
 *
 *   version·kind (1) | key id (1) | contact id (10) | topic (1) | channel (1) | extra | MAC (16)
 *
 * The short unsubscribe link of SMS has its own kind byte, no extra, and a MAC of 10
 * bytes: 32 characters in a URL instead of 54, so the link fits one SMS segment.
 *
 * "extra" depends on the kind (docs/links.md):
 * - unsubscribe: optionally the send check the link was made for (10 bytes), the campaign
 *   reference in the evidence of a withdrawal; no expiry.
 * - preferences: the expiry (4 bytes, Unix seconds); topic and channel are "*".
 * - confirm (double opt-in): the pending ledger event it confirms (10 bytes), then the expiry.
 * - undo: the withdrawal it reverses (10 bytes), then the expiry; never in a URL, only in
 *   the form of the page that recorded the withdrawal.
 */
// 5 is the short form of unsubscribe (SHORT_UNSUBSCRIBE below): never another kind.
export const LINK_KINDS = { unsubscribe: 1, preferences: 2, confirm: 3, undo: 4 } as const;
export type LinkKind = keyof typeof LINK_KINDS;

export interface LinkClaims {
  kind: LinkKind;
  contactId: string;
  topic: string; // a topic key or "*"
  channel: Channel | typeof ALL;
  /** The send check the link was made for (unsubscribe links), if any. */
  sendCheckId?: string;
  /** The ledger event a link is about: the pending grant a confirm link confirms, the withdrawal an undo reverses. */
  eventId?: string;
  /** When the link stops working (preferences and confirm links), to the second. */
  expiresAt?: Date;
  /** An unsubscribe link in the short form made for SMS: no campaign reference, an 80-bit MAC. */
  short?: true;
}

export interface VerifiedLink extends LinkClaims {
  keyId: number;
}

const VERSION = 1;
const MAC_BYTES = 16;
/** The kind byte of the short unsubscribe form, signed like the rest, so no token can be cut down into one. */
const SHORT_UNSUBSCRIBE = 5;
/**
 * 80 bits (RFC 2104's floor): each forgery attempt is a request to /u/ that succeeds with
 * odds of 2^-80, and no offline work helps, since only the key makes a MAC (docs/links.md).
 */
const SHORT_MAC_BYTES = 10;
const HEADER_BYTES = 14;
const ID_BYTES = 10;
const CONTACT_PREFIX = "ct_";
const SEND_CHECK_PREFIX = "sc_";
const EVENT_PREFIX = "ce_";
const EXPIRY_BYTES = 4;

const topicByCode = new Map(TOPICS.map((t) => [t.code, t.key]));
const topicCodes = new Map(TOPICS.map((t) => [t.key, t.code]));
const channelByCode = new Map(CHANNELS.map((c) => [CHANNEL_CODES[c], c]));

export async function signLink(ring: KeyRing, claims: LinkClaims): Promise<Uint8Array<ArrayBuffer>> {
  const [token] = await signLinks(ring, claims, [claims.contactId]);
  return token!;
}

/**
 * The same link for many contacts (a send check's 10,000 recipients): the shared bytes are
 * laid out once, and the MACs computed all at once.
 */
export async function signLinks(ring: KeyRing, common: Omit<LinkClaims, "contactId">, contactIds: string[]): Promise<Uint8Array<ArrayBuffer>[]> {
  const extra = extraBytes(common);
  const macBytes = common.short ? SHORT_MAC_BYTES : MAC_BYTES;
  const template = new Uint8Array(HEADER_BYTES + extra.length + macBytes);
  template[0] = (VERSION << 4) | (common.short ? SHORT_UNSUBSCRIBE : LINK_KINDS[common.kind]);
  template[1] = ring.signingKeyId;
  template[12] = common.topic === ALL ? 0 : (topicCodes.get(common.topic) ?? fail(`unknown topic ${common.topic}`));
  template[13] = common.channel === ALL ? 0 : CHANNEL_CODES[common.channel];
  template.set(extra, HEADER_BYTES);
  const signedLength = template.length - macBytes;
  const key = await ring.key(ring.signingKeyId)!;
  const tokens = contactIds.map((contactId) => {
    const token = template.slice();
    writeId(contactId, CONTACT_PREFIX, token, 2);
    return token;
  });
  const macs = await Promise.all(tokens.map((token) => crypto.subtle.sign("HMAC", key, token.subarray(0, signedLength))));
  tokens.forEach((token, i) => token.set(new Uint8Array(macs[i]!, 0, macBytes), signedLength));
  return tokens;
}

/**
 * The claims of a token of the expected kind, or undefined for anything else: malformed,
 * tampered, another kind, or signed by a key the ring no longer holds. The MAC is
 * compared in constant time; what fails does not say why.
 */
export async function verifyLink(ring: KeyRing, token: Uint8Array<ArrayBuffer>, kind: LinkKind): Promise<VerifiedLink | undefined> {
  const short = kind === "unsubscribe" && token[0] === ((VERSION << 4) | SHORT_UNSUBSCRIBE);
  const macBytes = short ? SHORT_MAC_BYTES : MAC_BYTES;
  if (!(short ? [0] : EXTRA_LENGTHS[kind]).includes(token.length - HEADER_BYTES - macBytes)) return undefined;
  if (!short && token[0] !== ((VERSION << 4) | LINK_KINDS[kind])) return undefined;
  const keyId = token[1]!;
  const key = ring.key(keyId);
  if (!key) return undefined;
  const signed = token.subarray(0, token.length - macBytes);
  const expected = await mac(key, signed, macBytes);
  if (!crypto.subtle.timingSafeEqual(expected, token.slice(signed.length))) return undefined;

  const topic = token[12] === 0 ? ALL : topicByCode.get(token[12]!);
  const channel = token[13] === 0 ? ALL : channelByCode.get(token[13]!);
  if (topic === undefined || channel === undefined) return undefined;
  const claims: VerifiedLink = { kind, keyId, contactId: CONTACT_PREFIX + idText(token.subarray(2, 12)), topic, channel, ...(short && { short: true as const }) };
  const extra = signed.subarray(HEADER_BYTES);
  if (kind === "unsubscribe" && extra.length === ID_BYTES) claims.sendCheckId = SEND_CHECK_PREFIX + idText(extra);
  if (kind === "confirm" || kind === "undo") claims.eventId = EVENT_PREFIX + idText(extra.subarray(0, ID_BYTES));
  if (kind !== "unsubscribe") claims.expiresAt = new Date(new DataView(extra.buffer, extra.byteOffset + extra.length - EXPIRY_BYTES).getUint32(0) * 1000);
  return claims;
}

/** A verified link past its expiry; links without one never expire. */
export function isExpired(claims: LinkClaims, now: Date): boolean {
  return claims.expiresAt !== undefined && claims.expiresAt.getTime() <= now.getTime();
}

/** The lengths "extra" may have for each kind. */
const EXTRA_LENGTHS: Record<LinkKind, number[]> = {
  unsubscribe: [0, ID_BYTES],
  preferences: [EXPIRY_BYTES],
  confirm: [ID_BYTES + EXPIRY_BYTES],
  undo: [ID_BYTES + EXPIRY_BYTES],
};

function extraBytes(claims: Omit<LinkClaims, "contactId">): Uint8Array {
  if (claims.short && (claims.kind !== "unsubscribe" || claims.sendCheckId !== undefined)) fail("only an unsubscribe link without a campaign reference has a short form");
  const parts: Uint8Array[] = [];
  if (claims.kind === "unsubscribe" && claims.sendCheckId !== undefined) parts.push(idBytes(claims.sendCheckId, SEND_CHECK_PREFIX));
  if (claims.kind === "confirm" || claims.kind === "undo") parts.push(idBytes(claims.eventId ?? fail(`a ${claims.kind} link needs an event id`), EVENT_PREFIX));
  if (claims.kind !== "unsubscribe") {
    const expiry = new Uint8Array(EXPIRY_BYTES);
    new DataView(expiry.buffer).setUint32(0, Math.floor((claims.expiresAt ?? fail(`a ${claims.kind} link needs an expiry`)).getTime() / 1000));
    parts.push(expiry);
  }
  const extra = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, part) => (extra.set(part, at), at + part.length), 0);
  return extra;
}

/** For URLs: base64url, 54 characters with a campaign reference, 40 without, 32 in the short form. */
export const encodeForUrl = (token: Uint8Array) => token.toBase64({ alphabet: "base64url", omitPadding: true });
/** For mailbox names, which mail systems may fold to lower case: base-32, at most 64 characters. */
export const encodeForMailbox = (token: Uint8Array) => mailboxBase32.encode(token);

/**
 * The token's bytes, read only from the spelling encodeForUrl() writes. The last base64url
 * character may carry unused bits; accepting them set would let 4 or 16 strings open one
 * link, and anything keyed by a link's text (logs, caches, a blocklist) would miss siblings.
 */
export function decodeFromUrl(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(text)) return undefined;
  let bytes;
  try {
    bytes = Uint8Array.fromBase64(text, { alphabet: "base64url" });
  } catch {
    return undefined;
  }
  return encodeForUrl(bytes) === text ? bytes : undefined;
}

export function decodeFromMailbox(text: string): Uint8Array<ArrayBuffer> | undefined {
  return text.length <= 64 ? mailboxBase32.decode(text.toLowerCase()) : undefined;
}

async function mac(key: Promise<CryptoKey>, data: Uint8Array<ArrayBuffer>, bytes: number): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.sign("HMAC", await key, data), 0, bytes);
}

function idBytes(id: string, prefix: string): Uint8Array {
  const bytes = new Uint8Array(ID_BYTES);
  writeId(id, prefix, bytes, 0);
  return bytes;
}

/** Our ids are a prefix and 16 Crockford base-32 characters: exactly 10 bytes. */
function writeId(id: string, prefix: string, out: Uint8Array, offset: number): void {
  const ok = id.length === prefix.length + 16 && id.startsWith(prefix) && crockfordBase32.decodeInto(id.slice(prefix.length), out, offset);
  if (!ok) fail(`not a ${prefix}… id: ${id}`);
}

const idText = (bytes: Uint8Array) => crockfordBase32.encode(bytes);

function fail(message: string): never {
  throw new Error(message);
}
