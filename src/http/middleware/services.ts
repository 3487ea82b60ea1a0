import { createMiddleware } from "hono/factory";
import { createServices } from "../../flows/services";
import type { AppEnv } from "../context";

/**
 * Builds this request's services (configuration, store, mail) from c.env. An unusable
 * required setting fails every request closed (503, src/http/errors.ts); an optional one,
 * only those that read it.
 */
export const services = createMiddleware<AppEnv>(async (c, next) => {
  const built = createServices(c.env);
  c.set("services", built);
  c.set("config", built.config);
  c.set("store", built.store);
  await next();
  // PostgreSQL's connection ends after the answer is sent; on D1 there is nothing to end.
  const closing = built.store.close();
  try {
    c.executionCtx.waitUntil(closing);
  } catch {
    await closing; // no execution context (a test calling the app directly)
  }
});
