import { defineConfig } from '@playwright/test'

/**
 * End-to-end tests drive the built renderer (out/renderer) in Debian's
 * Chromium with the real main-process handlers behind window.launchReady
 * (tests/e2e/harness.ts). The startup benchmark (@bench) only runs with
 * LR_BENCH=1 (npm run bench:startup).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  workers: 2,
  fullyParallel: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['line']],
  grepInvert: process.env.LR_BENCH ? undefined : /@bench/,
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    trace: 'retain-on-failure',
    actionTimeout: 10_000,
  },
})
