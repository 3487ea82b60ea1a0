import type { Browser, BrowserServer } from "playwright-core";
export const CHROMIUM_PATH: string;
export function chromiumMissing(): string | undefined;
export function launchChromium(): Promise<Browser>;
export function launchChromiumServer(): Promise<BrowserServer>;
