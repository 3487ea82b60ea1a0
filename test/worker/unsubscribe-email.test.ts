import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { call, createContact, expectStatus, freshEmail, grant } from "./api";
import { sql } from "./db";

/** An inbound message as Email Routing hands it to the Worker, recording a rejection. */
function inbound(to: string, from: string) {
  const raw = `From: ${from}\r\nTo: ${to}\r\nSubject: unsubscribe\r\nMessage-ID: <m1@mail.example>\r\n\r\n`;
  const message = {
    from,
    to,
    headers: new Headers({ "Message-ID": "<m1@mail.example>", Subject: "unsubscribe" }),
    raw: new Response(raw).body!,
    rawSize: raw.length,
    rejected: undefined as string | undefined,
    setReject(reason: string) {
      this.rejected = reason;
    },
    forward: async () => ({ messageId: "" }),
    reply: async () => ({ messageId: "" }),
  };
  return message;
}

async function deliver(message: ReturnType<typeof inbound>) {
  await worker.email(message as unknown as ForwardableEmailMessage, env);
  return message;
}

async function mailtoOf(email: string) {
  const contact = await createContact({ email, consents: [grant("*", "*")] });
  const checked = await call("POST", "/v1/send-checks", {
    body: { topic: "newsletter", channel: "email", recipients: [{ contactId: contact.id }] },
  });
  expectStatus(checked, 200);
  const header: string = checked.body.allowed[0].unsubscribe.headers["List-Unsubscribe"];
  const address = /<mailto:([^?>]+)\?subject=unsubscribe>/.exec(header)![1]!;
  return { contact, address };
}

async function withdrawals(contactId: string) {
  return sql.all<{ topic: string; channel: string; source: string; evidence: string }>(
    "SELECT topic, channel, source, evidence FROM consent_events WHERE contact_id = ?1 AND status = 'withdrawn'",
    contactId,
  );
}

describe("unsubscribe by email (the Worker's email handler)", () => {
  it("records a withdrawal for mail to the token address, without keeping the sender's address", async () => {
    const email = freshEmail();
    const { contact, address } = await mailtoOf(email);
    const message = await deliver(inbound(address, email.toUpperCase()));
    expect(message.rejected).toBeUndefined();
    const [withdrawal] = await withdrawals(contact.id);
    expect(withdrawal).toMatchObject({ topic: "newsletter", channel: "email", source: "email_reply" });
    const evidence = JSON.parse(withdrawal!.evidence);
    expect(evidence).toMatchObject({ messageId: "<m1@mail.example>", senderIsContact: true, linkKeyId: 2 });
    expect(evidence.sendCheckId).toMatch(/^sc_/);
    expect(withdrawal!.evidence).not.toContain(email.split("@")[0]);
    const next = await call("POST", "/v1/send-checks", {
      body: { topic: "newsletter", channel: "email", recipients: [{ contactId: contact.id }] },
    });
    expect(next.body.blocked[0].reason).toBe("withdrawn_topic_channel");
  });

  it("accepts the address in upper case (mail systems may fold it) and records once when mailed twice", async () => {
    const { contact, address } = await mailtoOf(freshEmail());
    const [mailbox, domain] = address.split("@");
    expect((await deliver(inbound(`${mailbox!.toUpperCase()}@${domain!.toUpperCase()}`, "someone@else.kz"))).rejected).toBeUndefined();
    expect((await deliver(inbound(address, "someone@else.kz"))).rejected).toBeUndefined();
    const recorded = await withdrawals(contact.id);
    expect(recorded).toHaveLength(1);
    expect(JSON.parse(recorded[0]!.evidence).senderIsContact).toBe(false);
  });

  it("rejects mail to any other address of the domain, or to a token address on another domain, alike", async () => {
    const { contact, address } = await mailtoOf(freshEmail());
    const [mailbox] = address.split("@");
    const flipped = mailbox!.slice(0, 10) + (mailbox![10] === "a" ? "b" : "a") + mailbox!.slice(11);
    for (const to of [`${flipped}@unsubscribe.prefs.test`, `${mailbox}@other.test`, "postmaster@unsubscribe.prefs.test", "@unsubscribe.prefs.test"]) {
      expect((await deliver(inbound(to, "a@b.kz"))).rejected, to).toBe("Unknown address");
    }
    expect(await withdrawals(contact.id)).toHaveLength(0);
  });

  it("rejects mail for an erased contact", async () => {
    const { contact, address } = await mailtoOf(freshEmail());
    await sql.run("UPDATE contacts SET erased_at = ?2 WHERE id = ?1", contact.id, new Date().toISOString());
    expect((await deliver(inbound(address, "a@b.kz"))).rejected).toBe("Unknown address");
    expect(await withdrawals(contact.id)).toHaveLength(0);
  });
});
