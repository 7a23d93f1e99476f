import { defineConfig, devices } from '@playwright/test';

/**
 * Kindred end-to-end tests.
 *
 * Run through `scripts/e2e.sh`, which starts the release build on a fresh
 * SQLite database with demo data and exports E2E_BASE_URL. Browsers are never
 * downloaded: Debian's Chromium (`apt-get install chromium`) is used.
 *
 * Projects: desktop and phone viewports, each with JavaScript on (hydrated app,
 * service worker) and off (plain HTML forms, progressive enhancement).
 */

const baseURL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000';

const chromiumLaunch = {
  executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

const pixel7 = devices['Pixel 7'];
const phone = {
  viewport: pixel7.viewport,
  userAgent: pixel7.userAgent,
  deviceScaleFactor: pixel7.deviceScaleFactor,
  isMobile: pixel7.isMobile,
  hasTouch: pixel7.hasTouch,
};
const desktop = {
  viewport: { width: 1280, height: 800 },
};

export default defineConfig({
  testDir: 'tests',
  // One worker: a 2-core machine and one shared demo database.
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    browserName: 'chromium',
    launchOptions: chromiumLaunch,
    locale: 'en-US',
    timezoneId: 'America/New_York',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'desktop-js',
      use: { ...desktop, javaScriptEnabled: true, serviceWorkers: 'allow' },
    },
    {
      name: 'phone-js',
      use: { ...phone, javaScriptEnabled: true, serviceWorkers: 'allow' },
    },
    {
      name: 'desktop-nojs',
      use: { ...desktop, javaScriptEnabled: false, serviceWorkers: 'block' },
    },
    {
      name: 'phone-nojs',
      use: { ...phone, javaScriptEnabled: false, serviceWorkers: 'block' },
    },
  ],
});
