/**
 * A hamlet leader with no signal: opens the dashboard offline (figures computed on the phone), filters by period and
 * hamlet, exports last month's report as XLSX and CSV, and the downloaded files hold the numbers on the screen.
 */
import { expect, test, type Download, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { enrol, installApp, issueCode, loadDemo, seriousA11yViolations } from './helpers';
import { parseCsv, readXlsx } from '../unit/export-helpers';

async function saved(download: Download): Promise<Uint8Array> {
  return new Uint8Array(readFileSync((await download.path())!));
}

const kpi = (page: Page, id: string) => page.getByTestId(id);

test('leader dashboard offline: filter, export a monthly report, print page, submit', async ({ page, context }) => {
  await installApp(page);
  await context.setOffline(true);
  await page.reload();
  await loadDemo(page);

  // The leader tab is there for a leader; the dashboard is computed from local data with no network.
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tổ trưởng' }).click();
  await expect(page).toHaveURL(/\/leader$/);
  await expect(kpi(page, 'kpi-households')).toHaveText(/^\d+$/);
  await expect(page.getByTestId('data-as-of')).toContainText('dữ liệu trên máy này');
  await expect(page.getByTestId('targets-table')).toContainText('Người từ 15 tuổi có tài khoản thanh toán');
  await expect(page.getByTestId('trend-table').locator('tbody tr')).toHaveCount(6);

  // The demo works in all 18 hamlets: the commune view shows them side by side, sortable.
  await expect(page.getByTestId('scope')).toHaveValue('');
  const hamletRows = page.getByTestId('hamlet-table').locator('tbody tr');
  await expect(hamletRows).toHaveCount(18);
  await page.getByTestId('hamlet-table').getByRole('button', { name: /^Số hộ/ }).click();
  const sizes = (await hamletRows.locator('td:nth-child(2)').allTextContents()).map(Number);
  expect(sizes).toEqual([...sizes].sort((a, b) => b - a));

  // Filter: last month, then one hamlet.
  await page.getByTestId('period-lastMonth').click();
  await expect(page.getByTestId('period-lastMonth')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('period-label')).toHaveText(/^Tháng \d{2}\/\d{4}$/);
  const scope = page.getByTestId('scope');
  const hamletName = (await scope.locator('option').nth(1).textContent())!;
  await scope.selectOption({ index: 1 });
  await expect(page.getByRole('status').filter({ hasText: 'Đang tính' })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('leader-dashboard-360.png'), fullPage: true });
  expect(await seriousA11yViolations(page)).toEqual([]);
  const households = Number(await kpi(page, 'kpi-households').textContent());
  const visitedPeriod = Number(await kpi(page, 'kpi-visited-period').textContent());
  expect(households).toBeGreaterThan(0);

  // The report screen: free text, then exports made in the worker (or the page until the worker exposes them).
  await page.locator('.leader-tabs').getByRole('link', { name: 'Báo cáo' }).click();
  await expect(page).toHaveURL(/\/leader\/report$/);
  await page.getByTestId('report-difficulties').fill('Sóng điện thoại yếu ở khu đồi; nhiều cụ chưa có điện thoại thông minh');
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  expect(xlsx.suggestedFilename()).toMatch(/^bao-cao-.+\.xlsx$/);
  const { sheets } = readXlsx(await saved(xlsx));
  const main = sheets.get('Báo cáo')!;
  expect(main[0]).toEqual(['Nội dung', hamletName]);
  expect(main.find((r) => r[0] === 'Tổng số hộ')?.[1]).toBe(households);
  expect(main.find((r) => r[0] === 'Hộ được thăm trong kỳ')?.[1]).toBe(visitedPeriod);
  expect(sheets.get('Thông tin')!.find((r) => r[0] === 'Khó khăn, vướng mắc')?.[1]).toContain('Sóng điện thoại yếu');

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const bytes = await saved(csv);
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parseCsv(new TextDecoder().decode(bytes.slice(3)));
  expect(rows[0]).toEqual(['Nội dung', hamletName]);
  expect(rows.find((r) => r[0] === 'Tổng số hộ')?.[1]).toBe(String(households));

  await page.screenshot({ path: test.info().outputPath('leader-report-360.png'), fullPage: true });
  expect(await seriousA11yViolations(page)).toEqual([]);

  // The printable page holds the same table; print CSS hides the app around it.
  await expect(page.getByTestId('report-table')).toContainText('Tổng số hộ');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.tabbar')).toBeHidden();
  await expect(page.getByTestId('report-table')).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  // Submitting saves a snapshot offline and queues it for sync.
  await page.getByTestId('report-submit').click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu báo cáo' })).toBeVisible();
});

test('leader records an event and proposes a member offline; the event is counted in the report', async ({ page, context }) => {
  await installApp(page);
  await context.setOffline(true);
  await page.reload();
  await loadDemo(page);
  await page.goto('/leader/events');

  await page.getByRole('radio', { name: 'Ngày hội công nghệ số' }).click();
  await page.getByTestId('event-place').fill('Nhà văn hóa bản Na Mèo');
  await page.getByTestId('event-topic').fill('Ngày hội công nghệ số: VNeID mức 2 và ví điện tử');
  await page.getByTestId('event-attendance').fill('85');
  await page.getByRole('group', { name: 'Nội dung đã hướng dẫn' }).getByRole('button', { name: 'Ví điện tử' }).click();
  await page.getByTestId('event-save').click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu sự kiện' })).toBeVisible();
  await expect(page.getByTestId('event-list')).toContainText('VNeID mức 2 và ví điện tử');
  // Bad input is refused next to the field, and that field is brought into view (it is far above the button).
  await page.getByTestId('event-save').click();
  await expect(page.locator('.error').first()).toBeVisible();
  await expect(page.locator('[data-testid="event-form"] [aria-invalid="true"]').first()).toBeInViewport();

  // This month's commune report counts it (the demo has no other events).
  await page.locator('.leader-tabs').getByRole('link', { name: 'Báo cáo' }).click();
  const table = page.getByTestId('report-table').locator('table').first();
  await expect(table.getByRole('row', { name: /^Ngày hội công nghệ số/ }).locator('td').first()).toHaveText('1');
  await expect(table.getByRole('row', { name: /^Lượt người tham dự/ }).locator('td').first()).toHaveText('85');

  // Roster: the team size against the 5–10 rule, and a proposal waiting for approval.
  await page.locator('.leader-tabs').getByRole('link', { name: 'Thành viên' }).click();
  await expect(page.getByTestId('team-size')).toContainText('quy định 5–10');
  await page.getByLabel('Họ và tên').fill('Lò Thị Xuân');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.getByTestId('roster').locator('li').filter({ hasText: 'Lò Thị Xuân' })).toContainText('Chờ duyệt');
});

test('commune leader online sees the server roll-up, offline the same numbers from the pulled data', async ({ page, context }) => {
  await installApp(page);
  await enrol(page, await issueCode('commune_leader'));
  // A full sync at the cultural house: every page of the commune's data is on the phone afterwards.
  await page.getByRole('link', { name: 'Đồng bộ', exact: true }).click();
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-receipt')).toBeVisible();

  await page.goto('/leader');
  await expect(page.getByTestId('data-as-of')).toContainText('tổng hợp từ máy chủ');
  await expect(page.getByTestId('hamlet-table').locator('tbody tr')).toHaveCount(18);
  // The roll-up has no months: the trend under it says it comes from this phone.
  await expect(page.getByTestId('trend-from-phone')).toBeVisible();
  const online = Number(await page.getByTestId('kpi-households').textContent());
  const onlineEver = await page.getByTestId('kpi-visited-ever').textContent();
  expect(online).toBeGreaterThan(0);
  await page.locator('.leader-tabs').getByRole('link', { name: 'Thành viên' }).click();
  await expect(page.getByTestId('devices').locator('li').first()).toBeVisible();

  await context.setOffline(true);
  await page.goto('/leader');
  await expect(page.getByTestId('data-as-of')).toContainText('từ dữ liệu đã tải về máy');
  await expect(page.getByTestId('trend-table')).toBeVisible();
  await expect(page.getByTestId('trend-from-phone')).toHaveCount(0);
  await expect(page.getByTestId('kpi-households')).toHaveText(String(online));
  await expect(page.getByTestId('kpi-visited-ever')).toHaveText(onlineEver!);
});
