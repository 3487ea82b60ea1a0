import { describe, expect, it } from "vitest";
import { call, createContact, expectStatus, freshEmail, grant, workerUrl } from "./api";
import { expectFitsWide, signInAs } from "./console";
import { expectAccessible, expectHeading, expectPhoneReady, usePhoneBrowser } from "./phone";

// The operators' console (/admin) in Chromium, at 360 px and at 1440 px, axe on every page.
// What needs no browser (cookie flags, lifetime, revocation, the limiter) is in
// test/worker/console.test.ts.

const browser = usePhoneBrowser();

const SIGN_IN = { kk: "Консольге кіру", ru: "Вход в консоль", en: "Sign in to the console" };
const FIND = { kk: "Адамды табу", ru: "Найти человека", en: "Find a person" };

async function keyWith(scopes: string[]) {
  const response = await call("POST", "/v1/api-keys", { name: "console browser test", scopes });
  expectStatus(response, 201);
  return response.body.key as string;
}

async function submitKey(key: string) {
  const page = await browser.open(workerUrl("/admin/sign-in"), { lang: "en", audit: true });
  await page.getByLabel("API key").fill(key);
  await page.getByRole("button", { name: "Sign in" }).click();
  return page;
}

describe("console sign-in", () => {
  it("takes a key with the console scope to the console, with JavaScript off", async () => {
    const page = await browser.open(workerUrl("/admin/sign-in"), { lang: "en", javaScript: false });
    await expectHeading(page, SIGN_IN.en);
    await page.getByLabel("API key").fill(await keyWith(["console", "contacts:read"]));
    await page.getByRole("button", { name: "Sign in" }).click();
    // /admin, the default, is the first page: the audience.
    await expectHeading(page, "Audience");
    expect(new URL(page.url()).pathname).toBe("/admin/audience");
  });

  it("refuses a wrong key and a key without the console scope, and says why", async () => {
    const wrong = await submitKey("mpk_this_is_not_a_key_0000000000000000000000");
    await expectHeading(wrong, SIGN_IN.en);
    expect(await wrong.getByRole("alert").textContent()).toBe("This key is not valid.");
    await expectPhoneReady(wrong);
    await expectFitsWide(wrong);
    const noScope = await submitKey(await keyWith(["contacts:read"]));
    expect(await noScope.getByRole("alert").textContent()).toContain("lacks the “console” scope");
    expect(new URL(noScope.url()).pathname).toBe("/admin/sign-in");
  });

  it("sends a signed-out browser to the sign-in page, and back to the page it asked for after signing in", async () => {
    const contact = await createContact();
    const page = await browser.open(workerUrl(`/admin/people/${contact.id}`));
    expect(new URL(page.url()).pathname).toBe("/admin/sign-in");
    await expectHeading(page, SIGN_IN.kk); // the browser asks for Kazakh
    await page.getByLabel("API кілті").fill(await keyWith(["console", "contacts:read"]));
    await page.getByRole("button", { name: "Кіру" }).click();
    await expectHeading(page, "Адам");
    expect(new URL(page.url()).pathname).toBe(`/admin/people/${contact.id}`);
  });

  it("signs out: back at the sign-in page, and the console asks to sign in again", async () => {
    const page = await browser.open(workerUrl("/admin/sign-in"), { lang: "en" });
    await signInAs(page, workerUrl("/admin/people"));
    await page.getByRole("button", { name: "Sign out" }).click();
    await expectHeading(page, SIGN_IN.en);
    expect(await page.getByRole("status").textContent()).toBe("You have signed out.");
    await page.goto(workerUrl("/admin/people"));
    expect(new URL(page.url()).pathname).toBe("/admin/sign-in");
  });

  it("speaks the operator's language and remembers it", async () => {
    const page = await browser.open(workerUrl("/admin/sign-in"));
    await signInAs(page, workerUrl("/admin/people"));
    await expectHeading(page, FIND.kk);
    await page.getByRole("link", { name: "Русский" }).click();
    await expectHeading(page, FIND.ru);
    await page.goto(workerUrl("/admin/people"));
    await expectHeading(page, FIND.ru);
  });
});

describe("console: a person", () => {
  it("finds a person by email through a POST (no address in the URL), and shows the matrix and the timeline", async () => {
    const email = freshEmail();
    const contact = await createContact({
      email,
      consents: [grant("*", "*"), { topic: "newsletter", channel: "email", status: "withdrawn", source: "phone_call", evidence: { operator: "Aigerim" } }],
    });
    const page = await browser.open(workerUrl("/admin/sign-in"), { lang: "en", audit: true });
    await signInAs(page, workerUrl("/admin/people"));
    await page.getByLabel("Email").check();
    await page.getByLabel("Search for").fill(`  ${email.toUpperCase()}`);
    await page.getByRole("button", { name: "Find" }).click();
    await expectHeading(page, "Person");
    expect(page.url()).toBe(workerUrl(`/admin/people/${contact.id}`));
    expect(page.url()).not.toContain(email);

    const table = page.getByRole("table", { name: "Topics and channels" });
    const newsletterRow = table.getByRole("row", { name: /^Newsletter/ });
    expect(await newsletterRow.getByRole("cell").first().textContent()).toBe("Blockedunsubscribed on this channel");
    const coursesRow = table.getByRole("row", { name: /^New courses and services/ });
    expect(await coursesRow.getByRole("cell").first().textContent()).toBe("Allowedgeneral consent");

    const timeline = page.locator("ol.timeline > li");
    expect(await timeline.count()).toBe(2);
    expect(await timeline.first().getByRole("heading").textContent()).toBe("withdrawn: Newsletter (Email)");
    expect(await timeline.first().textContent()).toContain("phone call");
    expect(await timeline.first().textContent()).toContain("operator: Aigerim");
    expect(await timeline.last().getByRole("heading").textContent()).toBe("granted: All topics (all channels)");

    await expectPhoneReady(page);
    await expectFitsWide(page);
    await expectAccessible(page); // at 1440 px too
  });

  it("says so when nobody is found, and the form keeps what was typed", async () => {
    const page = await browser.open(workerUrl("/admin/sign-in"), { lang: "en", audit: true });
    await signInAs(page, workerUrl("/admin/people"));
    const email = freshEmail();
    await page.getByLabel("Search for").fill(email);
    await page.getByRole("button", { name: "Find" }).click();
    expect(await page.getByRole("status").textContent()).toBe("No one was found.");
    expect(await page.getByLabel("Search for").inputValue()).toBe(email);
    expect(page.url()).not.toContain(email);
    await expectPhoneReady(page);
    await expectFitsWide(page);
  });

  it("erases only after the address is typed, then shows only the erasure record", async () => {
    const email = freshEmail();
    const contact = await createContact({ email });
    const page = await browser.open(workerUrl("/admin/sign-in"), { lang: "en", audit: true });
    await signInAs(page, workerUrl(`/admin/people/${contact.id}`));
    const confirm = page.getByLabel("To confirm, type the person's email address");
    await confirm.fill("someone.else@example.kz");
    await page.getByRole("button", { name: "Erase this person" }).click();
    expect(await page.getByRole("alert").textContent()).toBe("What you typed does not match, so nothing was erased.");
    expectStatus(await call("GET", `/v1/contacts/${contact.id}`), 200);

    await page.getByLabel("To confirm, type the person's email address").fill(email);
    await page.getByRole("button", { name: "Erase this person" }).click();
    await expectHeading(page, "Erased person");
    expect(await page.locator("main").textContent()).not.toContain(email);
    expect(await page.locator("main").textContent()).toContain("admin");
    expect(await page.locator("ol.timeline").count()).toBe(0);
    expectStatus(await call("GET", `/v1/contacts/${contact.id}`), 410);
    await expectPhoneReady(page);
    await expectFitsWide(page);
  });

  it("answers an unknown contact id with a page that passes the audit", async () => {
    const page = await browser.open(workerUrl("/admin/sign-in"), { lang: "en", audit: true });
    await signInAs(page, workerUrl("/admin/people/ct_nobody_at_all"), 404);
    await expectHeading(page, "No such person");
    await expectPhoneReady(page);
  });

  it("refuses a form posted from another site (CSRF), erasing nothing", async () => {
    const email = freshEmail();
    const contact = await createContact({ email });
    const page = await browser.open(workerUrl("/admin/sign-in"));
    await signInAs(page, workerUrl(`/admin/people/${contact.id}`));
    const action = workerUrl(`/admin/people/${contact.id}/erase`);
    await page.context().route("http://attacker.test/**", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<!doctype html><title>win a prize</title><form method="post" action="${action}"><input name="confirm" value="${email}"><button>Claim</button></form>`,
      }),
    );
    await page.goto("http://attacker.test/");
    const [response] = await Promise.all([page.waitForResponse(action), page.getByRole("button", { name: "Claim" }).click()]);
    expect(response.status()).toBe(403);
    expectStatus(await call("GET", `/v1/contacts/${contact.id}`), 200);
  });
});
