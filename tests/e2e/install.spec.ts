/** Installable: the manifest names the app in Vietnamese with theme colour and icons (any + maskable), all served. */
import { expect, test } from '@playwright/test';

test('manifest, icons and iOS touch icon are served', async ({ page, request }) => {
  await page.goto('/welcome');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = await (await request.get(href!)).json() as {
    name: string; description: string; theme_color: string; display: string; start_url: string;
    icons: { src: string; sizes: string; purpose?: string }[];
  };
  expect(manifest.name).toBe('Từng Nhà');
  expect(manifest.description).toMatch(/hộ gia đình/);
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.display).toBe('standalone');
  expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
  const appleIcon = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
  for (const src of [...manifest.icons.map((i) => i.src), appleIcon!]) {
    const res = await request.get(src);
    expect(res.status(), src).toBe(200);
    expect(res.headers()['content-type']).toBe('image/png');
    expect((await res.body()).subarray(1, 4).toString('latin1'), src).toBe('PNG');
  }
  await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', manifest.theme_color);
});

test('the app download for offline use: said while under way, a cut-off download tried again, "ready" once on the phone', async ({ page, context }) => {
  // The link drops every file the service worker fetches (the precache), as a weak Wi-Fi can: the install fails.
  let cut = true;
  await context.route('**/*', (route) => (cut && route.request().serviceWorker() ? route.abort('connectionreset') : route.continue()));
  await page.goto('/welcome');
  const notice = page.getByTestId('offline-state');
  await expect(notice).toHaveAttribute('data-state', 'failed');
  await expect(notice).toContainText('Chưa tải xong ứng dụng');
  expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();

  // The connection comes back: the download is tried again at once, completes and takes over this page.
  cut = false;
  await context.setOffline(true);
  await context.setOffline(false);
  await expect(notice).toHaveCount(0);
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await page.getByRole('button', { name: 'Dùng thử với dữ liệu mẫu' }).click();
  await page.getByRole('link', { name: 'Đồng bộ' }).first().click();
  await expect(page.getByTestId('offline-state')).toHaveAttribute('data-state', 'ready');
});

test.describe('iPhone Safari', () => {
  test.use({ userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1' });
  test('Welcome asks to add the app to the Home Screen before enrolling (its data is separate from Safari)', async ({ page }) => {
    await page.goto('/welcome');
    const hint = page.getByTestId('ios-install');
    await expect(hint).toContainText('TRƯỚC khi đăng ký');
    await expect(hint).toContainText('Nhập mã đăng ký trong ứng dụng vừa mở');
    // In the app without an enrolment (here: the demo), the list still says to install before enrolling.
    await page.getByRole('button', { name: 'Dùng thử với dữ liệu mẫu' }).click();
    await expect(page.getByRole('note').filter({ hasText: 'Màn hình chính' })).toContainText('trước khi đăng ký');
  });
});
