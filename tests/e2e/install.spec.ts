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
