import { ALL, CHANNELS, type Channel } from "../../../consent/channels";
import { findTopic } from "../../../consent/catalog";
import { offsetName } from "../../../consent/ledger-summary";
import { fill } from "../../../consent/texts";
import type { Locale } from "../../../consent/locales";
import type { Contact, ErasureRecord, LedgerEvent } from "../../../consent/types";
import type { ReachRow } from "../../../flows/contact-reach";
import { CHANNEL_NAMES } from "../preferences/texts";
import { LANGUAGE_NAMES } from "../texts";
import { ConsoleLayout } from "./layout";
import { When } from "./ops-parts";
import { CONSOLE_TEXT, PERSON_TEXT, REASON_TEXT, SOURCE_TEXT, STATUS_TEXT } from "./texts";

/** What the page says after an action: the outcome of mailing a link, or a refused erasure. */
export type PersonNotice = "link_sent" | "link_no_email" | "link_not_configured" | "link_failed" | "erase_mismatch";

const NOTICES: Record<PersonNotice, { text: keyof typeof PERSON_TEXT; kind: "notice" | "error" }> = {
  link_sent: { text: "linkSent", kind: "notice" },
  link_no_email: { text: "linkNoEmail", kind: "error" },
  link_not_configured: { text: "linkNotConfigured", kind: "error" },
  link_failed: { text: "linkFailed", kind: "error" },
  erase_mismatch: { text: "eraseMismatch", kind: "error" },
};

export interface PersonPageProps {
  locale: Locale;
  contact: Contact;
  reach: ReachRow[];
  events: LedgerEvent[];
  utcOffsetMinutes: number;
  /** What the signed-in key may do here. */
  may: { erase: boolean };
  notice?: PersonNotice;
}

export function PersonPage({ locale, contact, reach, events, utcOffsetMinutes, may, notice }: PersonPageProps) {
  const words = PERSON_TEXT;
  const path = `/admin/people/${contact.id}`;
  const shown = notice && NOTICES[notice];
  return (
    <ConsoleLayout locale={locale} title={words.title[locale]} path={path} current="people" signedIn>
      <h1>{words.title[locale]}</h1>
      {shown && (
        <p class={shown.kind} role={shown.kind === "error" ? "alert" : "status"}>
          {words[shown.text][locale]}
        </p>
      )}
      <p class="muted">{fill(CONSOLE_TEXT.timesIn[locale], { offset: offsetName(utcOffsetMinutes) })}</p>
      <h2>{words.details[locale]}</h2>
      <dl class="fields">
        <dt>{words.id[locale]}</dt>
        <dd>
          <code>{contact.id}</code>
        </dd>
        {(["email", "phone", "externalId"] as const).map((field) => (
          <>
            <dt>{words[field][locale]}</dt>
            <dd>{contact[field] ?? <span class="muted">{words.none[locale]}</span>}</dd>
          </>
        ))}
        <dt>{words.locale[locale]}</dt>
        <dd>{LANGUAGE_NAMES[contact.locale as Locale] ?? contact.locale}</dd>
        <dt>{words.createdAt[locale]}</dt>
        <dd>
          <When iso={contact.createdAt} offset={utcOffsetMinutes} />
        </dd>
      </dl>

      <h2 id="matrix">{words.matrixTitle[locale]}</h2>
      <p class="muted">{words.matrixHelp[locale]}</p>
      <ReachMatrix locale={locale} reach={reach} />

      <div class="actions">
        <section aria-labelledby="proof">
          <h2 id="proof">{words.proofTitle[locale]}</h2>
          <p class="muted">{words.proofHelp[locale]}</p>
          <p>
            <a href={`${path}/proof?format=json`} download>
              {words.proofJson[locale]}
            </a>
          </p>
          <p>
            <a href={`${path}/proof?format=csv`} download>
              {words.proofCsv[locale]}
            </a>
          </p>
        </section>
        <section aria-labelledby="link">
          <h2 id="link">{words.linkTitle[locale]}</h2>
          <p class="muted">{words.linkHelp[locale]}</p>
          <form method="post" action={`${path}/preference-link`}>
            <button type="submit">{words.linkButton[locale]}</button>
          </form>
        </section>
        {may.erase && <EraseForm locale={locale} contact={contact} path={path} />}
      </div>

      <h2 id="ledger">{words.ledgerTitle[locale]}</h2>
      <p class="muted">{words.ledgerHelp[locale]}</p>
      <Timeline locale={locale} events={events} utcOffsetMinutes={utcOffsetMinutes} />
    </ConsoleLayout>
  );
}

/** Topics down, channels across; each cell says allowed or blocked, and the reason. */
function ReachMatrix({ locale, reach }: { locale: Locale; reach: ReachRow[] }) {
  const words = PERSON_TEXT;
  const channels = CHANNELS.filter((channel) => reach.some((row) => row.cells[channel]));
  return (
    // Wider than a phone: the table scrolls on its own, and the keyboard can reach it.
    <div class="scroll" role="region" aria-labelledby="matrix" tabindex={0}>
      <table>
        <caption class="muted">{words.matrixCaption[locale]}</caption>
        <thead>
          <tr>
            <th scope="col">{words.topic[locale]}</th>
            {channels.map((channel) => (
              <th scope="col">{CHANNEL_NAMES[channel][locale]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {reach.map((row) => (
            <tr data-topic={row.topic.key}>
              <th scope="row">{row.topic.title[locale]}</th>
              {channels.map((channel) => (
                <ReachCell locale={locale} row={row} channel={channel} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ReachCell({ locale, row, channel }: { locale: Locale; row: ReachRow; channel: Channel }) {
  const words = PERSON_TEXT;
  const decision = row.cells[channel];
  if (!decision) return <td class="unused" data-channel={channel}>{words.notUsed[locale]}</td>;
  return (
    <td class={decision.allowed ? "allowed" : "blocked"} data-channel={channel} data-reason={decision.reason}>
      <span class="verdict">{decision.allowed ? words.allowed[locale] : words.blocked[locale]}</span>
      {REASON_TEXT[decision.reason][locale]}
    </td>
  );
}

/** The ledger, newest first: what, who, when, how, under which policy, and the evidence. */
function Timeline({ locale, events, utcOffsetMinutes }: { locale: Locale; events: LedgerEvent[]; utcOffsetMinutes: number }) {
  const words = PERSON_TEXT;
  if (events.length === 0) return <p>{words.ledgerEmpty[locale]}</p>;
  const when = (iso: string) => <When iso={iso} offset={utcOffsetMinutes} />;
  return (
    <ol class="timeline">
      {[...events].reverse().map((event) => (
        <li class={event.status} id={`event-${event.seq}`}>
          <h3>
            {STATUS_TEXT[event.status][locale]}: {scopeName(event.topic, event.channel, locale)}
          </h3>
          <dl class="fields">
            <dt>{words.occurredAt[locale]}</dt>
            <dd>{when(event.occurredAt)}</dd>
            <dt>{words.recordedAt[locale]}</dt>
            <dd>{when(event.recordedAt)}</dd>
            <dt>{words.source[locale]}</dt>
            <dd>{SOURCE_TEXT[event.source]?.[locale] ?? event.source}</dd>
            <dt>{words.actor[locale]}</dt>
            <dd>
              <code>{event.actor}</code>
            </dd>
            <dt>{words.policyVersion[locale]}</dt>
            <dd>{event.policyVersion}</dd>
            <dt>{words.evidence[locale]}</dt>
            <dd>
              <Evidence evidence={event.evidence} />
            </dd>
          </dl>
        </li>
      ))}
    </ol>
  );
}

function Evidence({ evidence }: { evidence: Record<string, unknown> }) {
  const entries = Object.entries(evidence);
  if (entries.length === 0) return <span>—</span>;
  return (
    <>
      {entries.map(([key, value], i) => (
        <>
          {i > 0 && <br />}
          <code>
            {key}: {typeof value === "string" ? value : JSON.stringify(value)}
          </code>
        </>
      ))}
    </>
  );
}

function scopeName(topic: string, channel: string, locale: Locale): string {
  const what = topic === ALL ? PERSON_TEXT.allTopics[locale] : (findTopic(topic)?.title[locale] ?? topic);
  const how = channel === ALL ? PERSON_TEXT.allChannels[locale] : (CHANNEL_NAMES[channel as Channel]?.[locale] ?? channel);
  return `${what} (${how})`;
}

/** The identifier the operator must type to erase: the email, else the phone, else the external id, else the id. */
export function confirmationOf(contact: Contact): { field: "email" | "phone" | "externalId" | "id"; value: string } {
  if (contact.email !== null) return { field: "email", value: contact.email };
  if (contact.phone !== null) return { field: "phone", value: contact.phone };
  if (contact.externalId !== null) return { field: "externalId", value: contact.externalId };
  return { field: "id", value: contact.id };
}

const CONFIRM_LABELS = { email: "confirmEmail", phone: "confirmPhone", externalId: "confirmExternalId", id: "confirmId" } as const;

function EraseForm({ locale, contact, path }: { locale: Locale; contact: Contact; path: string }) {
  const words = PERSON_TEXT;
  const { field } = confirmationOf(contact);
  return (
    <section aria-labelledby="erase">
      <h2 id="erase">{words.eraseTitle[locale]}</h2>
      <p class="muted">{words.eraseHelp[locale]}</p>
      <form method="post" action={`${path}/erase`}>
        <label for="confirm">{words[CONFIRM_LABELS[field]][locale]}</label>
        <input id="confirm" name="confirm" type="text" required maxlength={320} autocomplete="off" spellcheck={false} />
        <button type="submit" class="danger">
          {words.eraseButton[locale]}
        </button>
      </form>
    </section>
  );
}

/** An erased person: the erasure record and nothing else. */
export function ErasedPage({ locale, contactId, erasure, utcOffsetMinutes }: { locale: Locale; contactId: string; erasure: ErasureRecord | undefined; utcOffsetMinutes: number }) {
  const words = PERSON_TEXT;
  return (
    <ConsoleLayout locale={locale} title={words.erasedTitle[locale]} path={`/admin/people/${contactId}`} current="people" signedIn>
      <h1>{words.erasedTitle[locale]}</h1>
      <p class="notice" role="status">
        {words.erasedText[locale]}
      </p>
      <dl class="fields">
        <dt>{words.id[locale]}</dt>
        <dd>
          <code>{contactId}</code>
        </dd>
        {erasure && (
          <>
            <dt>{words.erasedAt[locale]}</dt>
            <dd>
              <When iso={erasure.erasedAt} offset={utcOffsetMinutes} /> ({offsetName(utcOffsetMinutes)})
            </dd>
            <dt>{words.erasedBy[locale]}</dt>
            <dd>
              <code>{erasure.apiKeyId}</code>
            </dd>
            <dt>{words.erasedEvents[locale]}</dt>
            <dd>{erasure.ledgerEvents}</dd>
            <dt>{words.erasedAddresses[locale]}</dt>
            <dd>{erasure.addresses.map((kind) => PERSON_TEXT[kind][locale]).join(", ") || "—"}</dd>
          </>
        )}
      </dl>
      <p>
        <a href="/admin/people">{words.findAnother[locale]}</a>
      </p>
    </ConsoleLayout>
  );
}

export function PersonNotFoundPage({ locale, contactId }: { locale: Locale; contactId: string }) {
  const words = PERSON_TEXT;
  return (
    <ConsoleLayout locale={locale} title={words.notFoundTitle[locale]} path={`/admin/people/${contactId}`} current="people" signedIn>
      <h1>{words.notFoundTitle[locale]}</h1>
      <p>
        <a href="/admin/people">{words.findAnother[locale]}</a>
      </p>
    </ConsoleLayout>
  );
}
