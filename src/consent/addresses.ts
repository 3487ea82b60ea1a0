import { parsePhoneNumberFromString, type MetadataJson } from "libphonenumber-js/core";
// The "min" metadata without its display formats (scripts/generate.mjs): parsing and validating never read them.
import phoneMetadata from "./phone-metadata.json";

/**
 * Addresses are stored and compared in one normal form, so that "Aigul@Mail.KZ" given by
 * a CRM and "aigul@mail.kz" typed by a person are the same recipient.
 * Both functions return undefined for text that is not an address.
 */

const MAX_EMAIL_LENGTH = 254;
const LOCAL_PART = /^[^\s@"(),:;<>[\\\]]{1,64}$/u;
/**
 * Control and format characters (NUL, BEL, C1, zero-width space, RTL override, soft hyphen,
 * BOM …) are invisible or reorder what is shown: an address holding one is not the address
 * a person reads, and could pass for someone else's. Format characters are refused even
 * where trim() would drop them (a BOM); controls only inside, after trimming line ends.
 */
const FORMAT = /\p{Cf}/u;
const CONTROL = /\p{Cc}/u;
/** The dots IDNA (UTS #46) reads as ".": ideographic, full-width, half-width ideographic. */
const IDNA_DOTS = /[\u3002\uff0e\uff61]/g;

/** Trimmed, Unicode NFC, lower case; the domain in its ASCII (punycode) form. */
export function normaliseEmail(text: string): string | undefined {
  if (FORMAT.test(text)) return undefined;
  const email = text.trim().normalize("NFC").toLowerCase();
  if (CONTROL.test(email)) return undefined;
  const at = email.lastIndexOf("@");
  if (at < 1 || email.length > MAX_EMAIL_LENGTH) return undefined;
  const local = email.slice(0, at);
  const domain = asciiDomain(email.slice(at + 1));
  if (!domain || !LOCAL_PART.test(local)) return undefined;
  if (local.startsWith(".") || local.endsWith(".") || local.includes("..")) return undefined;
  return `${local}@${domain}`;
}

function asciiDomain(text: string): string | undefined {
  const domain = text.replace(IDNA_DOTS, ".");
  if (!/^[^\s/?#:@\\[\]%]+$/u.test(domain) || !domain.includes(".")) return undefined;
  // An internationalised domain (or full-width letters) goes through the URL parser's IDNA;
  // the usual all-ASCII one is already in its final form and is only checked.
  let ascii = domain;
  if (!/^[a-z0-9.-]+$/.test(domain)) {
    try {
      ascii = new URL(`http://${domain}`).hostname;
    } catch {
      return undefined;
    }
  }
  const labels = ascii.split(".");
  const valid = labels.every((label) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label));
  // Top-level domains start with a letter; this also refuses IPv4 forms such as 10.0.0.1.
  const topLevel = labels[labels.length - 1] ?? "";
  return valid && /^[a-z]/.test(topLevel) ? ascii : undefined;
}

/**
 * E.164. Numbers without a country code are read as Kazakh: "8 701 123 45 67",
 * "+7 (701) 123-45-67" and "7011234567" are all +77011234567.
 */
export function normalisePhone(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed.length > 32 || !/^[\d\s()+.-]+$/.test(trimmed)) return undefined;
  const phone = parsePhoneNumberFromString(trimmed, "KZ", phoneMetadata as unknown as MetadataJson);
  return phone?.isValid() ? phone.number : undefined;
}
