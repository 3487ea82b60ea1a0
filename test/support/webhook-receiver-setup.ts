import type { TestProject } from "vitest/node";
import { startWebhookReceiver } from "./webhook-receiver";

declare module "vitest" {
  export interface ProvidedContext {
    /** The local receiver of outgoing consent webhooks (test/support/webhook-receiver.ts), reached from workerd. */
    webhookReceiver: { baseUrl: string };
  }
}

/** Once per run of a Worker project: the receiver, closed afterwards. */
export default async function setup(project: TestProject) {
  const receiver = await startWebhookReceiver();
  project.provide("webhookReceiver", { baseUrl: receiver.baseUrl });
  return receiver.close;
}
