import { ALL, type Channel } from "./channels";
import type { Topic } from "./catalog";
import { decideConsent, scopeKey, type ConsentStates } from "./decision";
import type { ConsentStatus } from "./sources";

/** What the page writes: a consent, a grant that waits for confirmation, or back to no record. */
export type PlannedStatus = ConsentStatus | "pending" | "cleared";

/**
 * The stop scopes, (*, channel) or (*, *), withdrawn over a grant (store.findStoppedGrants):
 * while stopped, the boxes under them show that grant, and lifting the stop restores it.
 */
export type StoppedGrants = ReadonlySet<Channel | typeof ALL>;

/**
 * The preference page's choices, as the person saw them (`was`) and as they sent them
 * (`now`). docs/preferences.md explains the rules; in short:
 *
 * - a topic's box on a channel means "send me this here, unless I stop the channel or
 *   everything"; the two stop switches are withdrawals of (*, channel) and (*, *), and
 *   lifting one puts its scope back to what it was before the stop (a grant, or nothing),
 *   so that the boxes come back exactly as they were;
 * - only what the person changed is written: a box or switch they left alone produces
 *   nothing, unless a stop switch above it was turned off, so that what they saw is what
 *   they get;
 * - the precedence rules hold: a broad withdrawal is lifted only by granting that same
 *   scope, and what the lift would turn on that the person did not ask for is withdrawn
 *   again on its own narrower scope.
 */
export interface Toggle {
  was: boolean;
  now: boolean;
}

export interface PreferenceForm {
  /** "Stop everything": a withdrawal of (*, *). */
  stopAll: Toggle;
  /** "Stop all marketing on this channel": a withdrawal of (*, channel), for the channels shown. */
  stopChannel: Partial<Record<Channel, Toggle>>;
  /** One box per topic and channel shown: true means "send me this". */
  boxes: { topic: Topic; channel: Channel; choice: Toggle }[];
  /** One "digest only" box per topic with a digest shown (none in a form from before them). */
  digest: { topic: Topic; choice: Toggle }[];
}

export interface PlannedEvent {
  topic: string;
  channel: Channel | typeof ALL;
  status: PlannedStatus;
}

/**
 * What the page shows in a topic's box: whether the topic would be sent on the channel if
 * neither the channel nor everything were stopped, each stop giving back what it hides.
 */
export function boxValue(topic: Topic, channel: Channel, states: ConsentStates, stoppedGrants: StoppedGrants = new Set(), at?: Date): boolean {
  const underneath = new Map(states);
  for (const stop of [ALL, channel] as const) {
    const scope = scopeKey(ALL, stop);
    const stopped = underneath.get(scope);
    if (stopped?.status !== "withdrawn") continue;
    // A stop's hidden grant is measured from the stop: its own time is not kept.
    if (stoppedGrants.has(stop)) underneath.set(scope, { status: "granted", since: stopped.since });
    else underneath.delete(scope);
  }
  return decideConsent(topic, channel, underneath, false, at).allowed;
}

/**
 * The ledger events that take the current states to what the form asks for. Pure.
 * `needsConfirmation` names the boxes a grant must be confirmed for (double opt-in): those
 * get a "pending" event and stay off until the confirmation arrives.
 */
export function planPreferenceChanges(
  form: PreferenceForm,
  current: ConsentStates,
  needsConfirmation: (topic: Topic, channel: Channel) => boolean,
  stoppedGrants: StoppedGrants = new Set(),
  /** When the page is saved: a grant older than its topic's lifespan counts as off (and ticking it grants anew). */
  at?: Date,
): PlannedEvent[] {
  // A state the plan itself moves takes effect now.
  const planned = at?.toISOString() ?? "";
  const states = new Map(current);
  const hidden = new Set(stoppedGrants);
  const events: PlannedEvent[] = [];
  const record = (topic: string, channel: Channel | typeof ALL, status: PlannedStatus) => {
    events.push({ topic, channel, status });
    if (status === "cleared") states.delete(scopeKey(topic, channel));
    else if (status !== "pending") states.set(scopeKey(topic, channel), { status, since: planned });
  };

  // The switches first: a stop turned on withdraws its scope (keeping in mind the grant it
  // hides); turned off, it puts the scope back as it was before the stop.
  const moveStop = (channel: Channel | typeof ALL, toggle: Toggle) => {
    const status = states.get(scopeKey(ALL, channel))?.status;
    if (toggle.now && status !== "withdrawn") {
      if (status === "granted") hidden.add(channel);
      record(ALL, channel, "withdrawn");
    } else if (!toggle.now && status === "withdrawn") {
      record(ALL, channel, hidden.delete(channel) ? "granted" : "cleared");
    }
  };
  if (changed(form.stopAll)) moveStop(ALL, form.stopAll);
  for (const [channel, toggle] of entries(form.stopChannel)) {
    if (changed(toggle)) moveStop(channel, toggle);
  }

  // Then each box the person moved, and every box under a switch they turned off (the
  // lift may turn on what they did not ask for): make what the box says true underneath.
  // Turning a switch on writes nothing more: the stop covers every box under it.
  const inPlay = form.boxes.filter(
    ({ channel, choice }) => changed(choice) || lifted(form.stopAll) || lifted(form.stopChannel[channel]),
  );
  const on = (topic: Topic, channel: Channel) => boxValue(topic, channel, states, hidden, at);

  for (const box of inPlay) {
    const { topic, channel } = box;
    const wanted = box.choice.now;
    if (wanted && states.get(scopeKey(topic.key, ALL))?.status === "withdrawn") liftTopic(topic, channel);
    if (wanted && !on(topic, channel)) record(topic.key, channel, needsConfirmation(topic, channel) ? "pending" : "granted");
    else if (!wanted && on(topic, channel)) record(topic.key, channel, "withdrawn");
  }
  return events;

  /**
   * A topic withdrawn on every channel comes back only by granting (topic, *); every other
   * channel of the topic (all were off) stays off by its own withdrawal unless the form
   * turns it on, whether or not the page showed it, and so does this one until confirmed
   * when it needs confirming.
   */
  function liftTopic(topic: Topic, channel: Channel) {
    record(topic.key, ALL, "granted");
    for (const other of topic.channels) {
      const keepOff = other === channel ? needsConfirmation(topic, other) : !wantedElsewhere(topic, other);
      if (keepOff && on(topic, other)) record(topic.key, other, "withdrawn");
    }
  }

  function wantedElsewhere(topic: Topic, channel: Channel): boolean {
    return inPlay.some((b) => b.topic.key === topic.key && b.channel === channel && b.choice.now && !needsConfirmation(topic, channel));
  }
}

const changed = (toggle: Toggle) => toggle.was !== toggle.now;
/** A stop switch the person turned off. */
const lifted = (toggle: Toggle | undefined) => toggle !== undefined && toggle.was && !toggle.now;

const entries = <K extends string, V>(record: Partial<Record<K, V>>) => Object.entries(record) as [K, V][];
