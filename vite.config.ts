/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import pkg from './package.json' with { type: 'json' };

export const THEME_COLOUR = '#0b5d3b';

/**
 * The data layer is imported dynamically by the first route so that it runs after the first paint (D21), but it is
 * needed at once: a modulepreload in index.html fetches and compiles it (and its imports) in parallel with the app
 * module. It also keeps the first-route size figure honest (bench/bundle.ts counts modulepreloads).
 */
function preloadDataLayer(): Plugin {
  return {
    name: 'tungnha-preload-data-layer',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).flatMap((c) => (c.type === 'chunk' ? [c] : []));
        const data = chunks.find((c) => c.moduleIds.some((m) => m.replace(/\\/g, '/').endsWith('/src/data/index.ts')));
        if (!data) throw new Error('preloadDataLayer: no chunk holds src/data/index.ts');
        const entry = chunks.find((c) => c.isEntry);
        const files = [data.fileName, ...data.imports].filter((f) => f !== entry?.fileName);
        return files.map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: '', href: `/${f}` }, injectTo: 'head' as const }));
      },
    },
  };
}

/**
 * V8's explicit compile hint (D22): with this comment at the top of the entry chunk, Chromium compiles every function
 * in it eagerly on the script-streaming thread, instead of lazily on the main thread as the first render calls them.
 * The entry chunk is the code the first screen runs; other engines ignore the comment.
 */
function compileHintEntry(): Plugin {
  return {
    name: 'tungnha-compile-hint-entry',
    apply: 'build',
    enforce: 'post',
    // After minification (which drops comments) and after Vite's own chunk rewrites: the comment must stay first.
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const c of Object.values(bundle)) if (c.type === 'chunk' && c.isEntry) c.code = `//# allFunctionsCalledOnLoad\n${c.code}`;
      },
    },
  };
}

/**
 * The first screen's stylesheet inlined in index.html (D22): a stylesheet holds back the module script until it has
 * loaded, so the separate file cost one more request through the service worker before the app could start. 8 KB raw;
 * the file stays in the build (and the precache) for nothing else to break.
 */
function inlineEntryCss(): Plugin {
  return {
    name: 'tungnha-inline-entry-css',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        return html.replace(/<link rel="stylesheet"[^>]*href="\/(assets\/[^"]+\.css)"[^>]*>/g, (tag, file: string) => {
          const asset = ctx.bundle?.[file];
          return asset?.type === 'asset' ? `<style>${String(asset.source)}</style>` : tag;
        });
      },
    },
  };
}

// App build (Vite) and unit/server tests (Vitest projects) in one file; Playwright's config lives in tests/e2e.
export default defineConfig({
  plugins: [
    preact(),
    preloadDataLayer(),
    compileHintEntry(),
    inlineEntryCss(),
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
    // The data layer the first route loads right after its first paint, in one chunk too (one modulepreload, not
    // five): Dexie and the readers src/data/index.ts re-exports. The writers (edits.ts) stay in lazy chunks.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'app', tags: ['$initial'] },
            { name: 'data', test: /[\\/]node_modules[\\/]dexie[\\/]|[\\/]src[\\/]data[\\/](index|observe|device|households|visits|outbox|sync-state|storage|validation|meta|db|digests)\.ts$/ },
          ],
        },
      },
    },
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
