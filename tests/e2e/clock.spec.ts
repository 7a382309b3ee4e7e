/**
 * A volunteer's phone whose date is a year ahead (a slip in the settings): the visit is refused by the server, the
 * sync screen says the clock is fast and by how much; once the date is put right, the next sync sends the visit
 * (re-stamped, D27) and the warning goes. The page has no Worker here, so the sync engine runs on the page, whose
 * clock Playwright sets (a worker's clock cannot be set); the worker runs the same engine code.
 */
import { expect, test } from '@playwright/test';
import { docScreenshot, enrol, issueCodes, openVisitItem, seriousA11yViolations, unsyncedCount } from './helpers';

const YEAR_MS = 366 * 24 * 3600 * 1000;

test('visits recorded while the phone\'s date was wrong are refused, explained, and sent once the date is right', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const [code] = await issueCodes(baseURL!, [{ role: 'member', hamlet: 'Bản Na Mèo' }]);
  const context = await browser.newContext({ baseURL, viewport: { width: 360, height: 760 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  await context.addInitScript(() => { Object.defineProperty(window, 'Worker', { value: undefined }); });
  const page = await context.newPage();
  await page.clock.setFixedTime(Date.now() + YEAR_MS);
  await enrol(page, code!);

  const row = page.getByTestId('household-list').locator('li a').first();
  await expect(row).toBeVisible();
  await row.click();
  await page.getByTestId('start-visit').click();
  await openVisitItem(page, 'An toàn thông tin, phòng chống lừa đảo trực tuyến');
  await page.getByRole('radiogroup', { name: 'An toàn thông tin, phòng chống lừa đảo trực tuyến' }).getByRole('radio', { name: 'Đã hướng dẫn' }).click();
  await page.getByLabel('Ghi chú').fill('Máy đang sai ngày');
  await page.getByTestId('save-visit').click();
  await expect(page.getByTestId('visit-history')).toContainText('Máy đang sai ngày');

  await page.getByRole('link', { name: 'Đồng bộ', exact: true }).click();
  await page.getByTestId('sync-now').click();
  await expect(page.getByRole('heading', { name: 'Mục máy chủ không nhận' })).toBeVisible();
  await expect(page.getByText(/Ngày giờ trên điện thoại sai/)).toBeVisible();
  await expect(page.getByTestId('clock-notice')).toContainText(/Đồng hồ điện thoại đang nhanh 36[56] ngày so với máy chủ/);
  await expect(unsyncedCount(page)).toHaveText('0'); // refused items are listed, not counted as waiting
  expect(await seriousA11yViolations(page)).toEqual([]);
  await docScreenshot(page, '11-sync-clock-wrong');

  // The volunteer turns on automatic date and time, and syncs again.
  await page.clock.setFixedTime(Date.now());
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-receipt')).toContainText(/1 lượt thăm đã gửi lúc \d\d:\d\d/);
  await expect(page.getByRole('heading', { name: 'Mục máy chủ không nhận' })).toHaveCount(0);
  await expect(page.getByTestId('clock-notice')).toHaveCount(0);
  await context.close();
});
