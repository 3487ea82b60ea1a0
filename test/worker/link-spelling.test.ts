import { describe, expect, it } from "vitest";
import { apiWithMail, decisionFor, fetchWithMail, withPendingConfirmation } from "./with-mail";

/**
 * One spelling per link: the last base64url character of a token may carry unused bits,
 * and a sibling with any of them set must not open the link.
 */
const URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** The link's URL with the last character of its token changed to each sibling that has unused bits set. */
function siblings(url: string): string[] {
  const unusedBits = { 2: 4, 3: 2 }[url.slice(url.lastIndexOf("/") + 1).length % 4] ?? 0;
  const last = URL_ALPHABET.indexOf(url.at(-1)!);
  return Array.from({ length: (1 << unusedBits) - 1 }, (_, i) => url.slice(0, -1) + URL_ALPHABET[last | (i + 1)]);
}

const oneClick = { body: "List-Unsubscribe=One-Click", headers: { "Content-Type": "application/x-www-form-urlencoded" } };

/** Each kind of link for one contact: unsubscribe (from a send check), preferences, confirm (as mailed). */
async function links() {
  const { contact, confirmUrl } = await withPendingConfirmation();
  const check = await apiWithMail("POST", "/v1/send-checks", { topic: "newsletter", channel: "email", recipients: [{ contactId: contact.id }] });
  return { contactId: contact.id as string, u: check.allowed[0].unsubscribe.url as string, p: contact.links.preferences as string, c: confirmUrl };
}

describe("a link's token is read in one spelling only", () => {
  it("opens /u, /p and /c with the token as made, and answers 404 to every sibling spelling", async () => {
    const link = await links();
    expect(siblings(link.u)).toHaveLength(15); // 40 bytes: 4 unused bits
    expect(siblings(link.p)).toHaveLength(15); // 34 bytes: 4 unused bits
    expect(siblings(link.c).length).toBeGreaterThan(0); // 44 bytes today: 2 unused bits
    for (const url of [link.u, link.p, link.c]) {
      const canonical = await fetchWithMail("GET", url);
      expect(canonical.status, url).toBe(200);
      for (const sibling of siblings(url)) expect((await fetchWithMail("GET", sibling)).status, sibling).toBe(404);
    }
  });

  it("writes nothing for a one-click on a sibling of the unsubscribe link", async () => {
    const link = await links();
    for (const sibling of siblings(link.u)) expect((await fetchWithMail("POST", sibling, oneClick)).status, sibling).toBe(404);
    expect(await decisionFor(link.contactId, "newsletter")).toBe("allowed");
    expect((await fetchWithMail("POST", link.u, oneClick)).status).toBe(200);
    expect(await decisionFor(link.contactId, "newsletter")).not.toBe("allowed");
  });
});
