/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import pkg from './package.json' with { type: 'json' };

export const THEME_COLOUR = '#0b5d3b';

// App build (Vite) and unit/server tests (Vitest projects) in one file; Playwright's config lives in tests/e2e.
export default defineConfig({
  plugins: [
    preact(),
    // Our own service worker (sw/sw.ts) with the precache manifest injected. Registration is done by hand in
    // src/ui/pwa/register.ts (prompt mode): an update is applied only when the volunteer agrees (docs/decisions.md D6).
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon-32.png', 'apple-touch-icon.png'],
      // jsQR (iPhone QR fallback, 47 KB gzip) is not precached: enrolment needs the network anyway.
      injectManifest: { globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'], globIgnores: ['**/jsQR-*.js'] },
      manifest: {
        name: 'Từng Nhà',
        short_name: 'Từng Nhà',
        description: 'Ghi lại các lượt hỗ trợ chuyển đổi số đến từng hộ gia đình — dùng được khi không có mạng.',
        lang: 'vi',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: THEME_COLOUR,
        background_color: '#ffffff',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      devOptions: { enabled: false },
    }),
  ],
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  build: {
    target: 'es2020',
    sourcemap: false,
    // The first route in one chunk (D21): every module the entry imports statically. Split into the ~13 chunks it
    // shares with lazy screens, a cheap phone paid ≈ 0.2–0.3 s just issuing their fetches to the service worker.
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'app', tags: ['$initial'] }] } } },
  },
  test: {
    // Inline projects do not inherit this file's plugins (no PWA build in tests). Vitest 4 types `extends` as
    // `string | true` only; omitting it is what `extends: false` meant (same code path in Vitest).
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: { name: 'server', include: ['tests/server/**/*.test.ts'], environment: 'node', testTimeout: 30_000, hookTimeout: 60_000, fileParallelism: false },
      },
    ],
  },
});
