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
 * Every status a ledger event may carry: a consent status, which moves the current state;
 * "cleared", which moves it back to "nothing recorded" (lifting a stop that hid no grant,
 * or undoing a withdrawal of a scope that had no record before it); or one that moves none:
 * "pending", a grant waiting for the person to confirm it (double opt-in), and
 * "suppressed", a record that the contact's address was suppressed (a hard bounce), which
 * stops sends to the address but leaves the person's consent as it was.
 */
export const LEDGER_STATUSES = [...CONSENT_STATUSES, "cleared", "pending", "suppressed", "paused", "resumed", "digest", "digest_off"] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];

/**
 * "Less often" (docs/preferences.md): statuses that move no consent state either. "paused"
 * (with `until`) holds every send of its scope until then; "resumed" ends a pause of the same
 * scope early (so does a grant of it). "digest" keeps only the topic's digest campaigns on
 * its scope; "digest_off" ends that. The store derives the active ones (consent_cadence,
 * migration 0015).
 */
export const CADENCE_STATUSES = ["paused", "resumed", "digest", "digest_off"] as const;
export type CadenceStatus = (typeof CADENCE_STATUSES)[number];

/** What POST /v1/contacts accepts as a consent's status. */
export const CALLER_STATUSES = [...CONSENT_STATUSES, ...CADENCE_STATUSES] as const;
export type CallerStatus = (typeof CALLER_STATUSES)[number];
