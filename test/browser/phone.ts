import axe from "axe-core";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject } from "vitest";

/** Pages of the real Worker in the run's one Chromium, at a phone's size; axe and layout checks. */

export const PHONE = { width: 360, height: 740 };
export const LOCALES = ["kk", "ru", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export interface OpenOptions {
  /** Adds ?lang= to the URL. */
  lang?: Locale;
  /** false: a context with JavaScript disabled, as some readers browse. Default true. */
  javaScript?: boolean;
  /**
   * Lets axe's script in past the page's Content-Security-Policy (which allows no script).
   * Only pages that expectAccessible() checks need it; the others run under the real policy.
   */
  audit?: boolean;
  /** The status the page must answer with. Default 200. */
  status?: number;
}

/**
 * Call once at the top of a test file: connects to the run's Chromium before the file's
 * tests, closes every page a test opened after it, and disconnects after the file.
 */
export function usePhoneBrowser() {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];
  // Without Chromium every test fails (in open()) with the reason, rather than being skipped.
  const problem = inject("chromiumProblem");
  beforeAll(async () => {
    if (!problem) browser = await chromium.connect(inject("chromiumEndpoint"));
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    // A blocked style (the CSP) or a failed request shows here, not in the page's text.
    const errors = consoleErrors.splice(0);
    if (errors.length > 0) throw new Error(`the browser console reported errors:\n${errors.join("\n")}`);
  });
  afterAll(async () => {
    await browser?.close();
  });

  return {
    /** A new phone-sized browser context (no cookies, nothing shared) showing the URL. */
    async open(url: string, { lang, javaScript = true, audit = false, status = 200 }: OpenOptions = {}): Promise<Page> {
      if (problem) throw new Error(problem);
      if (!browser) throw new Error("usePhoneBrowser(): no browser (did beforeAll fail?)");
      const context = await browser.newContext({
        viewport: PHONE,
        // A teacher's phone in Kazakhstan, set to Kazakh: it sends Accept-Language: kk-KZ.
        locale: "kk-KZ",
        isMobile: true,
        hasTouch: true,
        javaScriptEnabled: javaScript,
        bypassCSP: audit,
      });
      contexts.push(context);
      const page = await context.newPage();
      page.on("console", (message) => {
        const source = new URL(message.location().url || page.url());
        // The page's own status is checked below.
        const ownStatus = source.href === page.url() && message.text().startsWith("Failed to load resource");
        if (message.type() !== "error" || ownStatus) return;
        consoleErrors.push(`${page.url()}: ${message.text()} (${source.href})`);
      });
      page.on("pageerror", (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
      const response = await page.goto(withLang(url, lang));
      expect(response?.status(), `the status of ${url}`).toBe(status);
      return page;
    },
  };
}

/** Waits for the page's h1 to read exactly this (after a click, the next page may still be loading). */
export async function expectHeading(page: Page, text: string) {
  const heading = page.getByRole("heading", { level: 1 });
  await expect.poll(() => heading.first().textContent(), { message: `the h1 of ${page.url()}` }).toBe(text);
}

export function withLang(url: string, lang: Locale | undefined): string {
  if (!lang) return url;
  const target = new URL(url);
  target.searchParams.set("lang", lang);
  return target.toString();
}

// The callbacks below run in the page; these declare the little of the DOM they touch.
declare const document: { documentElement: { scrollWidth: number; lang: string }; querySelectorAll(s: string): ArrayLike<PageElement> };
interface PageElement {
  tagName: string;
  className: string;
  textContent: string | null;
  getBoundingClientRect(): { left: number; right: number };
}

/** Fails when the page is wider than the phone, naming the elements that stick out. */
export async function expectNoHorizontalOverflow(page: Page) {
  // Against the phone's width, not innerWidth: a mobile browser widens the layout to fit overflowing content.
  const layout = await page.evaluate((width) => ({
    scrollWidth: document.documentElement.scrollWidth,
    offenders: Array.from(document.querySelectorAll("body *"))
      .filter((element) => element.getBoundingClientRect().right > width + 0.5 || element.getBoundingClientRect().left < -0.5)
      .map((element) => `${element.tagName.toLowerCase()}${element.className ? `.${element.className}` : ""}: "${(element.textContent ?? "").trim().slice(0, 60)}"`),
  }), PHONE.width);
  expect(layout.scrollWidth, `${page.url()} is wider than ${PHONE.width} px; sticking out: ${layout.offenders.join("; ")}`).toBeLessThanOrEqual(PHONE.width);
}

const FAILING_IMPACTS = new Set(["serious", "critical"]);

/**
 * Runs axe-core in the page (opened with { audit: true }) and fails on any violation of
 * impact serious or critical, printing each rule, its help and the offending nodes.
 * Returns the lesser (moderate, minor) violations, for a test that wants to look at them.
 */
export async function expectAccessible(page: Page): Promise<axe.Result[]> {
  await page.addScriptTag({ content: axe.source }).catch((error: Error) => {
    throw new Error(`axe-core could not be added to ${page.url()}: was the page opened with { audit: true }? ${error.message}`);
  });
  const results = await page.evaluate(() =>
    (globalThis as unknown as { axe: typeof axe }).axe.run({ resultTypes: ["violations"] } as axe.RunOptions),
  );
  const failing = results.violations.filter((v) => FAILING_IMPACTS.has(v.impact ?? ""));
  if (failing.length > 0) {
    throw new Error(`axe-core found serious or critical violations in ${page.url()}:\n\n${failing.map(describeViolation).join("\n\n")}`);
  }
  return results.violations.filter((v) => !FAILING_IMPACTS.has(v.impact ?? ""));
}

function describeViolation(violation: axe.Result): string {
  const nodes = violation.nodes.map((node) => `  ${node.target.join(" ")}: ${node.html}\n    ${node.failureSummary?.replace(/\n/g, "\n    ")}`);
  return `${violation.id} (${violation.impact}): ${violation.help} ${violation.helpUrl}\n${nodes.join("\n")}`;
}

/** Both page checks at once: accessible, and no wider than the phone. */
export async function expectPhoneReady(page: Page) {
  await expectNoHorizontalOverflow(page);
  return expectAccessible(page);
}

const LEGAL_NAME = { kk: "«Өрлеу» біліктілікті арттырудың ұлттық орталығы» АҚ", ru: "АО «Национальный центр повышения квалификации «Өрлеу»»", en: "Orleu National Centre for Professional Development JSC" };
const POLICY = { kk: "Құпиялылық саясаты", ru: "Политика конфиденциальности", en: "Privacy Policy" };

/** The footer every page has: the controller's legal name, the policy link (POLICY_URL in wrangler.toml) and the contacts. */
export async function expectTrustFooter(page: Page, lang: Locale) {
  const footer = page.getByRole("contentinfo");
  expect(await footer.textContent()).toContain(LEGAL_NAME[lang]);
  expect(await footer.getByRole("link", { name: POLICY[lang] }).getAttribute("href")).toBe("https://orleu-edu.kz/privacy-policy");
  expect(await footer.getByRole("link", { name: "kuzhat@orleu-edu.kz" }).getAttribute("href")).toBe("mailto:kuzhat@orleu-edu.kz");
}
