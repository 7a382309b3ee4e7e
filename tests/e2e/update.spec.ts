/**
 * Service-worker updates never interrupt a visit being recorded. A second version is simulated by registering the
 * worker under a new script URL (`/sw.js?v=2`): to the browser that is an update, so a second worker installs and
 * waits, exactly as after a deploy. (Playwright cannot intercept the browser's own fetch of the worker script.)
 * With a draft open, "Cập nhật" explains and waits; once the draft is saved, the same tap activates the new worker
 * and reloads.
 */
import { expect, test } from '@playwright/test';
import { installApp, loadDemo, openVisitItem } from './helpers';

test('update waits for the open visit draft, then applies on tap', async ({ page }) => {
  await installApp(page);
  await loadDemo(page);
  await page.getByTestId('household-list').locator('li a').first().click();
  const householdUrl = page.url();
  await page.getByTestId('start-visit').click();
  await openVisitItem(page, 'An toàn thông tin, phòng chống lừa đảo trực tuyến');
  const fraud = page.getByRole('radiogroup', { name: 'An toàn thông tin, phòng chống lừa đảo trực tuyến' });
  await fraud.getByRole('radio', { name: 'Đã hướng dẫn' }).click();

  // "Deploy" version 2: a new worker installs next to the one in control, and waits (after this window's own
  // registration of `/sw.js`, which runs when idle and would otherwise replace it).
  await page.waitForFunction(() => performance.getEntriesByName('tn:sw-registered').length > 0);
  await page.evaluate(async () => { await navigator.serviceWorker.register('/sw.js?v=2', { scope: '/' }); });
  await expect(page.getByTestId('update-banner')).toBeVisible();
  const firstController = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);

  // Draft open: the tap explains and nothing reloads; the choice made is still on screen.
  await page.getByTestId('update-apply').click();
  await expect(page.getByTestId('update-blocked')).toContainText('lượt thăm ghi dở');
  await expect(fraud.getByRole('radio', { name: 'Đã hướng dẫn' })).toHaveAttribute('aria-checked', 'true');
  await page.evaluate(() => { (window as unknown as { __stillHere: boolean }).__stillHere = true; });
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { __stillHere?: boolean }).__stillHere)).toBe(true);

  // Save the visit: the draft is gone, so the same tap now activates version 2 and reloads once it controls.
  await page.getByTestId('save-visit').click();
  await expect(page).toHaveURL(householdUrl);
  const reloaded = page.waitForEvent('load');
  await page.getByTestId('update-apply').click();
  await reloaded;
  expect(await page.evaluate(() => (window as unknown as { __stillHere?: boolean }).__stillHere)).toBeUndefined();
  // Version 2 now controls the page (the old page's scripts are gone: it reloaded).
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/sw\.js\?v=2$/);
  expect(firstController).toMatch(/\/sw\.js$/);
  await expect(page.getByTestId('visit-history').locator(':scope > li').first()).toContainText('Đã hướng dẫn');
});

test('an update applied in another window: this one offers a reload instead of running old code', async ({ page, context }) => {
  // This window did the first install and was claimed by the worker without a reload (phones keep it open for days).
  await page.goto('/');
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await loadDemo(page);
  const other = await context.newPage();
  await other.goto('/households');
  await expect(other.getByTestId('household-list').locator('li').first()).toBeVisible();
  // Both windows have registered `/sw.js` (when idle): a later registration of it would replace "version 2" below.
  for (const p of [page, other]) await p.waitForFunction(() => performance.getEntriesByName('tn:sw-registered').length > 0);

  // Version 2 arrives; the other window applies it.
  await other.evaluate(async () => { await navigator.serviceWorker.register('/sw.js?v=2', { scope: '/' }); });
  await expect(other.getByTestId('update-banner')).toBeVisible();
  await expect(page.getByTestId('update-banner')).toBeVisible();
  const otherReloaded = other.waitForEvent('load');
  await other.getByTestId('update-apply').click();
  await otherReloaded;

  // This window was not asked: it says why and reloads on the tap, now under version 2.
  await expect(page.getByTestId('update-elsewhere')).toContainText('cửa sổ khác');
  await page.evaluate(() => { (window as unknown as { __old: boolean }).__old = true; });
  const reloaded = page.waitForEvent('load');
  await page.getByTestId('update-apply').click();
  await reloaded;
  expect(await page.evaluate(() => (window as unknown as { __old?: boolean }).__old)).toBeUndefined();
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/sw\.js\?v=2$/);
  // (The reloaded page registers `/sw.js` again, which to the browser is yet another version: a plain offer may show.)
  await expect(page.getByTestId('update-elsewhere')).toHaveCount(0);
});
