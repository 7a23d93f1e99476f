import { expect, test } from '@playwright/test';
import { mainNav, pageHeading, pathIs, waitForApp } from './helpers';

// The shell every page shares: skip link, header, crisis link, nav, footer.

test.describe('skip link', () => {
  test('is the first focusable element and skips to the main content', async ({ page }) => {
    await page.goto('/');
    await expect(pageHeading(page)).toHaveText('Welcome to Kindred');
    // With JavaScript on, test the hydrated page (the router handles link clicks there).
    await waitForApp(page);

    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await expect(skip).toBeFocused();
    await expect(skip).toHaveAttribute('href', '#main');

    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#main$/);
    // The next Tab lands inside <main>, past the header and navigation.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('main').getByRole('link', { name: 'Sign in' })).toBeFocused();
  });
});

const PAGES = [
  '/',
  '/sign-in',
  '/enroll',
  '/account',
  '/crisis',
  '/offline',
  '/staff/codes',
  '/no-such-page',
];

test.describe('crisis link and shell on every page', () => {
  for (const path of PAGES) {
    test(`${path} has the shell and "Need help now?" leads to the crisis page`, async ({
      page,
    }) => {
      await page.goto(path);

      const header = page.getByRole('banner');
      await expect(header.getByRole('link', { name: 'Kindred', exact: true })).toHaveAttribute(
        'href',
        '/',
      );

      const nav = mainNav(page);
      await expect(nav).toBeVisible();
      for (const name of ['Home', 'Sign in', 'Join with a code']) {
        await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
      }
      await expect(nav.getByRole('button', { name: 'Sign out' })).toHaveCount(0);

      const footer = page.getByRole('contentinfo');
      await expect(footer).toContainText('911');
      await expect(footer).toContainText('988');

      const crisis = page.getByRole('link', { name: 'Need help now?', exact: true });
      await expect(crisis).toHaveCount(1);
      await expect(crisis).toBeVisible();
      await expect(crisis).toHaveAttribute('href', '/crisis');
      await crisis.click();
      await expect(page).toHaveURL(pathIs('/crisis'));
      await expect(pageHeading(page)).toHaveText('Need help now?');
    });
  }
});

test('crisis page lists ways to get help right now', async ({ page }) => {
  const res = await page.goto('/crisis');
  expect(res?.status()).toBe(200);
  await expect(pageHeading(page)).toHaveText('Need help now?');

  const links: [string, string | RegExp][] = [
    ['Call 988 — Suicide & Crisis Lifeline', 'tel:988'],
    ['Text 988', 'sms:988'],
    ['Chat with 988 online', /^https:\/\//],
    ['Crisis Text Line: text HOME to 741741', /741741/],
    ['Call 911 if you are in immediate danger', 'tel:911'],
    ['Call Kindred Demo Program at +1-555-010-0100', /^tel:/],
  ];
  for (const [name, href] of links) {
    const link = page.getByRole('main').getByRole('link', { name, exact: true });
    await expect(link).toBeVisible();
    await expect(link).toHaveAttribute('href', href);
  }
  await expect(page.getByRole('main')).toContainText('1-800-662-4357');
});

test('offline page points to the crisis resources', async ({ page }) => {
  await page.goto('/offline');
  await expect(pageHeading(page)).toHaveText("You're offline");
  const link = page.getByRole('link', { name: 'Open crisis resources' });
  await expect(link).toHaveAttribute('href', '/crisis');
  await link.click();
  await expect(page).toHaveURL(pathIs('/crisis'));
  await expect(pageHeading(page)).toHaveText('Need help now?');
});

test('unknown path answers 404 with a "Page not found" page', async ({ page }) => {
  const res = await page.goto('/no-such-page');
  expect(res?.status()).toBe(404);
  await expect(pageHeading(page)).toHaveText('Page not found');
  await expect(page).toHaveTitle(/Page not found/);
});

test('home page sends security headers', async ({ request }) => {
  const res = await request.get('/');
  expect(res.status()).toBe(200);
  const headers = res.headers();
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toContain("'wasm-unsafe-eval'");
  expect(csp).toMatch(/'nonce-[A-Za-z0-9_+/=-]+'/);
  const scriptSrc = csp
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith('script-src '));
  expect(scriptSrc, 'CSP has a script-src directive').toBeTruthy();
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  // A fresh nonce for every response.
  const again = (await request.get('/')).headers()['content-security-policy'] ?? '';
  const nonce = (policy: string) => policy.match(/'nonce-([^']+)'/)?.[1];
  expect(nonce(again)).toBeTruthy();
  expect(nonce(again)).not.toBe(nonce(csp));
  expect(headers['cache-control']).toBe('no-store');
});
