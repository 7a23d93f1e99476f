import { expect, test, type Page } from '@playwright/test';
import { jsEnabled, pageHeading } from './helpers';

interface ManifestIcon {
  src: string;
  sizes?: string;
  type?: string;
  purpose?: string;
}

interface Manifest {
  name?: string;
  short_name?: string;
  start_url?: string;
  display?: string;
  icons?: ManifestIcon[];
}

test('web app manifest is valid and its icons load', async ({ request, baseURL }) => {
  const res = await request.get('/manifest.webmanifest');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type'] ?? '').toMatch(/json/);
  const manifest = (await res.json()) as Manifest;

  expect(manifest.name).toBeTruthy();
  expect(manifest.short_name).toBeTruthy();
  expect(manifest.start_url).toBeTruthy();
  expect(manifest.display).toBe('standalone');

  const icons = manifest.icons ?? [];
  const sizes = icons.flatMap((i) => (i.sizes ?? '').split(/\s+/));
  expect(sizes).toContain('192x192');
  expect(sizes).toContain('512x512');
  expect(icons.some((i) => (i.purpose ?? '').split(/\s+/).includes('maskable'))).toBe(true);

  const manifestUrl = new URL('/manifest.webmanifest', baseURL);
  for (const icon of icons) {
    const url = new URL(icon.src, manifestUrl);
    expect(url.origin, `${icon.src} is same-origin`).toBe(manifestUrl.origin);
    const iconRes = await request.get(url.href);
    expect(iconRes.status(), `GET ${url.pathname}`).toBe(200);
    expect(iconRes.headers()['content-type'] ?? '', `${url.pathname} content type`).toMatch(
      /^image\//,
    );
    if (icon.type) {
      expect(iconRes.headers()['content-type'], `${url.pathname} matches its declared type`).toContain(
        icon.type,
      );
    }
    expect((await iconRes.body()).length, `${url.pathname} is not empty`).toBeGreaterThan(0);
  }

  // start_url must be a page that loads.
  const start = await request.get(new URL(manifest.start_url ?? '/', manifestUrl).href);
  expect(start.status()).toBe(200);
});

test('service worker script is served as JavaScript', async ({ request }) => {
  const res = await request.get('/sw.js');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type'] ?? '').toMatch(/javascript/);
  expect(await res.text()).toContain('addEventListener');
});

/** Waits until the page's service worker is active and controls the page. */
async function waitForServiceWorkerControl(page: Page): Promise<string> {
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  const controlled = () => page.evaluate(() => navigator.serviceWorker.controller !== null);
  if (!(await controlled())) {
    // clients.claim() normally takes over at once; a reload makes sure.
    await expect.poll(controlled, { timeout: 3_000 }).toBe(true).catch(async () => {
      await page.reload();
    });
  }
  await expect.poll(controlled, { timeout: 10_000 }).toBe(true);
  return scope;
}

test.describe('service worker', () => {
  test('registers with the whole site as its scope', async ({ page, baseURL }, testInfo) => {
    test.skip(!jsEnabled(testInfo), 'service workers need JavaScript');
    await page.goto('/');
    const scope = await waitForServiceWorkerControl(page);
    expect(scope).toBe(new URL('/', baseURL).href);
  });

  test('crisis page works offline, other pages fall back to the offline page', async ({
    page,
    context,
  }, testInfo) => {
    test.skip(testInfo.project.name !== 'desktop-js', 'offline check runs on desktop-js only');
    await page.goto('/');
    await waitForServiceWorkerControl(page);

    await context.setOffline(true);
    try {
      await page.goto('/crisis');
      await expect(pageHeading(page)).toHaveText('Need help now?');
      await expect(
        page.getByRole('link', { name: 'Call 988 — Suicide & Crisis Lifeline' }),
      ).toHaveAttribute('href', 'tel:988');

      await page.goto('/');
      await expect(pageHeading(page)).toHaveText("You're offline");
      await expect(page.getByRole('link', { name: 'Open crisis resources' })).toBeVisible();

    } finally {
      await context.setOffline(false);
    }

    // Back online, pages come from the network again.
    await page.goto('/');
    await expect(pageHeading(page)).toHaveText('Welcome to Kindred');
  });
});
