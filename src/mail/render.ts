import { render } from "@react-email/render";
import { createElement } from "react";
import ConfirmOptIn, { subject as confirmOptInSubject } from "../../emails/confirm-opt-in";
import PreferencesLink, { subject as preferencesLinkSubject } from "../../emails/preferences-link";
import type { MailMessage } from "./outgoing";

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

/** The subject, the HTML and the plain-text alternative of one message. */
export async function renderMail(message: MailMessage): Promise<RenderedMail> {
  const [element, subject] =
    message.template === "preferences_link"
      ? [createElement(PreferencesLink, message), preferencesLinkSubject(message)]
      : [createElement(ConfirmOptIn, message), confirmOptInSubject(message)];
  const [html, text] = await Promise.all([
    render(element),
    // React Email's own converter: the default one (html-to-text) is not bundled (wrangler.toml [alias]).
    render(element, { plainText: true, unstableTextConversion: true }),
  ]);
  return { subject, html, text };
}
