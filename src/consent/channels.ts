export const CHANNELS = ["email", "sms", "voice", "whatsapp", "telegram"] as const;
export type Channel = (typeof CHANNELS)[number];

/** Each channel's number inside signed links (src/signing): fixed for good, never reused. */
export const CHANNEL_CODES: Record<Channel, number> = { email: 1, sms: 2, voice: 3, whatsapp: 4, telegram: 5 };

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
