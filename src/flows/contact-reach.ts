import { CHANNELS, type Channel } from "../consent/channels";
import { TOPICS, type Topic } from "../consent/catalog";
import { consentStates, decideSend, scopeKey, type Decision } from "../consent/decision";
import type { QuietHours } from "../consent/quiet-hours";
import type { Services } from "./services";

/** One topic's row: the decision for each channel it uses; a channel it does not use is absent. */
export interface ReachRow {
  topic: Topic;
  cells: Partial<Record<Channel, Decision>>;
}

/** The matrix is about the person's choices and addresses, not the clock: no window applies. */
const NO_QUIET_HOURS: QuietHours = { startMinute: 0, endMinute: 0, utcOffsetMinutes: 0, channels: [] };

/**
 * For one contact, every topic × channel as a send check would decide it now, quiet hours
 * aside (the console's matrix): the send check's own lookup, once per channel, the whole
 * current state, and the same pure decision, so the matrix and the send check agree.
 */
export async function contactReach({ store }: Services, contactId: string): Promise<ReachRow[]> {
  const channels = CHANNELS.filter((channel) => TOPICS.some((topic) => topic.channels.includes(channel)));
  const [contact, awaiting, ...perChannel] = await Promise.all([
    store.getContact(contactId),
    store.findAwaitingConfirmation(contactId),
    ...channels.map((channel) =>
      // The lookup answers address, suppression and erasure per channel; its states and
      // awaitingConfirmation are for the one topic asked, so those come from the two reads above.
      store.findRecipients({ channel, topic: TOPICS[0]!.key, values: { email: [], phone: [], externalId: [], contactId: [contactId] } }),
    ),
  ]);
  const states = consentStates(contact?.states ?? []);
  const pending = new Set(awaiting.map((scope) => scopeKey(scope.topic, scope.channel)));
  return TOPICS.map((topic) => {
    const cells: Partial<Record<Channel, Decision>> = {};
    channels.forEach((channel, i) => {
      if (!topic.channels.includes(channel)) return;
      const found = perChannel[i]!.contactId.get(contactId) ?? { found: false as const, erased: false };
      const facts = found.found ? { ...found, states, awaitingConfirmation: pending.has(scopeKey(topic.key, channel)) } : found;
      cells[channel] = decideSend({ topic, channel, sendAt: new Date() }, facts, NO_QUIET_HOURS);
    });
    return { topic, cells };
  });
}
