/**
 * A full phone. At start the data cannot be opened (Chromium's "Encountered full disk while opening backing store"):
 * a plain message and "Thử lại" instead of an endless spinner. While recording a visit the writes fail: the form says
 * the choices are not kept and Save explains in Vietnamese. Once there is room, nothing was lost. And a screen whose
 * code never arrived (a cut-off download) says so inside the app instead of ignoring the tap.
 */
import { expect, test } from '@playwright/test';
import { loadDemo, openVisitItem } from './helpers';

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

test('writes failing during a visit: the form says the choices are not kept, Save explains, and saves once there is room', async ({ page }) => {
  await page.goto('/');
  await loadDemo(page);
  await page.getByTestId('household-list').locator('li a').first().click();
  const history = page.getByTestId('visit-history').locator(':scope > li');
  await expect(page.getByTestId('start-visit')).toBeVisible();
  const before = await history.count();
  await page.getByTestId('start-visit').click();
  await expect(page.getByTestId('visit-form')).toBeVisible();

  // The phone fills up: every IndexedDB write fails with the browser's own (English) quota error.
  await page.evaluate(() => {
    const { put, add } = IDBObjectStore.prototype;
    const full = () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
    IDBObjectStore.prototype.put = full;
    IDBObjectStore.prototype.add = full;
    (window as unknown as { freeSpace: () => void }).freeSpace = () => Object.assign(IDBObjectStore.prototype, { put, add });
  });
  const fraud = 'An toàn thông tin, phòng chống lừa đảo trực tuyến';
  await openVisitItem(page, fraud);
  await page.getByRole('radiogroup', { name: fraud }).getByRole('radio', { name: 'Đã hoàn thành' }).click();
  await expect(page.getByTestId('draft-error')).toContainText('CHƯA được lưu tạm');
  await expect(page.getByText('Mọi thay đổi được lưu tạm ngay trên máy.')).toHaveCount(0);
  await page.getByTestId('save-visit').click();
  await expect(page.locator('p.error[role="alert"]')).toHaveText(/^Bộ nhớ máy đã đầy nên chưa lưu được/);
  await expect(page).toHaveURL(/\/visit$/);

  await page.evaluate(() => (window as unknown as { freeSpace: () => void }).freeSpace());
  await page.getByTestId('save-visit').click();
  await expect(page).toHaveURL(/\/households\/[0-9a-f-]{36}$/);
  await expect(history).toHaveCount(before + 1);
});

test('a screen whose code cannot be downloaded says so inside the app, and the list still works', async ({ page, context }) => {
  // The visit form's chunk never arrives (not for the page, nor for the service worker's download).
  await context.route(/\/assets\/VisitForm-[^/]*\.js$/, (route) => route.abort('connectionreset'));
  await page.goto('/');
  await loadDemo(page);
  await page.getByTestId('household-list').locator('li a').first().click();
  await page.getByTestId('start-visit').click();
  await expect(page.getByRole('alert')).toContainText('Máy chưa tải xong phần này của ứng dụng');
  await expect(page.getByRole('button', { name: 'Tải lại' })).toBeVisible();
  await page.getByRole('link', { name: 'Mở lại danh sách hộ' }).click();
  await expect(page.getByTestId('household-list').locator('li').first()).toBeVisible();
});
