import { ALL, CHANNELS, addressKindOf, type Channel } from "./channels";
import { TOPICS, type Topic } from "./catalog";
import { scopeKey, type ConsentStates } from "./decision";
import { boxValue, type PreferenceForm, type StoppedGrants, type Toggle } from "./preferences";

/** What the preference page shows one contact: the boxes and switches, as they stand. */
export interface PreferenceChoices {
  /** The channels the contact has an address for, in catalog order. */
  channels: Channel[];
  /** Every topic sent on at least one of those channels, with a box per such channel. */
  topics: { topic: Topic; boxes: PreferenceBox[] }[];
  /** Whether each of `channels` is stopped as a whole. */
  stopped: Partial<Record<Channel, boolean>>;
  stoppedAll: boolean;
}

export interface PreferenceBox {
  channel: Channel;
  on: boolean;
  /** Turning it on waits for a confirmation by email. */
  confirm: boolean;
  /** A grant made here waits for its confirmation. */
  awaiting: boolean;
  /** Off, and cannot be turned on from the page: it needs a confirmation and there is no address to send one to. */
  locked: boolean;
  /** Under an active stop of its channel or of everything: kept, but nothing is sent. */
  paused: boolean;
}

/**
 * A link can be forwarded, so a grant of an opt_in topic made through one, on any channel,
 * waits for a confirmation mailed to the person's own address (double opt-in). Withdrawing
 * never waits, and opt_out topics are granted in one step.
 */
export function needsConfirmation(topic: Topic): boolean {
  return topic.consent === "opt_in";
}

/**
 * `awaiting`: the scopes ("topic channel", scopeKey) whose grant waits for its confirmation;
 * their boxes show it. `stoppedGrants`: what the active stops hide (store.findStoppedGrants).
 */
export function preferenceChoices(
  addresses: { email: string | null; phone: string | null },
  states: ConsentStates,
  awaiting: ReadonlySet<string> = new Set(),
  stoppedGrants: StoppedGrants = new Set(),
): PreferenceChoices {
  const channels = CHANNELS.filter((channel) => addresses[addressKindOf(channel)] !== null);
  const withdrawn = (topic: string, channel: string) => states.get(scopeKey(topic, channel)) === "withdrawn";
  return {
    channels,
    topics: TOPICS.map((topic) => ({
      topic,
      boxes: channels
        .filter((channel) => topic.channels.includes(channel))
        .map((channel) => {
          const on = boxValue(topic, channel, states, stoppedGrants);
          const confirm = needsConfirmation(topic);
          return {
            channel,
            on,
            confirm,
            awaiting: !on && awaiting.has(scopeKey(topic.key, channel)),
            locked: !on && confirm && addresses.email === null,
            paused: withdrawn(ALL, ALL) || withdrawn(ALL, channel),
          };
        }),
    })).filter((t) => t.boxes.length > 0),
    stopped: Object.fromEntries(channels.map((channel) => [channel, withdrawn(ALL, channel)])),
    stoppedAll: withdrawn(ALL, ALL),
  };
}

/**
 * The submitted form, checked against what the page could have shown this contact: every
 * box named as "topic/channel/0|1" in was-pref (and ticked ones in pref), every switch as
 * "channel|*\/0|1" in was-stop (ticked ones in stop). Anything else (an unknown topic, a
 * channel without an address, a tick for something not shown, a repeat, a tick on a locked
 * box) makes the whole form invalid: nothing of it is saved.
 */
export function readPreferenceForm(fields: Record<string, string[]>, choices: PreferenceChoices): PreferenceForm | undefined {
  const shownBoxes = new Map<string, { topic: Topic; channel: Channel; locked: boolean }>(
    choices.topics.flatMap(({ topic, boxes }) => boxes.map(({ channel, locked }) => [`${topic.key}/${channel}`, { topic, channel, locked }])),
  );
  const shownStops = new Set<string>([...choices.channels, ALL]);
  const boxes = readToggles(fields["was-pref"], fields.pref, (key) => shownBoxes.has(key));
  const stops = readToggles(fields["was-stop"], fields.stop, (key) => shownStops.has(key));
  if (!boxes || !stops || boxes.size + stops.size === 0) return undefined;
  if ([...boxes].some(([key, toggle]) => toggle.now && !toggle.was && shownBoxes.get(key)!.locked)) return undefined;
  const { [ALL]: stopAll, ...stopChannel } = Object.fromEntries(stops);
  return {
    stopAll: stopAll ?? { was: choices.stoppedAll, now: choices.stoppedAll },
    stopChannel: stopChannel as Partial<Record<Channel, Toggle>>,
    boxes: [...boxes].map(([key, choice]) => {
      const { topic, channel } = shownBoxes.get(key)!;
      return { topic, channel, choice };
    }),
  };
}

function readToggles(was: string[] = [], ticked: string[] = [], known: (key: string) => boolean): Map<string, Toggle> | undefined {
  const toggles = new Map<string, Toggle>();
  for (const entry of was) {
    const match = /^(.+)\/([01])$/.exec(entry);
    if (!match || !known(match[1]!) || toggles.has(match[1]!)) return undefined;
    toggles.set(match[1]!, { was: match[2] === "1", now: false });
  }
  for (const key of ticked) {
    const toggle = toggles.get(key);
    if (!toggle || toggle.now) return undefined;
    toggle.now = true;
  }
  return toggles;
}
