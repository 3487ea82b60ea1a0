import { Hono, type Context } from "hono";
import { createApiKey, revokeApiKey } from "../../../flows/api-keys";
import { SCOPES } from "../../auth";
import type { AppEnv } from "../../context";
import { ApiKeysPage, CreatedKeyPage, RevokeKeyPage, type ApiKeyField, type ApiKeysNotice } from "../../pages/console/api-keys";
import { pageLocaleOf } from "../../pages/request";
import { verifiedKeys } from "../../verified-keys";
import { CreateApiKeySchema } from "../v1/api-keys/schema";
import { formOf, localOffsetOf, RECORD_ID, requirePageScope } from "./guard";
import { notFoundPage } from "./not-found";

const NOTICES: readonly ApiKeysNotice[] = ["revoked", "already_revoked"];

/**
 * /admin/api-keys: what /v1/api-keys does, under the same scope (api-keys:manage), through the
 * same flow (src/flows/api-keys.ts) and schema, with the same rule: a key gives only scopes it holds.
 */
export const apiKeyRoutes = new Hono<AppEnv>()
  .use("*", requirePageScope("api-keys:manage", "api-keys"))
  .get("/", async (c) => {
    const notice = NOTICES.find((n) => n === c.req.query("done"));
    return listPage(c, notice);
  })
  .post("/", async (c) => {
    const form = await formOf(c);
    const name = typeof form.name === "string" ? form.name : "";
    const scopes = typeof form.scopes === "string" ? [form.scopes] : (form.scopes ?? []);
    const parsed = CreateApiKeySchema.safeParse({ name, scopes });
    const refused = (problem: ApiKeyField) => listPage(c, undefined, { name: name.slice(0, 100), scopes, problem }, 400);
    if (!parsed.success) return refused(parsed.error.issues.some((issue) => issue.path[0] === "name") ? "name" : "scopes");
    // As POST /v1/api-keys: otherwise a key meant only to hand out keys could make itself any key.
    if (parsed.data.scopes.some((scope) => !c.var.principal.scopes.includes(scope))) return refused("scopes");
    const created = await createApiKey(c.var.services, { ...parsed.data, createdBy: c.var.principal.keyId });
    // Shown in this answer only: not a redirect to a page that could show it again.
    return c.html(<CreatedKeyPage locale={pageLocaleOf(c)} created={created} offset={localOffsetOf(c)} />, 201);
  })
  .get("/:id/revoke", async (c) => {
    const key = await keyOf(c);
    if (!key) return notFoundPage(c, "api-keys");
    if (key.revokedAt) return c.redirect("/admin/api-keys?done=already_revoked", 303);
    return c.html(<RevokeKeyPage locale={pageLocaleOf(c)} apiKey={key} offset={localOffsetOf(c)} />);
  })
  .post("/:id/revoke", async (c) => {
    const key = await keyOf(c);
    if (!key) return notFoundPage(c, "api-keys");
    if (key.revokedAt) return c.redirect("/admin/api-keys?done=already_revoked", 303);
    const form = await formOf(c);
    if (form.confirm !== "yes") return c.html(<RevokeKeyPage locale={pageLocaleOf(c)} apiKey={key} offset={localOffsetOf(c)} unconfirmed />, 400);
    const revoked = await revokeApiKey(c.var.services, key.id);
    if (!revoked) return notFoundPage(c, "api-keys");
    verifiedKeys.forget(revoked.id);
    return c.redirect("/admin/api-keys?done=revoked", 303);
  });

async function keyOf(c: Context<AppEnv>) {
  const id = c.req.param("id") ?? "";
  if (!RECORD_ID.test(id)) return undefined;
  // The list is every key (as GET /v1/api-keys): there is no store read of one key by id.
  return (await c.var.store.listApiKeys()).find((key) => key.id === id);
}

async function listPage(c: Context<AppEnv>, notice?: ApiKeysNotice, form?: Parameters<typeof ApiKeysPage>[0]["form"], status: 200 | 400 = 200) {
  const keys = (await c.var.store.listApiKeys()).reverse();
  const held = c.var.principal.scopes;
  const grantable = SCOPES.filter((scope) => held.includes(scope));
  return c.html(<ApiKeysPage locale={pageLocaleOf(c)} keys={keys} grantable={grantable} offset={localOffsetOf(c)} notice={notice} form={form} />, status);
}
