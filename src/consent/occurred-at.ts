/**
 * A caller may say when a consent was given, but not that it will be given: the ledger
 * records `occurredAt` no later than the moment the service received the event. The state
 * follows the latest occurrence, so one future-dated grant would otherwise outrank every
 * withdrawal made before that moment (issue 14, docs/decisions.md). A time that had to be
 * moved back is kept in the evidence as `claimedOccurredAt`.
 */
export function notAfterReceipt<E extends { occurredAt: string; evidence: Record<string, unknown> }>(event: E, receivedAt: string): E {
  if (Date.parse(event.occurredAt) <= Date.parse(receivedAt)) return event;
  return { ...event, occurredAt: receivedAt, evidence: { ...event.evidence, claimedOccurredAt: event.occurredAt } };
}
