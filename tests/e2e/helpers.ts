/** Shared steps for the end-to-end tests: wait for the service worker, load the demo, find things by role. */
import { expect, type Page } from '@playwright/test';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

/** Resolves once a service worker is active for this origin (precaching finished). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    return reg.active?.state;
  });
}

/** Starts on a clean, installed app: first visit online, SW active, then reload so the SW controls the page. */
export async function installApp(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Dùng thử với dữ liệu mẫu' })).toBeVisible();
  await waitForServiceWorker(page);
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

export async function loadDemo(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Dùng thử với dữ liệu mẫu' }).click();
  await expect(page).toHaveURL(/\/households$/);
  await expect(page.getByText('DEMO — dữ liệu mẫu', { exact: false }).first()).toBeVisible();
  await expect(page.getByTestId('household-list').locator('li').first()).toBeVisible();
}

/**
 * Screenshots for the docs (docs/screenshots/NAME.png) are written only with UPDATE_SCREENSHOTS=1, so an ordinary
 * `npm test` leaves the git tree clean; the assertions around them run either way.
 */
export async function docScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(root, 'docs/screenshots', `${name}.png`) });
}

/** Opens a checklist item's card on the visit form (cards start folded), found by the item's exact label. */
export async function openVisitItem(page: Page, itemLabel: string): Promise<void> {
  const head = page.locator('.item-head').filter({ has: page.getByText(itemLabel, { exact: true }) });
  if ((await head.getAttribute('aria-expanded')) !== 'true') await head.click();
  await expect(head).toHaveAttribute('aria-expanded', 'true');
}

export const unsyncedCount = (page: Page) => page.getByTestId('unsynced-count');

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core in the page; returns serious and critical violations only. Injected through the DevTools
 * protocol (page.evaluate), because the app's CSP rightly refuses inline scripts.
 */
export async function seriousA11yViolations(page: Page): Promise<{ id: string; impact: string; help: string; targets: string[] }[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact!, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/** Issues an enrolment code with the admin CLI (`npm run admin -- issue-code … --json`) against the e2e database. */
export async function issueCode(role: string, hamlet?: string): Promise<string> {
  const args = ['tsx', 'server/cli/admin.ts', 'issue-code', '--role', role, ...(hamlet ? ['--hamlet', hamlet] : []), '--json'];
  const { stdout } = await run(join(root, 'node_modules/.bin/tsx'), args.slice(1), { cwd: root, env: { ...process.env, DATA_DIR: process.env.E2E_DATA_DIR }, encoding: 'utf8' });
  const line = stdout.trim().split('\n').reverse().find((l) => l.startsWith('{'));
  return (JSON.parse(line!) as { code: string }).code;
}

/**
 * Enrolment codes for several people: one commune-leader code from the admin CLI (slow: a process per code), that
 * code enrolled over HTTP as a "leader's phone", then the leader's own endpoint (POST /api/v1/codes) for the rest.
 */
export async function issueCodes(baseURL: string, wanted: { role: string; hamlet: string }[]): Promise<string[]> {
  const code = await issueCode('commune_leader');
  const enrolled = await fetch(`${baseURL}/api/v1/enrol`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceName: 'e2e leader' }),
  });
  expect(enrolled.status).toBe(201);
  const { token, hamlets } = (await enrolled.json()) as { token: string; hamlets: { id: string; name: string }[] };
  const codes: string[] = [];
  for (const w of wanted) {
    const hamlet = hamlets.find((h) => h.name === w.hamlet);
    const res = await fetch(`${baseURL}/api/v1/codes`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ role: w.role, hamletIds: [hamlet!.id] }),
    });
    expect(res.status).toBe(201);
    codes.push(((await res.json()) as { code: string }).code);
  }
  return codes;
}

/** Enrols the page's device with a code typed on the Welcome screen; waits for the first pull to fill the list. */
export async function enrol(page: Page, code: string): Promise<void> {
  await page.goto('/welcome');
  await page.getByLabel('Mã đăng ký (8 ký tự)').fill(`${code.slice(0, 4)}-${code.slice(4)}`);
  await page.getByRole('button', { name: 'Đăng ký thiết bị' }).click();
  await expect(page).toHaveURL(/\/(households|hamlets)$/);
  // First install: the service worker takes control of this very page (no reload), so lazy screens load offline.
  await waitForServiceWorker(page);
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}
