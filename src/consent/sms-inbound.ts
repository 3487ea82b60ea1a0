import type { NewConsentEvent, Store } from "../store";
import { ALL } from "./channels";
import { matchSmsKeyword, type SmsKeywordAction } from "./sms-keywords";

export interface InboundSms {
  /** E.164, normalised. */
  from: string;
  text: string;
  receivedAt?: string;
  messageId?: string;
}

export interface InboundSmsContext {
  policyVersion: string;
  /** Who relays the message: "api_key:<id>" of the gateway. */
  actor: string;
  now: Date;
}

/**
 * An SMS reply to the organisation's number. STOP (and its equivalents) withdraws all
 * marketing by SMS, once; START grants it again only when the current withdrawal of that
 * scope came from a keyword, so a text cannot undo what the person chose on the preference
 * page or an unsubscribe link. The answer depends on the text alone: whether the number
 * is known, or anything changed, is not told.
 */
export async function receiveSms(store: Store, sms: InboundSms, context: InboundSmsContext): Promise<{ action: SmsKeywordAction | "none" }> {
  const keyword = matchSmsKeyword(sms.text);
  if (!keyword) return { action: "none" };
  const contact = await store.findContactByPhone(sms.from);
  if (contact) {
    const receivedAt = sms.receivedAt ? Date.parse(sms.receivedAt) : Number.POSITIVE_INFINITY;
    const event: NewConsentEvent = {
      topic: ALL,
      channel: "sms",
      status: keyword.action === "stop" ? "withdrawn" : "granted",
      source: "sms_keyword",
      occurredAt: new Date(Math.min(receivedAt, context.now.getTime())).toISOString(),
      policyVersion: context.policyVersion,
      locale: keyword.language,
      actor: context.actor,
      evidence: { keyword: keyword.word, text: sms.text, messageId: sms.messageId ?? null, receivedAt: sms.receivedAt ?? null },
    };
    if (keyword.action === "stop") await store.withdrawOnce(contact.id, event);
    else await store.regrantWithdrawnBy(contact.id, "sms_keyword", event);
  }
  return { action: keyword.action };
}
