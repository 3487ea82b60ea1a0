import type { NewConsentEvent } from "./types";

type Defaulted = "occurredAt" | "locale" | "evidence";

/**
 * The one factory for ledger events: what happened to which scope, said by whom, under
 * which policy; it happened now unless the caller says when (the store never records a
 * time after receipt: ./occurred-at.ts), in no particular language, with no evidence
 * unless given.
 */
export function consentEvent(fields: Omit<NewConsentEvent, Defaulted> & Partial<Pick<NewConsentEvent, Defaulted>>): NewConsentEvent {
  return { occurredAt: new Date().toISOString(), locale: null, evidence: {}, ...fields };
}
