/**
 * Accessibility of the main screens at 360 px (axe-core, no serious or critical violations — colour contrast
 * included, which is what matters in sunlight), and screenshots for the README (docs/screenshots/*.png,
 * written only with UPDATE_SCREENSHOTS=1).
 */
import { expect, test, type Page } from '@playwright/test';
import { docScreenshot, installApp, loadDemo, openVisitItem, seriousA11yViolations } from './helpers';

async function check(page: Page, name: string) {
  await docScreenshot(page, name); // only with UPDATE_SCREENSHOTS=1
  expect(await seriousA11yViolations(page), `axe on ${name}`).toEqual([]);
  // Nothing wider than the phone: no sideways scrolling at 360 px.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}

test('main screens pass axe at 360 px; screenshots for the README', async ({ page }) => {
  await installApp(page);
  await check(page, '01-welcome');

  await loadDemo(page);
  await check(page, '02-household-list');

  await page.getByTestId('household-list').locator('li a').first().click();
  await expect(page.getByTestId('start-visit')).toBeVisible();
  await check(page, '03-household');

  await page.getByTestId('start-visit').click();
  await expect(page.getByTestId('item-e_wallet')).toHaveAttribute('aria-expanded', 'false');
  await check(page, '04a-visit-cards-folded');
  await openVisitItem(page, 'Ví điện tử');
  const wallet = page.getByRole('radiogroup').nth(1);
  await wallet.getByRole('radio').nth(2).click();
  await expect(wallet.getByRole('radio').nth(2)).toHaveAttribute('aria-checked', 'true');
  await page.getByRole('group', { name: /Ví điện tử.*: Ví$/ }).first().getByRole('button', { name: 'MoMo' }).click();
  await page.getByTestId('item-e_wallet').scrollIntoViewIfNeeded();
  await check(page, '04-visit-form');
  await page.getByRole('button', { name: 'Bỏ bản nháp' }).first().click();
  await page.getByRole('dialog').getByRole('button', { name: 'Bỏ bản nháp' }).click();

  await page.goto('/households/new');
  await page.getByTestId('save-household').click();
  await expect(page.locator('#hh-label-error')).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0));
  await check(page, '05-household-form-errors');

  await page.goto('/sync');
  await expect(page.getByTestId('sync-now')).toBeVisible();
  await check(page, '06-sync-station');

  await page.goto('/settings');
  await expect(page.getByTestId('storage-panel')).toBeVisible();
  await check(page, '07-settings');

  await page.goto('/hamlets');
  await check(page, '08-hamlets');

  // English is one tap away and remembered.
  await page.goto('/settings');
  await page.getByRole('radio', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Storage on this phone' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Storage on this phone' })).toBeVisible();
  await page.goto('/households');
  await check(page, '09-household-list-en');
});
