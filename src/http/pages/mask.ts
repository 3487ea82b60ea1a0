import { ALL, addressKindOf, type Channel } from "../../consent/channels";

/**
 * Addresses as the pages show them: enough for a person to recognise their own, not to
 * read it off a shared screen.
 */

/** "a•••@mail.kz" */
export function maskEmail(email: string): string {
  return `${email.slice(0, 1)}•••${email.slice(email.lastIndexOf("@"))}`;
}

/** "+7 701 •••• 67" */
export function maskPhone(phone: string): string {
  return `${phone.slice(0, 2)} ${phone.slice(2, 5)} •••• ${phone.slice(-2)}`;
}

/** The contact's addresses a channel (or every channel) uses, masked. */
export function maskedAddresses(contact: { email: string | null; phone: string | null }, channel: Channel | typeof ALL = ALL): string[] {
  const kinds = channel === ALL ? (["email", "phone"] as const) : [addressKindOf(channel)];
  return kinds.flatMap((kind) => {
    const address = contact[kind];
    if (address === null) return [];
    return [kind === "email" ? maskEmail(address) : maskPhone(address)];
  });
}
