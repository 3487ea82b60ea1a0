import { fill } from "../../../consent/texts";
import { offsetName } from "../../../consent/ledger-summary";
import type { Locale } from "../../../consent/locales";
import type { ApiKeyRecord } from "../../../store";
import type { Scope } from "../../auth";
import { ConsoleLayout } from "./layout";
import { When } from "./ops-parts";
import { API_KEYS_TEXT, CONSOLE_TEXT, OPS_TEXT } from "./texts";

export type ApiKeyField = "name" | "scopes";
export type ApiKeysNotice = "revoked" | "already_revoked";

export interface ApiKeysPageProps {
  locale: Locale;
  keys: ApiKeyRecord[];
  /** The scopes the signed-in key may give (its own). */
  grantable: readonly Scope[];
  offset: number;
  notice?: ApiKeysNotice;
  /** The create form again, as typed, with the field that was not usable. */
  form?: { name: string; scopes: string[]; problem: ApiKeyField };
}

export function ApiKeysPage({ locale, keys, grantable, offset, notice, form }: ApiKeysPageProps) {
  const words = API_KEYS_TEXT;
  const problem = form?.problem;
  return (
    <ConsoleLayout locale={locale} title={words.title[locale]} path="/admin/api-keys" current="api-keys" signedIn>
      <h1 id="keys">{words.title[locale]}</h1>
      {notice && (
        <p class="notice" role="status">
          {words[notice === "revoked" ? "revoked" : "alreadyRevoked"][locale]}
        </p>
      )}
      {problem && (
        <p class="error" role="alert" id="problem">
          {words[problem === "name" ? "badName" : "badScopes"][locale]}
        </p>
      )}
      <p class="muted">
        {words.help[locale]} {words.lastUsedNotKept[locale]}
      </p>
      <p class="muted">{fill(CONSOLE_TEXT.timesIn[locale], { offset: offsetName(offset) })}</p>
      {keys.length === 0 ? (
        <p>{OPS_TEXT.empty[locale]}</p>
      ) : (
        <div class="scroll" role="region" aria-labelledby="keys" tabindex={0}>
          <table>
            <caption class="muted">{words.listCaption[locale]}</caption>
            <thead>
              <tr>
                <th scope="col">{words.name[locale]}</th>
                <th scope="col">{words.id[locale]}</th>
                <th scope="col">{words.prefix[locale]}</th>
                <th scope="col">{words.scopes[locale]}</th>
                <th scope="col">{words.created[locale]}</th>
                <th scope="col">{words.createdBy[locale]}</th>
                <th scope="col">{words.state[locale]}</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr data-key={key.id} data-revoked={key.revokedAt ? "true" : "false"}>
                  <td>{key.name}</td>
                  <td>
                    <code>{key.id}</code>
                  </td>
                  <td>
                    <code>{key.prefix}…</code>
                  </td>
                  <td>
                    <code>{key.scopes.join(" ")}</code>
                  </td>
                  <td>
                    <When iso={key.createdAt} offset={offset} />
                  </td>
                  <td>
                    <code>{key.createdBy}</code>
                  </td>
                  <td>
                    {key.revokedAt ? (
                      <span class="muted">
                        {words.revokedState[locale]} <When iso={key.revokedAt} offset={offset} />
                      </span>
                    ) : (
                      <>
                        {words.active[locale]}
                        <br />
                        <a href={`/admin/api-keys/${key.id}/revoke`} aria-label={`${words.revokeLink[locale]} ${key.name}`}>
                          {words.revokeLink[locale]}
                        </a>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 id="create">{words.createTitle[locale]}</h2>
      <p class="muted">{words.createHelp[locale]}</p>
      <form class="stack" method="post" action="/admin/api-keys">
        <label for="name">{words.name[locale]}</label>
        <input
          id="name"
          name="name"
          type="text"
          required
          maxlength={100}
          autocomplete="off"
          value={form?.name ?? ""}
          aria-invalid={problem === "name" ? "true" : undefined}
          aria-describedby={problem === "name" ? "problem" : undefined}
        />
        <fieldset class="checks" aria-invalid={problem === "scopes" ? "true" : undefined} aria-describedby={problem === "scopes" ? "problem" : undefined}>
          <legend>{words.scopes[locale]}</legend>
          {grantable.map((scope) => (
            <span class="radio">
              <input type="checkbox" id={`scope-${scope}`} name="scopes" value={scope} checked={form?.scopes.includes(scope)} />
              <label for={`scope-${scope}`}>
                <code>{scope}</code>
              </label>
            </span>
          ))}
        </fieldset>
        <button type="submit">{words.createButton[locale]}</button>
      </form>
    </ConsoleLayout>
  );
}

/** The answer to creating a key: the key itself, this once (the page is never cached: Cache-Control no-store). */
export function CreatedKeyPage({ locale, created, offset }: { locale: Locale; created: ApiKeyRecord & { key: string }; offset: number }) {
  const words = API_KEYS_TEXT;
  return (
    <ConsoleLayout locale={locale} title={words.createdTitle[locale]} path="/admin/api-keys" current="api-keys" signedIn>
      <h1>{words.createdTitle[locale]}</h1>
      <p class="error" role="alert">
        <strong>{words.shownOnce[locale]}</strong>
      </p>
      <dl class="fields">
        <dt>{words.theKey[locale]}</dt>
        <dd>
          <code class="secret" id="secret">
            {created.key}
          </code>
        </dd>
        <dt>{words.name[locale]}</dt>
        <dd>{created.name}</dd>
        <dt>{words.id[locale]}</dt>
        <dd>
          <code>{created.id}</code>
        </dd>
        <dt>{words.scopes[locale]}</dt>
        <dd>
          <code>{created.scopes.join(" ")}</code>
        </dd>
        <dt>{words.created[locale]}</dt>
        <dd>
          <When iso={created.createdAt} offset={offset} />
        </dd>
      </dl>
      <p>
        <a href="/admin/api-keys">{words.backToList[locale]}</a>
      </p>
    </ConsoleLayout>
  );
}

/** The step before revoking: what the key is, and a box to tick. */
export function RevokeKeyPage({ locale, apiKey, offset, unconfirmed }: { locale: Locale; apiKey: ApiKeyRecord; offset: number; unconfirmed?: boolean }) {
  const words = API_KEYS_TEXT;
  const path = `/admin/api-keys/${apiKey.id}/revoke`;
  return (
    <ConsoleLayout locale={locale} title={words.revokeTitle[locale]} path={path} current="api-keys" signedIn>
      <h1>{words.revokeTitle[locale]}</h1>
      {unconfirmed && (
        <p class="error" role="alert" id="problem">
          {words.revokeUnconfirmed[locale]}
        </p>
      )}
      <dl class="fields">
        <dt>{words.name[locale]}</dt>
        <dd>{apiKey.name}</dd>
        <dt>{words.id[locale]}</dt>
        <dd>
          <code>{apiKey.id}</code>
        </dd>
        <dt>{words.prefix[locale]}</dt>
        <dd>
          <code>{apiKey.prefix}…</code>
        </dd>
        <dt>{words.scopes[locale]}</dt>
        <dd>
          <code>{apiKey.scopes.join(" ")}</code>
        </dd>
        <dt>{words.created[locale]}</dt>
        <dd>
          <When iso={apiKey.createdAt} offset={offset} />
        </dd>
      </dl>
      <p>{words.revokeHelp[locale]}</p>
      <form class="stack" method="post" action={path}>
        <span class="radio">
          <input type="checkbox" id="confirm" name="confirm" value="yes" required aria-invalid={unconfirmed ? "true" : undefined} />
          <label for="confirm">{words.revokeButton[locale]}: «{apiKey.name}»</label>
        </span>
        <button type="submit" class="danger">
          {words.revokeButton[locale]}
        </button>
      </form>
      <p>
        <a href="/admin/api-keys">{words.backToList[locale]}</a>
      </p>
    </ConsoleLayout>
  );
}
