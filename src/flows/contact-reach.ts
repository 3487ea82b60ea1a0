import type { Channel } from "../consent/channels";
import { TOPICS, type Topic } from "../consent/catalog";
import type { Decision } from "../consent/decision";
import { decideContact } from "../audience/reach";
import type { Services } from "./services";

/** One topic's row: the decision for each channel it uses; a channel it does not use is absent. */
export interface ReachRow {
  topic: Topic;
  cells: Partial<Record<Channel, Decision>>;
}

/**
 * For one contact, every topic × channel as a send check would decide it now, sending
 * windows aside (the console's matrix): the audience's own read and decision, so the matrix,
 * the audience's counts and the send check agree. Empty for an unknown or erased contact.
 */
export async function contactReach({ store }: Services, contactId: string, now = new Date()): Promise<ReachRow[]> {
  const row = await store.audience.contactRow(contactId);
  if (!row) return [];
  const decisions = decideContact(row, now);
  return TOPICS.map((topic) => ({
    topic,
    cells: Object.fromEntries(decisions.filter((d) => d.topic === topic.key).map((d) => [d.channel, d.decision])),
  }));
}
