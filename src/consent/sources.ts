/**
 * How a consent or withdrawal was given. Callers of the API may claim only the first list;
 * the second is written by the service itself, so that "one_click" in the ledger always
 * means the recipient's own click, never an API caller's say-so.
 */
export const CALLER_SOURCES = [
  "api", // the caller's own system, no further detail
  "web_form", // a sign-up or registration form on the organisation's site
  "paper_form",
  "phone_call",
  "in_person",
  "operator", // an operator acting on the person's request
  "import", // records brought over from an earlier system
] as const;

export const SERVICE_SOURCES = [
  "one_click", // RFC 8058 List-Unsubscribe-Post
  "unsubscribe_page",
  "preference_page",
  "double_opt_in",
  "bounce",
  "complaint",
  "sms_keyword",
  "email_reply",
] as const;

export type CallerSource = (typeof CALLER_SOURCES)[number];
export type ConsentSource = CallerSource | (typeof SERVICE_SOURCES)[number];

export const CONSENT_STATUSES = ["granted", "withdrawn"] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/**
 * What a ledger event may record: a consent status, or "pending", a grant that waits for
 * the person to confirm it (double opt-in). A pending event moves no current state.
 */
export type LedgerStatus = ConsentStatus | "pending";

/**
 * Every status a ledger event may carry: LedgerStatus, or "suppressed", which records that
 * the contact's address was suppressed (a hard bounce). The address stops receiving; the
 * person's consent is unchanged, so such an event moves no state either.
 */
export type LedgerEventStatus = LedgerStatus | "suppressed";
