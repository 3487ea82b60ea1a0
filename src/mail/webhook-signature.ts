import { Resend } from "resend";

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

/** The SDK's verifier is a method of a client; this one never calls Resend's API, so it needs no key. */
const verifier = new Resend("re_verification_only").webhooks;

/**
 * Verifies a delivery as Svix signs it, with Resend's SDK (Standard Webhooks' library
 * inside): an HMAC-SHA-256 of "id.timestamp.body" under the whsec_ secret, compared in
 * constant time with each v1 signature in the header, and a timestamp within five minutes
 * of now either way. The body must be the raw text as received.
 */
export function verifyWebhookSignature(secret: string | undefined, body: string, headers: SignatureHeaders): SignatureCheck {
  const webhookSecret = checkedSecret(secret);
  const missing = SIGNATURE_HEADERS.filter((name) => !headers[name]);
  if (missing.length) return { ok: false, problem: "missing_headers", missing };
  if (!/^\d{1,12}$/.test(headers["svix-timestamp"]!)) return { ok: false, problem: "timestamp" };
  try {
    verifier.verify({
      payload: body,
      headers: { id: headers["svix-id"]!, timestamp: headers["svix-timestamp"]!, signature: headers["svix-signature"]! },
      webhookSecret,
    });
  } catch (error) {
    // Verified, then parsed as JSON, which failed: the signature is good, the body is the route's to refuse.
    if (error instanceof SyntaxError) return { ok: true, messageId: headers["svix-id"]! };
    // The library names the two timestamp failures so; every other one is about the signature.
    return { ok: false, problem: error instanceof Error && /timestamp too (old|new)/i.test(error.message) ? "timestamp" : "signature" };
  }
  return { ok: true, messageId: headers["svix-id"]! };
}

/** A whsec_ secret whose rest is base64 of at least 16 bytes, or a WebhookSecretError: no webhook can be trusted. */
function checkedSecret(secret: string | undefined): string {
  if (!secret?.startsWith("whsec_")) throw new WebhookSecretError("RESEND_WEBHOOK_SECRET must be a whsec_… secret");
  const key = secret.slice("whsec_".length);
  let bytes = 0;
  try {
    bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(key) ? atob(key).length : 0;
  } catch {
    // not base64
  }
  if (bytes < 16) throw new WebhookSecretError("RESEND_WEBHOOK_SECRET is not valid base64 after whsec_");
  return secret;
}
