import type { DeliveryWork } from "../store";

/**
 * The body of one delivery, in Standard Webhooks' shape `{ type, timestamp, data }`. It is
 * built when the delivery goes out, from the ledger and the contact as they are then: a
 * person erased in between is told of without identifiers. Addresses only for an endpoint
 * registered with includeAddresses; otherwise the contact id and the organisation's own
 * external id (its identifier, not an address) are what a receiver matches on.
 */
export function webhookBody({ delivery, endpoint, event, contact }: DeliveryWork): string {
  const who = {
    contactId: delivery.contactId,
    externalId: contact.externalId,
    ...(endpoint.includeAddresses ? { email: contact.email, phone: contact.phone } : {}),
  };
  const told = event && { eventId: event.id, occurredAt: event.occurredAt, recordedAt: event.recordedAt, policyVersion: event.policyVersion };
  const data =
    delivery.type === "contact.erased"
      ? { contactId: delivery.contactId, erasedAt: contact.erasedAt }
      : delivery.type === "suppression.added"
        ? { ...who, channel: event?.channel, reason: event?.source === "complaint" ? "complaint" : "hard_bounce", ...told }
        : { ...who, topic: event?.topic, channel: event?.channel, status: event?.status, source: event?.source, ...told };
  return JSON.stringify({ type: delivery.type, timestamp: delivery.createdAt, data });
}
