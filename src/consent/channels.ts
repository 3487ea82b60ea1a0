export const CHANNELS = ["email", "sms", "voice", "whatsapp", "telegram"] as const;
export type Channel = (typeof CHANNELS)[number];

/** The kind of address a channel delivers to: email to an email address, the rest to a phone. */
export type AddressKind = "email" | "phone";

export function addressKindOf(channel: Channel): AddressKind {
  return channel === "email" ? "email" : "phone";
}

export function isChannel(value: string): value is Channel {
  return (CHANNELS as readonly string[]).includes(value);
}

/** "*" in a consent scope means every topic, or every channel. */
export const ALL = "*";
