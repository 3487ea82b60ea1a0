import { z } from "@hono/zod-openapi";
import { SCOPES } from "../../../auth";

export const CreateApiKeySchema = z
  .object({
    name: z.string().trim().min(1).max(100).openapi({ example: "newsletter tool" }),
    scopes: z
      .array(z.enum(SCOPES))
      .min(1)
      .refine((scopes) => new Set(scopes).size === scopes.length, "scopes repeat")
      .openapi({ uniqueItems: true }),
  })
  .strict()
  .openapi("CreateApiKey");

export const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().openapi({ description: "The key's first characters, to recognise it" }),
    scopes: z.array(z.string()),
    createdAt: z.string(),
    createdBy: z.string(),
    revokedAt: z.string().nullable(),
  })
  .openapi("ApiKey");

export const CreatedApiKeySchema = ApiKeySchema.extend({
  key: z.string().openapi({ description: "The key itself. Shown once: only its hash is stored" }),
}).openapi("CreatedApiKey");

export const ApiKeyParamsSchema = z.object({
  id: z.string().min(1).max(64).openapi({ param: { name: "id", in: "path" } }),
});
