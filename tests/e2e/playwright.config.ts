/**
 * End-to-end tests in real Chromium against the production build served by the real server (`tsx server/main.ts`,
 * app + /api/v1 on one port, a throw-away DATA_DIR). Port and data dir are chosen once in the runner process and
 * passed to workers through the environment, so every worker talks to the same server.
 */
import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

function freePort(): number {
  const script = "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

process.env.E2E_PORT ??= String(freePort());
if (!process.env.E2E_DATA_DIR) {
  const dir = mkdtempSync(join(tmpdir(), 'tungnha-e2e-'));
  process.env.E2E_DATA_DIR = dir;
  // Removed when the runner exits, after it has stopped the server; a directory given from outside is kept.
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
}
const port = Number(process.env.E2E_PORT);
const hasServer = existsSync(join(root, 'server/main.ts'));
// Debian's Chromium when present (CI installs it), else the browser Playwright downloaded.
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: join(root, 'test-results'),
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? 'list' : [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    viewport: { width: 360, height: 760 },
    hasTouch: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    serviceWorkers: 'allow',
    trace: 'retain-on-failure',
    launchOptions: {
      ...(systemChromium ? { executablePath: systemChromium } : {}),
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
    },
  },
  webServer: {
    // The production build (the service worker only exists there), then the real server on a free port.
    command: hasServer
      ? `npm run build && npx tsx server/main.ts`
      : `npx vite build && npx vite preview --port ${port} --strictPort --host localhost`,
    cwd: root,
    url: hasServer ? `http://localhost:${port}/api/v1/health` : `http://localhost:${port}/`,
    // SKIP_BUILD: the command has just built dist/; the server need not check again.
    env: { PORT: String(port), DATA_DIR: process.env.E2E_DATA_DIR, HOST: '127.0.0.1', SKIP_BUILD: '1' },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
