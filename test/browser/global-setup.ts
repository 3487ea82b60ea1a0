import type { TestProject } from "vitest/node";
import { chromiumMissing, launchChromiumServer } from "../../scripts/lib/chromium.mjs";
import { startLocalWorker } from "../../scripts/lib/local-worker.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    /** The real Worker under wrangler dev: its base URL and this run's admin key. */
    worker: { base: string; adminKey: string };
    /** Where the test files connect to the one Chromium of this run. */
    chromiumEndpoint: string;
    /** Why there is no Chromium: every browser test fails with it (never skips). */
    chromiumProblem: string;
  }
}

/** Once per run of the "browser" project: the real Worker and one Chromium, stopped afterwards. */
export default async function setup(project: TestProject) {
  const problem = chromiumMissing();
  project.provide("chromiumProblem", problem ?? "");
  const [worker, chromium] = await Promise.allSettled([startLocalWorker(), problem ? undefined : launchChromiumServer()]);
  const stop = async () => {
    await Promise.all([chromium.status === "fulfilled" && chromium.value?.close(), worker.status === "fulfilled" && worker.value.stop()]);
  };
  if (worker.status === "rejected" || chromium.status === "rejected") {
    await stop();
    throw worker.status === "rejected" ? worker.reason : (chromium as PromiseRejectedResult).reason;
  }
  project.provide("worker", { base: worker.value.base, adminKey: worker.value.adminKey });
  project.provide("chromiumEndpoint", chromium.value?.wsEndpoint() ?? "");
  return stop;
}
