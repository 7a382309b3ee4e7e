/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// App build (Vite) and unit/server tests (Vitest projects) in one file; Playwright's config lives in tests/e2e.
export default defineConfig({
  plugins: [preact()],
  test: {
    projects: [
      { extends: false, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        extends: false,
        test: { name: 'server', include: ['tests/server/**/*.test.ts'], environment: 'node', testTimeout: 30_000, hookTimeout: 60_000, fileParallelism: false },
      },
    ],
  },
});
