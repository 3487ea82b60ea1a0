import type { Page } from "playwright-core";
import { expect, inject } from "vitest";
import { workerUrl } from "./api";

/** Helpers for the operators' console pages: a session without typing a key, and the wide screen. */

export const WIDE = { width: 1440, height: 900 };

let adminSession: Promise<string> | undefined;

/**
 * A console session cookie for the admin key, made once per test file through the sign-in
 * form's POST (each sign-in attempt counts against the per-client limit, 10 a minute).
 */
export function adminSessionCookie(): Promise<string> {
  adminSession ??= (async () => {
    const response = await fetch(workerUrl("/admin/sign-in"), {
      method: "POST",
      headers: { Origin: new URL(workerUrl()).origin, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ key: inject("worker").adminKey, next: "/admin/people" }),
      redirect: "manual",
    });
    expect(response.status, await response.text()).toBe(303);
    const value = /^console_session=([^;]+)/.exec(response.headers.get("Set-Cookie") ?? "")?.[1];
    if (!value) throw new Error("the sign-in set no console_session cookie");
    return value;
  })();
  return adminSession;
}

/** Gives the page's browser context the admin's console session, then opens the URL (signed in). */
export async function signInAs(page: Page, url: string, status = 200): Promise<Page> {
  await page.context().addCookies([{ name: "console_session", value: await adminSessionCookie(), domain: "localhost", path: "/admin", httpOnly: true, sameSite: "Strict", secure: false }]);
  const response = await page.goto(url);
  expect(response?.status(), `the status of ${url}`).toBe(status);
  return page;
}

/** Fails when the page is wider than a 1440 px desktop window. */
export async function expectFitsWide(page: Page) {
  await page.setViewportSize(WIDE);
  const width = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
  expect(width, `${page.url()} at ${WIDE.width} px`).toBeLessThanOrEqual(WIDE.width);
}
