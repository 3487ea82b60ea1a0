import { isLocalUrl } from "../config";
import { randomToken } from "../crypto/digest";
import { newId } from "../ids";
import type { WebhookEndpointRecord, WebhookEventType } from "../store";
import { endpointUrlProblem } from "../webhooks/endpoint-url";
import { endpointSecret } from "../webhooks/signing";
import type { Services } from "./services";
import { noteEndpointRegistered } from "../webhooks/dispatch";

export interface NewEndpoint {
  url: string;
  events: WebhookEventType[];
  includeAddresses: boolean;
  /** The API key's id, or "admin". */
  createdBy: string;
}

/**
 * Registers an endpoint for consent webhooks: a URL that passes endpointUrlProblem (else
 * `{ problem }`, written nowhere), and a secret derived from a fresh seed, answered this once.
 */
export async function createWebhookEndpoint(
  { store, config }: Services,
  input: NewEndpoint,
): Promise<{ problem: string } | { endpoint: WebhookEndpointRecord; secret: string }> {
  const problem = endpointUrlProblem(input.url, isLocalUrl(new URL(config.publicBaseUrl)));
  if (problem) return { problem };
  const record = { id: newId("whe"), url: input.url, events: input.events, includeAddresses: input.includeAddresses, createdAt: new Date().toISOString(), createdBy: input.createdBy };
  const secretSeed = randomToken(32);
  await store.webhookEndpoints.create({ ...record, secretSeed });
  noteEndpointRegistered();
  return { endpoint: record, secret: await endpointSecret(config.addressHashKey, record.id, secretSeed) };
}

/** Removes an endpoint and its deliveries: a delivery already queued finds nothing and is dropped. */
export function deleteWebhookEndpoint({ store }: Services, id: string) {
  return store.webhookEndpoints.remove(id);
}
