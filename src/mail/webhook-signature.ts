import { Webhook, WebhookVerificationError } from "svix";

/** The headers Svix signs Resend's webhooks with. */
export const SIGNATURE_HEADERS = ["svix-id", "svix-timestamp", "svix-signature"] as const;
export type SignatureHeaders = Record<(typeof SIGNATURE_HEADERS)[number], string | undefined>;

export type SignatureCheck =
  | { ok: true; messageId: string }
  | { ok: false; problem: "missing_headers"; missing: string[] }
  | { ok: false; problem: "timestamp" | "signature" };

/** RESEND_WEBHOOK_SECRET is missing or is not a whsec_ secret: no webhook can be trusted. */
export class WebhookSecretError extends Error {
  override name = "WebhookSecretError";
}

/**
 * Verifies a delivery as Svix signs it, with Svix's own library: an HMAC-SHA-256 of
 * "id.timestamp.body" under the whsec_ secret, compared in constant time with each v1
 * signature in the header, and a timestamp within five minutes of now either way.
 * The body must be the raw text as received.
 */
export function verifyWebhookSignature(secret: string | undefined, body: string, headers: SignatureHeaders): SignatureCheck {
  const webhook = webhookFor(secret);
  const missing = SIGNATURE_HEADERS.filter((name) => !headers[name]);
  if (missing.length) return { ok: false, problem: "missing_headers", missing };
  if (!/^\d{1,12}$/.test(headers["svix-timestamp"]!)) return { ok: false, problem: "timestamp" };
  try {
    webhook.verify(body, headers as Record<string, string>);
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    // svix names the two timestamp failures so; every other one is about the signature.
    return { ok: false, problem: /timestamp too (old|new)/i.test(error.message) ? "timestamp" : "signature" };
  }
  return { ok: true, messageId: headers["svix-id"]! };
}

function webhookFor(secret: string | undefined): Webhook {
  if (!secret?.startsWith("whsec_")) throw new WebhookSecretError("RESEND_WEBHOOK_SECRET must be a whsec_… secret");
  try {
    return new Webhook(secret);
  } catch {
    throw new WebhookSecretError("RESEND_WEBHOOK_SECRET is not valid base64 after whsec_");
  }
}
