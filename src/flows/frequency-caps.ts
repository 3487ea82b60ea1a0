import type { FrequencyCap } from "../consent/frequency-caps";
import type { Services } from "./services";

/** Replaces the whole set of frequency caps (validated by the caller) and answers it as stored. */
export async function setFrequencyCaps({ store }: Services, caps: FrequencyCap[], setBy: string): Promise<FrequencyCap[]> {
  await store.replaceFrequencyCaps(caps, setBy, new Date().toISOString());
  return store.listFrequencyCaps();
}
