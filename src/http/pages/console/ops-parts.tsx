import { findTopic } from "../../../consent/catalog";
import { isChannel } from "../../../consent/channels";
import { localTime } from "../../../consent/ledger-summary";
import type { Locale } from "../../../consent/locales";
import { CHANNEL_NAMES } from "../preferences/texts";
import { OPS_TEXT, REASON_TEXT } from "./texts";

// Pieces the send-check, campaign, suppression and API-key pages share.

export function When({ iso, offset }: { iso: string; offset: number }) {
  return <time datetime={iso}>{localTime(iso, offset)}</time>;
}

export function TopicName({ locale, topic }: { locale: Locale; topic: string }) {
  const known = findTopic(topic);
  return known ? <span title={topic}>{known.title[locale]}</span> : <code>{topic}</code>;
}

export function ChannelName({ locale, channel }: { locale: Locale; channel: string }) {
  return <>{isChannel(channel) ? CHANNEL_NAMES[channel][locale] : channel}</>;
}

/** A reason's words as the person page shows them; an unknown code as it is. */
export function reasonWords(reason: string, locale: Locale): string {
  return REASON_TEXT[reason as keyof typeof REASON_TEXT]?.[locale] ?? reason;
}

/** A reason's words, the code itself in data-reason. */
export function ReasonName({ locale, reason }: { locale: Locale; reason: string }) {
  return <span data-reason={reason}>{reasonWords(reason, locale)}</span>;
}

/** Counts per reason, largest first. */
export function ReasonCounts({ locale, reasons }: { locale: Locale; reasons: Record<string, number> }) {
  const entries = Object.entries(reasons).sort(([, a], [, b]) => b - a);
  if (entries.length === 0) return <span class="muted">{OPS_TEXT.none[locale]}</span>;
  return (
    <ul class="reasons">
      {entries.map(([reason, n]) => (
        <li data-reason={reason}>
          <ReasonName locale={locale} reason={reason} />: <strong>{n}</strong>
        </li>
      ))}
    </ul>
  );
}

/** Keyset pages: a link back to the newest and one to the next older page, when there is one. */
export function Pager({ locale, path, next, query = {} }: { locale: Locale; path: string; next: string | null; query?: Record<string, string> }) {
  const href = (cursor?: string) => {
    const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== ""));
    if (cursor) params.set("cursor", cursor);
    const search = params.toString();
    return search ? `${path}?${search}` : path;
  };
  return (
    <p>
      <a href={href()}>{OPS_TEXT.newest[locale]}</a>
      {next && (
        <>
          {" · "}
          <a href={href(next)} rel="next">
            {OPS_TEXT.older[locale]} →
          </a>
        </>
      )}
    </p>
  );
}
