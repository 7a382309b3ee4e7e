/** Shared steps for the end-to-end tests: wait for the service worker, load the demo, find things by role. */
import { expect, type Page } from '@playwright/test';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

/** Resolves once a service worker is active for this origin (precaching finished). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    return reg.active?.state;
  });
}

/** Starts on a clean, installed app: first visit online, SW active, then reload so the SW controls the page. */
export async function installApp(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Dùng thử với dữ liệu mẫu' })).toBeVisible();
  await waitForServiceWorker(page);
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

export async function loadDemo(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Dùng thử với dữ liệu mẫu' }).click();
  await expect(page).toHaveURL(/\/households$/);
  await expect(page.getByText('DEMO — dữ liệu mẫu', { exact: false }).first()).toBeVisible();
  await expect(page.getByTestId('household-list').locator('li').first()).toBeVisible();
}

export const unsyncedCount = (page: Page) => page.getByTestId('unsynced-count');

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core in the page; returns serious and critical violations only. Injected through the DevTools
 * protocol (page.evaluate), because the app's CSP rightly refuses inline scripts.
 */
export async function seriousA11yViolations(page: Page): Promise<{ id: string; impact: string; help: string; targets: string[] }[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact!, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}
