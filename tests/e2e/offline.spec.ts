/**
 * The volunteer's day without signal: the installed app cold-starts offline from the service-worker cache, loads
 * the demo commune, finds households without typing accents, registers a household, records a visit, and after a
 * reload everything is still there and counted as waiting to sync.
 */
import { expect, test } from '@playwright/test';
import { installApp, loadDemo, openVisitItem, unsyncedCount } from './helpers';
import { fold } from '../../src/shared/text';

test('works offline: cold start, demo, search, register, visit, reload', async ({ page, context }) => {
  await installApp(page);

  // Cold start with no network at all: the navigation is answered from the SW's precache.
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Đăng ký với tổ công nghệ số' })).toBeVisible();

  await loadDemo(page);
  await expect(unsyncedCount(page)).toHaveText('0');

  // Search without diacritics finds the household with them (first row's label, folded: "Lê Văn Hùng" → "le van hung").
  const firstLabel = (await page.getByTestId('household-list').locator('li strong').first().textContent())!;
  const search = page.getByTestId('search');
  await search.fill(fold(firstLabel));
  await expect(page.getByTestId('household-list').locator('li strong').first()).toHaveText(firstLabel);
  await search.fill('zzzz khong co ai');
  await expect(page.getByTestId('household-list').locator('li')).toHaveCount(0);
  await search.fill('');

  // Register a household; an empty name is refused with a message next to the field.
  await page.getByTestId('new-household').click();
  await page.getByTestId('save-household').click();
  await expect(page.locator('#hh-label-error')).toContainText('Không được để trống');
  await page.getByLabel('Tên hộ (tên chủ hộ)').fill('Đặng Thị Huệ');
  await page.getByLabel('Số nhà', { exact: true }).fill('27');
  await page.getByLabel('Số điện thoại').fill('0912 345 678');
  await page.getByTestId('add-member').click();
  await page.getByLabel('Tên gọi').fill('Huệ');
  await page.getByLabel('Năm sinh').fill('1948');
  await page.getByLabel('Cao tuổi').check();
  await page.getByLabel('Hộ đã đồng ý').check();
  await page.getByLabel('Người đồng ý').fill('Đặng Thị Huệ');
  await page.getByTestId('save-household').click();
  await expect(page).toHaveURL(/\/households\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: 'Đặng Thị Huệ', level: 2 })).toBeVisible();

  // Record a visit: one tap per outcome; "needs more help" makes the follow-up date required.
  await page.getByTestId('start-visit').click();
  await openVisitItem(page, 'Tài khoản định danh điện tử VNeID mức 1');
  await page.getByRole('radiogroup', { name: 'Tài khoản định danh điện tử VNeID mức 1 — Huệ' }).getByRole('radio', { name: 'Đã hoàn thành' }).click();
  await openVisitItem(page, 'An toàn thông tin, phòng chống lừa đảo trực tuyến');
  await page.getByRole('radiogroup', { name: 'An toàn thông tin, phòng chống lừa đảo trực tuyến' }).getByRole('radio', { name: 'Cần hỗ trợ thêm' }).click();
  // The folded card's header summarises the choice in short words.
  await expect(page.getByTestId('item-vneid_l1').getByTestId('item-summary')).toHaveText('Huệ: Hoàn thành');
  await page.getByTestId('save-visit').click();
  await expect(page.locator('#visit-followup-error')).toContainText('ngày hẹn');
  await page.locator('#visit-followup').fill('2026-12-05');
  await page.getByTestId('save-visit').click();
  await expect(page).toHaveURL(/\/households\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('visit-history').locator(':scope > li')).toHaveCount(1);
  await expect(unsyncedCount(page)).toHaveText('1');
  // Back from there goes to the list at once: saving left no second copy of the household page in the history.
  await page.goBack();
  await expect(page).toHaveURL(/\/households$/);
  await page.goForward();
  await expect(page.getByTestId('visit-history').locator(':scope > li')).toHaveCount(1);

  // Reload, still offline: the household and its visit are on disk, still counted as unsynced.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Đặng Thị Huệ', level: 2 })).toBeVisible();
  await expect(page.getByTestId('visit-history').locator(':scope > li')).toHaveCount(1);
  await expect(page.getByText('Đã hoàn thành').first()).toBeVisible();
  await expect(unsyncedCount(page)).toHaveText('1');
  await page.goto('/households');
  await page.getByTestId('search').fill('dang thi hue');
  await expect(page.getByTestId('household-list').locator('li strong')).toHaveText(['Đặng Thị Huệ']);
  await page.getByTestId('search').fill('5678'); // phone tail
  await expect(page.getByTestId('household-list').locator('li strong')).toContainText(['Đặng Thị Huệ']);
});

test('a visit draft survives a reload (phone locked, app killed)', async ({ page, context }) => {
  await installApp(page);
  await context.setOffline(true);
  await loadDemo(page);
  await page.getByTestId('household-list').locator('li a').first().click();
  await page.getByTestId('start-visit').click();
  const fraud = page.getByRole('radiogroup', { name: 'An toàn thông tin, phòng chống lừa đảo trực tuyến' });
  await openVisitItem(page, 'An toàn thông tin, phòng chống lừa đảo trực tuyến');
  await fraud.getByRole('radio', { name: 'Đã hướng dẫn' }).click();
  await page.getByLabel('Ghi chú').fill('Hướng dẫn nhận biết tin nhắn giả mạo');
  await page.waitForTimeout(300); // let the last keystroke's draft write reach IndexedDB before the "kill"
  await page.reload();
  await expect(page.getByTestId('item-fraud_safety').getByTestId('item-summary')).toHaveText('Đã hướng dẫn');
  await openVisitItem(page, 'An toàn thông tin, phòng chống lừa đảo trực tuyến');
  await expect(fraud.getByRole('radio', { name: 'Đã hướng dẫn' })).toHaveAttribute('aria-checked', 'true');
  // Tapping the chosen outcome again clears it ("not touched at this visit").
  await fraud.getByRole('radio', { name: 'Đã hướng dẫn' }).click();
  await expect(fraud.getByRole('radio', { name: 'Đã hướng dẫn' })).toHaveAttribute('aria-checked', 'false');
  await expect(page.getByTestId('item-fraud_safety').getByTestId('item-summary')).toHaveText('Chưa chọn');
  await expect(page.getByLabel('Ghi chú')).toHaveValue('Hướng dẫn nhận biết tin nhắn giả mạo');
});

test('a household typed and left unsaved (another tab, the app killed) comes back until it is saved', async ({ page }) => {
  await installApp(page);
  await loadDemo(page);
  await page.getByTestId('new-household').click();
  await page.getByLabel('Tên hộ (tên chủ hộ)').fill('Bùi Thị Mận');
  await page.getByLabel('Số điện thoại').fill('0977 111 222');
  await page.getByRole('link', { name: 'Đồng bộ', exact: true }).click(); // a tap on another tab
  await page.reload(); // and the app killed
  await page.goto('/households');
  await page.getByTestId('new-household').click();
  await expect(page.getByTestId('form-resumed')).toBeVisible();
  await expect(page.getByLabel('Tên hộ (tên chủ hộ)')).toHaveValue('Bùi Thị Mận');
  await expect(page.getByLabel('Số điện thoại')).toHaveValue('0977 111 222');
  await page.getByTestId('save-household').click();
  await expect(page).toHaveURL(/\/households\/[0-9a-f-]{36}$/);
  await page.goto('/households');
  await page.getByTestId('new-household').click();
  await expect(page.getByLabel('Tên hộ (tên chủ hộ)')).toHaveValue('');
  await expect(page.getByTestId('form-resumed')).toHaveCount(0);
});

test('a cold start paints the remembered first rows before IndexedDB answers; removing the demo erases them', async ({ page, context }) => {
  await installApp(page);
  await context.setOffline(true);
  await loadDemo(page);
  const labels = await page.getByTestId('household-list').locator('li strong').allTextContents();
  await expect.poll(() => page.evaluate(() => localStorage.getItem('tungnha.paint.list.v1'))).toContain(labels[0]!);

  // A phone whose IndexedDB never answers (it is still opening): the list comes from the copy alone (D21).
  const stuck = await context.newPage();
  await stuck.addInitScript(() => { IDBFactory.prototype.open = () => ({}) as IDBOpenDBRequest; });
  await stuck.goto('/households');
  const early = stuck.locator('[data-testid="household-list"][data-early] li strong');
  await expect(early).toHaveText(labels.slice(0, 15));
  await expect(stuck.getByText('DEMO', { exact: true }).first()).toBeVisible();
  await stuck.close();

  // The copy is erased with the data it copies.
  await page.goto('/settings');
  await page.getByRole('button', { name: 'Xóa dữ liệu mẫu' }).first().click();
  await page.getByRole('dialog').getByRole('button', { name: 'Xóa dữ liệu mẫu' }).click();
  await expect(page).toHaveURL(/\/welcome$/);
  expect(await page.evaluate(() => [localStorage.getItem('tungnha.paint.session.v1'), localStorage.getItem('tungnha.paint.list.v1')])).toEqual([null, null]);
});

test('a visit saved after the household changed in another tab keeps both (the read-ahead is checked, D-V3)', async ({ page, context }) => {
  await installApp(page);
  await context.setOffline(true);
  await loadDemo(page);
  await page.getByTestId('household-list').locator('li a').first().click();
  await expect(page).toHaveURL(/\/households\/[0-9a-f-]{36}$/);
  const householdUrl = page.url();
  // The visit form opens and reads ahead what its save needs.
  await page.getByTestId('start-visit').click();
  await openVisitItem(page, 'An toàn thông tin, phòng chống lừa đảo trực tuyến');
  await page.getByRole('radiogroup', { name: 'An toàn thông tin, phòng chống lừa đảo trực tuyến' }).getByRole('radio', { name: 'Đã hướng dẫn' }).click();
  // Meanwhile the household is renamed in another tab: its digest changes under the open form.
  const other = await context.newPage();
  await other.goto(`${householdUrl}/edit`);
  await other.getByLabel('Tên hộ (tên chủ hộ)').fill('Hộ đã đổi tên');
  await other.getByTestId('save-household').click();
  await expect(other.getByRole('heading', { name: 'Hộ đã đổi tên', level: 2 })).toBeVisible();
  await other.close();
  // Save in the first tab: the check sees the change, and the save goes the long way — both survive.
  await page.getByTestId('save-visit').click();
  await expect(page).toHaveURL(householdUrl);
  await expect(page.getByRole('heading', { name: 'Hộ đã đổi tên', level: 2 })).toBeVisible();
  await expect(page.getByTestId('visit-history').locator(':scope > li').first()).toContainText('Đã hướng dẫn');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Hộ đã đổi tên', level: 2 })).toBeVisible();
  await expect(page.getByTestId('visit-history').locator(':scope > li').first()).toContainText('Đã hướng dẫn');
  await page.goto('/households');
  await page.getByTestId('search').fill('ho da doi ten');
  await expect(page.getByTestId('household-list').locator('li strong')).toHaveText(['Hộ đã đổi tên']);
});

test('offline, the start page and its scripts come from the static routes; other pages still through the worker (D23)', async ({ page, context }) => {
  await installApp(page);
  await loadDemo(page);
  const startCaches = await page.evaluate(async () => {
    const names = (await caches.keys()).filter((n) => n.startsWith('tn-start-'));
    return Promise.all(names.map(async (n) => ({ n, urls: (await (await caches.open(n)).keys()).map((r) => new URL(r.url).pathname) })));
  });
  expect(startCaches).toHaveLength(1);
  expect(startCaches[0]!.urls.sort()).toEqual(['/', '/households']);

  await context.setOffline(true);
  const sources = () => page.evaluate(() => {
    type Routed = PerformanceResourceTiming & { workerMatchedSourceType?: string };
    const nav = performance.getEntriesByType('navigation')[0] as Routed;
    const scripts = (performance.getEntriesByType('resource') as Routed[]).filter((e) => e.initiatorType === 'script' || e.initiatorType === 'link');
    return { page: nav.workerMatchedSourceType, scripts: [...new Set(scripts.map((e) => e.workerMatchedSourceType))] };
  });
  await page.goto('/households');
  await expect(page.getByTestId('household-list').locator('li').first()).toBeVisible();
  expect(await sources()).toEqual({ page: 'cache', scripts: ['cache'] });

  // A start URL with a query, or a page that is not a start URL, is answered by the worker's fetch handler.
  await page.goto('/households?from=link');
  await expect(page.getByTestId('household-list').locator('li').first()).toBeVisible();
  expect((await sources()).page).not.toBe('cache');
  await page.goto('/settings');
  await expect(page.getByRole('heading', { name: 'Cài đặt' })).toBeVisible();
  expect((await sources()).page).not.toBe('cache');
});

test('without BroadcastChannel (Safari before 15.4), a saved visit still shows at once: history, badge and list', async ({ page, context }) => {
  await context.addInitScript(() => { delete (window as { BroadcastChannel?: unknown }).BroadcastChannel; });
  await installApp(page);
  await context.setOffline(true);
  await loadDemo(page);
  expect(await page.evaluate(() => typeof BroadcastChannel)).toBe('undefined');
  const label = (await page.getByTestId('household-list').locator('li strong').first().textContent())!;
  await page.getByTestId('household-list').locator('li a').first().click();
  const history = page.getByTestId('visit-history').locator(':scope > li');
  // The page renders its history with the household, so count only once it is there (not on the loading screen).
  await expect(page.getByTestId('start-visit')).toBeVisible();
  const before = await history.count();
  await page.getByTestId('start-visit').click();
  await openVisitItem(page, 'An toàn thông tin, phòng chống lừa đảo trực tuyến');
  await page.getByRole('radiogroup', { name: 'An toàn thông tin, phòng chống lừa đảo trực tuyến' }).getByRole('radio', { name: 'Đã hướng dẫn' }).click();
  await page.getByTestId('save-visit').click();
  await expect(page).toHaveURL(/\/households\/[0-9a-f-]{36}$/);
  await expect(history).toHaveCount(before + 1);
  await expect(unsyncedCount(page)).toHaveText('1');
  // Back to the list in the same page (no reload): the household's row shows today's visit.
  const [y, m, d] = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10).split('-');
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hộ dân' }).click();
  await page.getByTestId('search').fill(label);
  await expect(page.getByTestId('household-list').locator('li').filter({ hasText: label }).first()).toContainText(`Thăm lần cuối ${d}/${m}/${y}`);
});
