import type { TestProject } from "vitest/node";
import { FAKE_RESEND_KEY, startFakeResend } from "./fake-resend";

declare module "vitest" {
  export interface ProvidedContext {
    /** The fake Resend API of this run (test/support/fake-resend.ts), reached from workerd. */
    fakeResend: { baseUrl: string; apiKey: string };
  }
}

/** Once per run of the "worker" project: the fake Resend, closed afterwards. */
export default async function setup(project: TestProject) {
  const fake = await startFakeResend();
  project.provide("fakeResend", { baseUrl: fake.baseUrl, apiKey: FAKE_RESEND_KEY });
  return fake.close;
}
