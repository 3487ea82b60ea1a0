import { OpenAPIHono } from "@hono/zod-openapi";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { ConfigError } from "./config";
import type { AppEnv } from "./http/context";
import { allowedMethods } from "./http/allowed-methods";
import { ApiError, toErrorResponse } from "./http/errors";
import { jsonBodies } from "./http/middleware/body";
import { services } from "./http/middleware/services";
import { createRouter } from "./http/router";
import { benchRoutes } from "./http/routes/bench";
import { devOutboxRoutes } from "./http/routes/dev-outbox";
import { confirmRoutes } from "./http/routes/confirm";
import { consoleRoutes } from "./http/routes/console";
import { preferenceRoutes } from "./http/routes/preferences";
import { unsubscribeRoutes } from "./http/routes/unsubscribe";
import { apiKeyRoutes } from "./http/routes/v1/api-keys";
import { campaignRoutes } from "./http/routes/v1/campaigns";
import { contactRoutes } from "./http/routes/v1/contacts";
import { frequencyCapRoutes } from "./http/routes/v1/frequency-caps";
import { importRoutes } from "./http/routes/v1/imports";
import { sendCheckRoutes } from "./http/routes/v1/send-checks";
import { topicRoutes } from "./http/routes/v1/topics";
import { webhookEndpointRoutes } from "./http/routes/v1/webhook-endpoints";
import { webhookRoutes } from "./http/routes/webhooks";

/** The one app, used by the Worker (src/index.ts) and by the tests alike. */
export function createApp() {
  const v1 = createRouter()
    .route("/", topicRoutes)
    .route("/", contactRoutes)
    .route("/", sendCheckRoutes)
    .route("/", importRoutes)
    .route("/", campaignRoutes)
    .route("/", frequencyCapRoutes)
    .route("/", apiKeyRoutes)
    .route("/", webhookEndpointRoutes);

  const app = new OpenAPIHono<AppEnv>();
  // Before anything reads a body: an unknown path is 404 and a known one with another
  // method 405. The routes are read off on the first request, when all are registered.
  let methodsOf: ((path: string) => string[]) | undefined;
  app.use(requestId(), secureHeaders(), async (c, next) => {
    const allowed = (methodsOf ??= allowedMethods(app))(c.req.path);
    if (allowed.length === 0) throw new ApiError("not_found", "No such endpoint.");
    if (!allowed.includes(c.req.method)) {
      throw new ApiError("method_not_allowed", `${c.req.method} is not allowed here.`, undefined, { Allow: allowed.join(", ") });
    }
    await next();
  }, services);
  // Browsers ask every site for one; an empty answer they may keep spares a request per visit.
  app.get("/favicon.ico", (c) => c.body(null, 204, { "Cache-Control": "public, max-age=604800, immutable" }));
  app.get("/healthz", async (c) => {
    // Most of the service works with an unusable optional setting; health still says so.
    if (c.var.config.problems.length) throw new ConfigError(c.var.config.problems.join("; "));
    await c.var.store.ping();
    return c.json({ status: "ok", store: c.var.store.kind });
  });
  app.use("/v1/*", jsonBodies);
  app.route("/v1", v1);
  app.route("/bench", benchRoutes);
  app.route("/dev", devOutboxRoutes);
  app.route("/u", unsubscribeRoutes);
  app.route("/p", preferenceRoutes);
  app.route("/c", confirmRoutes);
  app.route("/admin", consoleRoutes);
  app.route("/webhooks", webhookRoutes);

  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", { type: "http", scheme: "bearer" });
  app.doc31("/openapi.json", (c) => ({
    openapi: "3.1.0",
    info: {
      title: "Orleu marketing-communications preferences",
      version: "1",
      description:
        "Consent per topic and channel, and the send check that campaigns ask before they go out. " +
        "Query parameters an operation does not list are ignored, as unknown headers are; request bodies are strict: an unknown field is a 400.",
      // No public licence text to link: SPDX's LicenseRef- names a licence of one's own.
      license: { name: "Proprietary: JSC «NCPD «Orleu»", identifier: "LicenseRef-Orleu-Proprietary" },
    },
    servers: [{ url: c.var.config.publicBaseUrl, description: "This deployment" }],
  }));

  app.notFound(() => {
    throw new ApiError("not_found", "No such endpoint.");
  });
  app.onError(toErrorResponse);
  return app;
}
