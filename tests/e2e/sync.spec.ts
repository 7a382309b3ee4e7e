/**
 * The whole loop with the real server: two volunteers of one hamlet and their leader enrol with codes, the
 * volunteers record visits offline, sync at the "cultural house", and the leader's phone receives both visits;
 * a volunteer of another hamlet receives none of that hamlet's households.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { docScreenshot, enrol, issueCodes, seriousA11yViolations, unsyncedCount, openVisitItem } from './helpers';

const HAMLET = 'Bản Na Mèo';
const OTHER_HAMLET = 'Bản Xía Nọi';

async function phone(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: { width: 360, height: 760 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  return context.newPage();
}

async function visitOffline(page: Page, row: number, note: string): Promise<string> {
  await expect(page.getByTestId('household-list').locator('li').nth(row)).toBeVisible();
  await page.context().setOffline(true);
  const link = page.getByTestId('household-list').locator('li a').nth(row);
  const label = (await link.locator('strong').textContent())!;
  await link.click();
  await page.getByTestId('start-visit').click();
  await openVisitItem(page, 'An toàn thông tin, phòng chống lừa đảo trực tuyến');
  await page.getByRole('radiogroup', { name: 'An toàn thông tin, phòng chống lừa đảo trực tuyến' }).getByRole('radio', { name: 'Đã hướng dẫn' }).click();
  await page.getByLabel('Ghi chú').fill(note);
  await page.getByTestId('save-visit').click();
  await expect(page.getByTestId('visit-history')).toContainText(note);
  await expect(unsyncedCount(page)).toHaveText('1');
  return label;
}

/** Tapping "Đồng bộ" with no signal explains in plain words; when the connection returns, sync runs by itself. */
async function syncAtCulturalHouse(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Đồng bộ', exact: true }).click();
  await page.getByTestId('sync-now').click();
  await expect(page.getByRole('alert')).toContainText('Không kết nối được máy chủ');
  await expect(unsyncedCount(page)).toHaveText('1');
  await page.context().setOffline(false);
  await expect(unsyncedCount(page)).toHaveText('0');
  await expect(page.getByTestId('sync-receipt')).toContainText(/1 lượt thăm đã gửi lúc \d\d:\d\d/);
}

test('two volunteers sync offline visits; the leader sees both; another hamlet sees none', async ({ browser, baseURL }) => {
  test.setTimeout(300_000); // four phones, each enrolling and pulling a hamlet: long on a busy CI machine
  const [codeA, codeB, codeLeader, codeOther] = await issueCodes(baseURL!, [
    { role: 'member', hamlet: HAMLET }, { role: 'member', hamlet: HAMLET }, { role: 'hamlet_leader', hamlet: HAMLET }, { role: 'member', hamlet: OTHER_HAMLET },
  ]);
  const a = await phone(browser, baseURL!);
  const b = await phone(browser, baseURL!);
  await enrol(a, codeA!);
  await enrol(b, codeB!);
  await expect(a.getByText(HAMLET).first()).toBeVisible();
  // The first-paint copy (D21) holds who is enrolled, never the device's token.
  const copy = await a.evaluate(() => localStorage.getItem('tungnha.paint.session.v1'));
  expect(copy).toContain('"deviceId"');
  expect(copy).not.toContain('"token"');

  const stamp = Date.now().toString(36);
  const labelA = await visitOffline(a, 0, `Ghi chú A ${stamp}`);
  const labelB = await visitOffline(b, 1, `Ghi chú B ${stamp}`);
  await syncAtCulturalHouse(a);
  await syncAtCulturalHouse(b);

  const leader = await phone(browser, baseURL!);
  await enrol(leader, codeLeader!);
  for (const [label, note] of [[labelA, `Ghi chú A ${stamp}`], [labelB, `Ghi chú B ${stamp}`]] as const) {
    await leader.goto('/households');
    await leader.getByTestId('search').fill(label);
    await leader.getByTestId('household-list').locator('li a', { hasText: label }).first().click();
    await expect(leader.getByTestId('visit-history')).toContainText(note);
  }

  // The leader issues a code for a new volunteer: shown as text and as a QR the new phone scans.
  await leader.getByRole('link', { name: 'Cài đặt' }).click();
  await leader.getByRole('link', { name: 'Cấp mã đăng ký cho thành viên mới' }).click();
  await leader.getByRole('button', { name: 'Tạo mã' }).click();
  await expect(leader.getByTestId('issued-code')).toHaveText(/^[2-9BCGHKLMNPQTVZ]{4}-[2-9BCGHKLMNPQTVZ]{4}$/);
  await expect(leader.getByTestId('code-qr')).toBeVisible();
  await leader.getByTestId('code-qr').scrollIntoViewIfNeeded();
  await docScreenshot(leader, '10-issue-code');
  expect(await seriousA11yViolations(leader)).toEqual([]);

  const other = await phone(browser, baseURL!);
  await enrol(other, codeOther!);
  await expect(other.getByText(OTHER_HAMLET).first()).toBeVisible();
  await expect(other.getByTestId('household-list').locator('li').first()).toBeVisible();
  await other.getByTestId('search').fill(labelA);
  await expect(other.getByTestId('household-list').locator('li a', { hasText: labelA })).toHaveCount(0);
  expect(await other.evaluate(() => location.pathname)).toBe('/households');
  await expect(other.getByRole('link', { name: 'Đổi thôn/bản' })).toHaveCount(0);
});

test('without BroadcastChannel on the page (Safari 15.0–15.3), what the sync worker writes shows at once: households after enrolment, the count after a sync', async ({ browser, baseURL }) => {
  const [code] = await issueCodes(baseURL!, [{ role: 'member', hamlet: HAMLET }]);
  const page = await phone(browser, baseURL!);
  // Only the page loses it: the worker keeps its own, but nothing it posts can reach a page without one.
  await page.context().addInitScript(() => { delete (window as { BroadcastChannel?: unknown }).BroadcastChannel; });
  await enrol(page, code!);
  expect(await page.evaluate(() => typeof BroadcastChannel)).toBe('undefined');
  const note = `Ghi chú không BroadcastChannel ${Date.now().toString(36)}`;
  await visitOffline(page, 0, note);
  // Back online the sync runs by itself (a tap as well would race it and send nothing): the count must fall to 0.
  await syncAtCulturalHouse(page);
});

test('a refused enrolment code says why: wrong, or already used', async ({ browser, baseURL }) => {
  const [code] = await issueCodes(baseURL!, [{ role: 'member', hamlet: HAMLET }]);
  const first = await phone(browser, baseURL!);
  await enrol(first, code!);
  const second = await phone(browser, baseURL!);
  await second.goto('/welcome');
  const field = second.getByLabel('Mã đăng ký (8 ký tự)');
  await field.fill('BBBB-CCCC');
  await second.getByRole('button', { name: 'Đăng ký thiết bị' }).click();
  await expect(second.getByText('Mã đăng ký không đúng.')).toBeVisible();
  await field.fill(code!.toLowerCase());
  await second.getByRole('button', { name: 'Đăng ký thiết bị' }).click();
  await expect(second.getByText('Mã đăng ký này đã được dùng; xin tổ trưởng mã mới.')).toBeVisible();
  await expect(second.getByRole('button', { name: 'Đăng ký thiết bị' })).toBeEnabled();
  expect(second.url()).toMatch(/\/welcome$/);
});
