/**
 * The household list of a big hamlet: 40 rows at first (a cheap phone renders each row, and the first tap must come
 * quickly), then "Xem thêm" adds the rest; a search looks through every household, not only the rows on screen.
 * The demo commune's first hamlet, Bản Na Mèo, has 41 households (seed 1, src/shared/demo.ts).
 */
import { expect, test } from '@playwright/test';
import { installApp, loadDemo } from './helpers';

test('a long list shows 40 rows, "Xem thêm" shows the rest, and a search finds rows not yet shown', async ({ page }) => {
  await installApp(page);
  await loadDemo(page);
  const rows = page.getByTestId('household-list').locator('li');
  await expect(rows).toHaveCount(40);
  await expect(page.getByText('41 / 41 hộ')).toBeVisible();
  await expect(page.getByText('Đang hiện 40 hộ đầu. Gõ tên để tìm nhanh hơn.')).toBeVisible();
  const more = page.getByTestId('list-more');
  await expect(more).toHaveText('Xem thêm 1 hộ');

  // The 41st household is not on screen yet, but a search for its exact name finds it.
  await more.click();
  await expect(rows).toHaveCount(41);
  await expect(more).toHaveCount(0);
  const last = (await rows.last().locator('strong').textContent())!;
  await page.reload();
  await expect(rows).toHaveCount(40);
  await expect(rows.locator('strong', { hasText: last })).toHaveCount(0);
  await page.getByTestId('search').fill(last);
  await expect(rows.locator('strong', { hasText: last }).first()).toBeVisible();
  await expect(page.getByTestId('list-more')).toHaveCount(0);

  // A search that finds nothing says so and offers a way back, not just "0 / 41 hộ".
  await page.getByTestId('search').fill('zzzz không có ai');
  const none = page.getByTestId('list-no-match');
  await expect(none).toContainText('Không tìm thấy hộ nào khớp “zzzz không có ai”');
  await none.getByRole('button', { name: 'Xóa tìm kiếm và bộ lọc' }).click();
  await expect(page.getByTestId('search')).toHaveValue('');
  await expect(rows).toHaveCount(40);
  await expect(none).toHaveCount(0);
});
