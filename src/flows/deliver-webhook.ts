import { isLocalUrl } from "../config";
import { endpointUrlProblem } from "../webhooks/endpoint-url";
import { webhookBody } from "../webhooks/payload";
import { endpointSecret, signatureHeaders } from "../webhooks/signing";
import type { Services } from "./services";

/** Deliveries are retried for this long after the event, the last attempt at its end. */
export const RETRY_FOR_MS = 24 * 60 * 60 * 1000;
/** A Queue message's longest delay (Cloudflare Queues: 12 hours). */
const MAX_DELAY_SECONDS = 12 * 60 * 60;
const ATTEMPT_TIMEOUT_MS = 10_000;

/** Exponential backoff after the nth failed attempt: 1, 2, 4, 8 … minutes, at most 12 hours. */
export function backoffSeconds(attempt: number): number {
  return Math.min(60 * 2 ** (attempt - 1), MAX_DELAY_SECONDS);
}

/**
 * One attempt at one delivery: its body built now (ids only unless the endpoint takes
 * addresses), signed per Standard Webhooks, POSTed once. A 2xx delivers it; anything else
 * (another status, a redirect, a timeout, no connection) is retried with backoff until a
 * day has passed since the event, then it is failed. Every attempt is recorded.
 */
export async function deliverWebhook({ store, config }: Services, deliveryId: string, now = new Date()): Promise<{ done: true } | { retryInSeconds: number }> {
  const work = await store.webhookEndpoints.openDelivery(deliveryId);
  if (!work) return { done: true }; // delivered, failed, or its endpoint deleted
  const at = now.toISOString();
  const { url } = work.endpoint;
  // Checked again when it goes: the service may no longer run on localhost.
  if (endpointUrlProblem(url, isLocalUrl(new URL(config.publicBaseUrl)))) {
    await store.webhookEndpoints.recordAttempt(deliveryId, { status: "failed", httpStatus: null, error: "url_not_allowed", at });
    return { done: true };
  }
  const body = webhookBody(work);
  const secret = await endpointSecret(config.addressHashKey, work.delivery.endpointId, work.endpoint.secretSeed);
  const headers = { ...(await signatureHeaders(secret, deliveryId, now, body)), "Content-Type": "application/json", "User-Agent": "orleu-preferences-webhooks/1" };
  let httpStatus: number | null = null;
  let error: string | null = null;
  try {
    const response = await fetch(url, { method: "POST", headers, body, redirect: "manual", signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS) });
    httpStatus = response.status;
    await response.body?.cancel();
  } catch (thrown) {
    error = thrown instanceof Error && thrown.name === "TimeoutError" ? "timeout" : "network";
  }
  if (httpStatus !== null && httpStatus >= 200 && httpStatus < 300) {
    await store.webhookEndpoints.recordAttempt(deliveryId, { status: "delivered", httpStatus, at });
    return { done: true };
  }
  const left = Date.parse(work.delivery.createdAt) + RETRY_FOR_MS - now.getTime();
  if (left <= 0) {
    await store.webhookEndpoints.recordAttempt(deliveryId, { status: "failed", httpStatus, error, at });
    return { done: true };
  }
  const delay = Math.max(1, Math.min(backoffSeconds(work.delivery.attempts + 1), Math.ceil(left / 1000)));
  const nextAttemptAt = new Date(now.getTime() + delay * 1000).toISOString();
  await store.webhookEndpoints.recordAttempt(deliveryId, { status: "pending", httpStatus, error, at, nextAttemptAt });
  return { retryInSeconds: delay };
}
