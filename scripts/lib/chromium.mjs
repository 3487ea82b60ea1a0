// Debian's Chromium driven by playwright-core (which cannot download a browser here).
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";

// The flags TOOLCHAIN.md asks for. Playwright adds its own --user-data-dir, a fresh
// temporary one per launch, and refuses one in args.
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Why Chromium cannot run here, or undefined when it can. */
export function chromiumMissing() {
  return existsSync(CHROMIUM_PATH)
    ? undefined
    : `Chromium is not installed at ${CHROMIUM_PATH}: the browser tests need it. ` +
        "Install it with `apt-get update && apt-get install -y chromium` (.ci/run does this on CI).";
}

function options() {
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
  return { executablePath: CHROMIUM_PATH, args: ARGS };
}

/** One browser, in this process. */
export const launchChromium = () => chromium.launch(options());

/** One browser that other processes (test files) connect to by its wsEndpoint(). */
export const launchChromiumServer = () => chromium.launchServer(options());
