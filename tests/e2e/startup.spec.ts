/**
 * The phone's data cannot be opened at start (a full disk: Chromium's "Encountered full disk while opening backing
 * store"): the volunteer gets a plain message and "Thử lại" instead of an endless spinner, and once the phone can
 * open its data again everything is still there.
 */
import { expect, test } from '@playwright/test';
import { loadDemo } from './helpers';

test('IndexedDB failing at start: a message and "Thử lại", not an endless spinner; nothing is lost', async ({ page }) => {
  await page.goto('/');
  await loadDemo(page);
  const firstLabel = await page.getByTestId('household-list').locator('li strong').first().textContent();

  // From the next start on, every open fails as on a full phone, until the test "frees space".
  await page.addInitScript(() => {
    if (sessionStorage.getItem('space-freed')) return;
    IDBFactory.prototype.open = () => {
      throw new DOMException('Encountered full disk while opening backing store for indexedDB.open.', 'UnknownError');
    };
  });
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Chưa mở được dữ liệu trên máy' })).toBeVisible();
  await expect(page.getByText('bộ nhớ máy đã đầy', { exact: false })).toBeVisible();
  await expect(page.getByText('full disk', { exact: false })).toBeVisible();
  await expect(page.getByTestId('household-list')).toHaveCount(0); // the remembered copy is not left looking live

  await page.evaluate(() => sessionStorage.setItem('space-freed', '1'));
  await page.getByRole('button', { name: 'Thử lại' }).click();
  await expect(page.getByTestId('household-list').locator('li strong').first()).toHaveText(firstLabel!);
});
