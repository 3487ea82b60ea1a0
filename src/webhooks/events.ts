/** What an endpoint may subscribe to (docs/webhooks-out.md). */
export const WEBHOOK_EVENT_TYPES = ["consent.changed", "contact.erased", "suppression.added"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
