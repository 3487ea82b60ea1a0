/**
 * Versions of the policy / consent text are the date the text took effect: "2025-01", or
 * "2025-01-15" when a month has more than one. Compared as text they sort by date
 * ("2025-01" < "2025-01-15" < "2025-02"), which is how SQL compares them too, so "a consent
 * predates version V" is `policy_version < V`. POLICY_VERSION, versions callers claim for a
 * consent, and the consentBefore filter are all checked against this one pattern.
 */
export const POLICY_VERSION_PATTERN = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;

export function isPolicyVersion(text: string): boolean {
  return POLICY_VERSION_PATTERN.test(text);
}
