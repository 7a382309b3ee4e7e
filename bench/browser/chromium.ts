/** Chromium for the browser figures: the system build, headless, loopback only, bounded by a launch timeout. */
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';

export function chromiumPath(): string {
  const path = process.env.PLAYWRIGHT_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`Chromium not found at ${path}: install it (apt-get install chromium) or set PLAYWRIGHT_CHROMIUM`);
  return path;
}

const ARGS = ['--no-sandbox', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking'];

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: ARGS, timeout: 60_000 });
}

/** A phone's screen (the e2e tests' size; Lighthouse's mobile preset is 412 × 823 at 1.75×) instead of Playwright's 1280 × 720. */
export const PHONE = { viewport: { width: 360, height: 760 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

export function launchPersistent(userDataDir: string, offline = false, phone = false): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, { executablePath: chromiumPath(), args: ARGS, timeout: 60_000, offline, ...(phone ? PHONE : {}) });
}

/** CPU throttling through the DevTools protocol (1 = none, 4 = Lighthouse's mobile preset). */
export async function throttleCpu(page: Page, rate: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}
