import { Hono, type Context } from "hono";
import { normaliseEmail, normalisePhone } from "../../../consent/addresses";
import type { IdentityField } from "../../../consent/identity";
import { contactReach } from "../../../flows/contact-reach";
import { eraseContact } from "../../../flows/erase-contact";
import { mailPreferencesLinkTo } from "../../../flows/request-link";
import { logError } from "../../../log";
import type { AppEnv } from "../../context";
import { confirmationOf, ErasedPage, PersonNotFoundPage, PersonPage, type PersonNotice } from "../../pages/console/person";
import { SearchPage, type SearchNotice } from "../../pages/console/search";
import { pageLocaleOf } from "../../pages/request";
import { proofCsv, proofFilename, proofJson } from "../../proof";
import { forbiddenPage, formOf, localOffsetOf, requirePageScope } from "./guard";
import { may } from "./session";

const SEARCH_FIELDS: readonly IdentityField[] = ["email", "phone", "externalId"];
const LINK_OUTCOMES = { sent: "link_sent", no_email: "link_no_email", not_configured: "link_not_configured", failed: "link_failed" } as const;
/** Contact ids are ours ("ct_…"); anything else in the path is nobody. */
const CONTACT_ID = /^[\w-]{1,64}$/;

/**
 * /admin/people: find a person (a POST, so that the address stays out of URLs and logs) and
 * the person's page, addressed by contact id: current choices, ledger, proof, a preference
 * link, erasure. Each action needs the API scope it would need through /v1.
 */
export const peopleRoutes = new Hono<AppEnv>()
  .use("*", requirePageScope("contacts:read", "people"))
  .get("/", (c) => c.html(<SearchPage locale={pageLocaleOf(c)} />))
  .post("/", async (c) => {
    const locale = pageLocaleOf(c);
    const body = await formOf(c);
    const field = SEARCH_FIELDS.find((f) => f === body.by) ?? "email";
    const given = typeof body.value === "string" ? body.value.slice(0, 320) : "";
    const value = normalised(field, given);
    if (value === undefined) return c.html(<SearchPage locale={locale} field={field} value={given} notice={`bad_${field}` as SearchNotice} />, 400);
    // The same lookup as GET /v1/contacts?email=…: exact, normalised, never an erased person.
    const contact = await c.var.store.findContact(field, value);
    // Nobody found is an answer, as the API's empty list is (200), not a missing page.
    if (!contact) return c.html(<SearchPage locale={locale} field={field} value={given} notice="not_found" />);
    return c.redirect(`/admin/people/${contact.id}`, 303);
  })
  .get("/:id", async (c) => {
    const ledger = await ledgerOf(c);
    if (!ledger) return notFound(c);
    const notice = Object.values(LINK_OUTCOMES).find((n) => n === c.req.query("done"));
    return personPage(c, ledger, notice);
  })
  .get("/:id/proof", async (c) => {
    const ledger = await ledgerOf(c);
    if (!ledger) return notFound(c);
    if (ledger.contact.erasedAt !== null) return c.redirect(`/admin/people/${ledger.contact.id}`, 303);
    const generatedAt = new Date();
    if (c.req.query("format") === "csv") {
      return c.body(proofCsv(ledger), 200, {
        "Content-Type": "text/csv; charset=utf-8; header=present",
        "Content-Disposition": `attachment; filename="${proofFilename(ledger, generatedAt, "csv")}"`,
      });
    }
    return c.json(proofJson(ledger, c.var.config, generatedAt), 200, {
      "Content-Disposition": `attachment; filename="${proofFilename(ledger, generatedAt, "json")}"`,
    });
  })
  .post("/:id/preference-link", async (c) => {
    const ledger = await ledgerOf(c);
    if (!ledger) return notFound(c);
    const { contact } = ledger;
    if (contact.erasedAt !== null) return c.redirect(`/admin/people/${contact.id}`, 303);
    let outcome: keyof typeof LINK_OUTCOMES;
    try {
      outcome = await mailPreferencesLinkTo(c.var.services, contact);
    } catch (error) {
      logError({ requestId: c.var.requestId, event: "console_link_mail_failed", error });
      outcome = "failed";
    }
    // Post, redirect, get: a reload does not press the button again.
    return c.redirect(`/admin/people/${contact.id}?done=${LINK_OUTCOMES[outcome]}`, 303);
  })
  .post("/:id/erase", async (c) => {
    if (!may(c, "contacts:erase")) return forbiddenPage(c, "contacts:erase", "people");
    const ledger = await ledgerOf(c);
    if (!ledger) return notFound(c);
    const { contact } = ledger;
    if (contact.erasedAt === null) {
      const body = await formOf(c);
      if (!confirmed(contact, body.confirm)) return personPage(c, ledger, "erase_mismatch", 400);
      const result = await eraseContact(c.var.services, contact.id, c.var.principal.keyId);
      if (result.status === "unknown") return notFound(c);
    }
    return c.redirect(`/admin/people/${contact.id}`, 303);
  });

function normalised(field: IdentityField, given: string): string | undefined {
  if (field === "email") return normaliseEmail(given);
  if (field === "phone") return normalisePhone(given);
  const trimmed = given.trim();
  return trimmed.length >= 1 && trimmed.length <= 128 ? trimmed : undefined;
}

/** Whether the operator typed the identifier the erase form asked for (normalised as on write). */
function confirmed(contact: Parameters<typeof confirmationOf>[0], typed: unknown): boolean {
  if (typeof typed !== "string") return false;
  const { field, value } = confirmationOf(contact);
  const given = field === "email" || field === "phone" || field === "externalId" ? normalised(field, typed) : typed.trim();
  return given === value;
}

async function ledgerOf(c: Context<AppEnv>) {
  const id = c.req.param("id") ?? "";
  return CONTACT_ID.test(id) ? c.var.store.getConsentLedger(id) : undefined;
}

type Ledger = NonNullable<Awaited<ReturnType<typeof ledgerOf>>>;

async function personPage(c: Context<AppEnv>, ledger: Ledger, notice?: PersonNotice, status: 200 | 400 = 200) {
  const locale = pageLocaleOf(c);
  const utcOffsetMinutes = localOffsetOf(c);
  const { contact } = ledger;
  if (contact.erasedAt !== null) {
    return c.html(<ErasedPage locale={locale} contactId={contact.id} erasure={ledger.erasure} utcOffsetMinutes={utcOffsetMinutes} />);
  }
  const reach = await contactReach(c.var.services, contact.id);
  return c.html(
    <PersonPage locale={locale} contact={contact} reach={reach} events={ledger.events} utcOffsetMinutes={utcOffsetMinutes} may={{ erase: may(c, "contacts:erase") }} notice={notice} />,
    status,
  );
}

function notFound(c: Context<AppEnv>) {
  return c.html(<PersonNotFoundPage locale={pageLocaleOf(c)} contactId={c.req.param("id") ?? ""} />, 404);
}
