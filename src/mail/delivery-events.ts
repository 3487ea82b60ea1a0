import { ALL } from "../consent/channels";
import type { WebhookDelivery } from "../store";
import type { NewConsentEvent } from "../consent/types";

/** The Resend events that change anything; every other type is acknowledged and ignored. */
export const HANDLED_TYPES = ["email.bounced", "email.complained"] as const;
export type HandledType = (typeof HANDLED_TYPES)[number];

/** A handled event, as the webhook route validated it (addresses normalised). */
export interface MailEvent {
  type: HandledType;
  /** When Resend created the event (its created_at). */
  createdAt: string;
  emailId: string;
  to: string[];
  /** email.bounced only: Resend's bounce type ("Permanent", "Transient", "Undetermined") and subtype. */
  bounce?: { type: string; subType?: string };
}

export type DeliveryOutcome = "hard_bounce" | "complaint" | "soft_bounce" | "ignored";

export interface DeliveryContext {
  /** The svix-id: the delivery's identity, the same on every retry. */
  messageId: string;
  policyVersion: string;
  now: Date;
}

export const RESEND_ACTOR = "webhook:resend";

export function isHandledType(type: string): type is HandledType {
  return (HANDLED_TYPES as readonly string[]).includes(type);
}

/**
 * What one Resend event changes. A permanent bounce suppresses each address on email and
 * notes it in the ledger of whoever has the address, without touching their consent (the
 * address is dead, the person said nothing). A complaint is the person's "stop": it
 * withdraws all marketing by email and suppresses the address. Soft bounces (Transient,
 * Undetermined) and other types change nothing; their delivery is still recorded, once.
 */
export function planMailEvent(event: MailEvent | { type: string }, context: DeliveryContext): WebhookDelivery {
  const base = { source: "resend", messageId: context.messageId, type: event.type, suppressions: [], events: [] };
  if (!("emailId" in event)) return { ...base, outcome: "ignored" };
  const hard = event.type === "email.complained" || event.bounce?.type.toLowerCase() === "permanent";
  if (!hard) return { ...base, outcome: "soft_bounce" };
  const complaint = event.type === "email.complained";
  // Never the address. The suppression says why, not which message: an id at the provider
  // leads back to the address its keyed hash stands for. The ledger's proof keeps them,
  // until an erasure.
  const why = {
    provider: "resend",
    type: event.type,
    ...(event.bounce ? { bounceType: event.bounce.type, bounceSubType: event.bounce.subType ?? null } : {}),
  };
  const evidence = { ...why, svixId: context.messageId, emailId: event.emailId };
  // A clock running ahead must not date a withdrawal after the person's next grant.
  const occurredAt = new Date(Math.min(Date.parse(event.createdAt), context.now.getTime())).toISOString();
  const ledgerEvent: NewConsentEvent = {
    topic: ALL,
    channel: "email",
    status: complaint ? "withdrawn" : "suppressed",
    source: complaint ? "complaint" : "bounce",
    occurredAt,
    policyVersion: context.policyVersion,
    locale: null,
    actor: RESEND_ACTOR,
    evidence,
  };
  const addresses = [...new Set(event.to)];
  return {
    ...base,
    outcome: complaint ? "complaint" : "hard_bounce",
    suppressions: addresses.map((address) => ({
      kind: "email" as const,
      address,
      channel: "email" as const,
      reason: complaint ? ("complaint" as const) : ("hard_bounce" as const),
      evidence: why,
    })),
    events: addresses.map((address) => ({ kind: "email" as const, address, event: ledgerEvent })),
  };
}
