import { ALL } from "../consent/channels";
import { matchSmsKeyword, type SmsKeywordAction } from "../consent/sms-keywords";
import type { Services } from "./services";
import { consentEvent } from "../consent/events";

export interface InboundSms {
  /** E.164, normalised. */
  from: string;
  text: string;
  receivedAt?: string;
  messageId?: string;
}


/**
 * An SMS reply to the organisation's number. STOP (and its equivalents) withdraws all
 * marketing by SMS, once; START grants it again only when the current withdrawal of that
 * scope came from a keyword, so a text cannot undo what the person chose on the preference
 * page or an unsubscribe link. The answer depends on the text alone: whether the number
 * is known, or anything changed, is not told.
 */
export async function receiveSms(
  { store, config }: Services,
  sms: InboundSms,
  /** Who relays the message: "api_key:<id>" of the gateway. */
  actor: string,
): Promise<{ action: SmsKeywordAction | "none" }> {
  const keyword = matchSmsKeyword(sms.text);
  if (!keyword) return { action: "none" };
  const contact = await store.findContact("phone", sms.from);
  if (contact) {
    const event = consentEvent({
      topic: ALL,
      channel: "sms",
      status: keyword.action === "stop" ? "withdrawn" : "granted",
      source: "sms_keyword",
      ...(sms.receivedAt ? { occurredAt: new Date(sms.receivedAt).toISOString() } : {}),
      policyVersion: config.policyVersion,
      locale: keyword.language,
      actor,
      evidence: { keyword: keyword.word, text: sms.text, messageId: sms.messageId ?? null, receivedAt: sms.receivedAt ?? null },
    });
    if (keyword.action === "stop") await store.withdrawOnce(contact.id, event);
    else await store.regrantWithdrawnBy(contact.id, "sms_keyword", event);
  }
  return { action: keyword.action };
}
