import { env } from "cloudflare:workers";
import { Webhook } from "svix";
import { call } from "./api";

/** A permanent bounce of one email, signed as Resend's webhooks are (by Svix's own library). */
export function signedBounce(email: string, emailId: string) {
  const body = JSON.stringify({
    type: "email.bounced",
    created_at: new Date().toISOString(),
    data: { created_at: new Date().toISOString(), email_id: emailId, from: "Orleu <news@orleu.kz>", to: [email], subject: "x", bounce: { message: "550", type: "Permanent", subType: "General" } },
  });
  const id = `msg_${crypto.randomUUID()}`;
  const at = new Date();
  const headers = { "svix-id": id, "svix-timestamp": String(Math.floor(at.getTime() / 1000)), "svix-signature": new Webhook(env.RESEND_WEBHOOK_SECRET).sign(id, at, body) };
  return call("POST", "/webhooks/resend", { key: null, rawBody: body, headers: { "Content-Type": "application/json", ...headers } });
}
