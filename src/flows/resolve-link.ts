import type { Contact, ScopeState } from "../consent/types";
import type { LinkKind, VerifiedLink } from "../signing/link-token";
import { isExpired, verifyLink } from "../signing/link-token";
import type { Services } from "./services";

export type ResolvedLink =
  | { status: "valid"; claims: VerifiedLink; contact: Contact; states: ScopeState[] }
  /** Signed by us, for someone who still exists, but past its expiry. */
  | { status: "expired"; claims: VerifiedLink }
  /** Malformed, tampered, another kind, a retired key, or naming nobody (any more): all alike. */
  | { status: "invalid" };

export type ValidLink = Extract<ResolvedLink, { status: "valid" }>;

/**
 * A link token of the expected kind, checked end to end: signature, expiry and the
 * contact it names (who must not be erased). Every page and handler that takes a token
 * goes through here.
 */
export async function resolveLink(
  { config, store }: Pick<Services, "config" | "store">,
  token: Uint8Array<ArrayBuffer> | undefined,
  kind: LinkKind,
  now = new Date(),
): Promise<ResolvedLink> {
  const claims = token && (await verifyLink(config.linkKeys, token, kind));
  if (!claims) return { status: "invalid" };
  return resolveVerifiedLink({ store }, claims, now);
}

/** resolveLink for claims whose token has already verified as the kind expected. */
export async function resolveVerifiedLink({ store }: Pick<Services, "store">, claims: VerifiedLink, now = new Date()): Promise<ResolvedLink> {
  const found = await store.getContact(claims.contactId);
  if (!found || found.contact.erasedAt !== null) return { status: "invalid" };
  if (isExpired(claims, now)) return { status: "expired", claims };
  return { status: "valid", claims, ...found };
}
