import { defineConfig } from 'vitest/config';

// Browser journeys: `npm run test:e2e` (builds the web app first). One file at a time, each
// file starts its own server; chromium and the server need generous timeouts.
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    maxWorkers: 1,
    pool: 'forks',
  },
});
