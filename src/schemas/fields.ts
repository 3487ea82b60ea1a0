import { z } from "@hono/zod-openapi";
import { normaliseEmail, normalisePhone } from "../consent/addresses";
import { POLICY_VERSION_PATTERN } from "../consent/policy-version";

/** Fields shared by several /v1 schemas, each validating and normalising in one place. */

/**
 * What the document promises about addresses (issue 16): every text matching these patterns
 * is accepted (src/schemas/fields.test.ts generates them and checks). The service accepts
 * more than a regular expression can say without lookarounds (internationalised addresses,
 * other countries' numbers, other spacing), as each field's description says.
 */
const LOCAL_WORD = "[A-Za-z0-9_%+-]{1,20}";
const LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
export const DOCUMENTED_EMAIL = `^${LOCAL_WORD}(?:\\.${LOCAL_WORD}){0,2}@(?:${LABEL}\\.){1,2}[A-Za-z](?:[A-Za-z0-9-]{0,22}[A-Za-z0-9])?$`;
export const DOCUMENTED_PHONE = "^(?:\\+7|8) ?7[0-9]{2} ?[0-9]{3} ?[0-9]{2} ?[0-9]{2}$";

export const EmailField = z
  .string()
  .max(320)
  .transform((text, ctx) => normaliseEmail(text) ?? (ctx.addIssue({ code: "custom", message: "not an email address" }), z.NEVER))
  // The transform hides .max() from the document: said again here.
  .openapi({
    type: "string",
    maxLength: 320,
    pattern: DOCUMENTED_EMAIL,
    description:
      "An email address, compared trimmed and in lower case. The pattern is what is always accepted; internationalised domains and other local parts valid for mail (at most 64 characters before the @, 254 in all) are accepted too.",
    example: "aigul.n@mail.kz",
  });

export const PhoneField = z
  .string()
  .max(32)
  .transform(
    (text, ctx) =>
      normalisePhone(text) ??
      (ctx.addIssue({ code: "custom", message: "not a phone number (Kazakh numbers may be given as 8 7xx …)" }), z.NEVER),
  )
  .openapi({
    type: "string",
    maxLength: 32,
    pattern: DOCUMENTED_PHONE,
    description:
      "A phone number, stored in E.164. The pattern (a Kazakh number, +7 or 8 then 7xx) is what is always accepted; other countries' numbers with their code, and brackets, dashes and dots between digits, are accepted when valid.",
    example: "+7 701 123 45 67",
  });

export const ExternalIdField = z.string().trim().min(1).max(128).openapi({ example: "user-20931" });
export const ContactIdField = z.string().min(1).max(64).openapi({ example: "ct_3k9x0c1d2e3f4g5h6j7k8m9n0p" });

/** An ISO-8601 instant with a time zone; "2026-11-24T09:30:00+05:00" and "…Z" both work. */
export const InstantField = z.iso.datetime({ offset: true }).openapi({ example: "2026-11-24T09:30:00+05:00" });

/** A policy version: the date its text took effect, "2025-01" or "2025-01-15" (src/consent/policy-version.ts). */
export const PolicyVersionField = z
  .string()
  .regex(POLICY_VERSION_PATTERN, 'a policy version is the date its text took effect: "2025-01" or "2025-01-15"')
  .openapi({ example: "2025-01" });
