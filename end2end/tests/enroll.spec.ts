import { expect, test, type Page } from '@playwright/test';
import {
  CODE_PATTERN,
  FACILITATOR,
  alertWith,
  mainNav,
  openCodes,
  pageHeading,
  pathIs,
  signIn,
  signOut,
  statusWith,
  unique,
  waitForApp,
} from './helpers';

const IOP = 'IOP (intensive outpatient)';
const PASSPHRASE = 'a long passphrase';

interface Enrollment {
  code: string;
  name: string;
  email: string;
  password: string;
}

async function fillEnrollment(page: Page, e: Enrollment): Promise<void> {
  await page.getByLabel('Enrollment code').fill(e.code);
  await page.getByLabel('Preferred name').fill(e.name);
  await page.getByLabel('Email', { exact: true }).fill(e.email);
  await page.getByLabel('Password', { exact: true }).fill(e.password);
}

async function enroll(page: Page, e: Enrollment): Promise<void> {
  await page.goto('/enroll');
  await expect(pageHeading(page)).toHaveText('Join your program');
  await waitForApp(page);
  await fillEnrollment(page, e);
  await page.getByRole('button', { name: 'Create account' }).click();
}

test('staff issues an IOP code and a new client joins with it, once', async ({
  page,
}, testInfo) => {
  const id = unique(testInfo);

  // Staff creates a code.
  await signIn(page, FACILITATOR);
  await page.goto('/staff/codes');
  await expect(pageHeading(page)).toHaveText('Enrollment codes');
  const before = new Set(await openCodes(page));
  await waitForApp(page);

  await page.getByLabel('Level of care').selectOption({ label: IOP });
  await page.getByRole('button', { name: 'Create code' }).click();

  // The page comes back showing the new code (with or without JS).
  const status = statusWith(page, `New code for ${IOP}:`);
  await expect(status).toBeVisible();
  await expect(status).toContainText(CODE_PATTERN);
  const shown = (await status.innerText()).match(CODE_PATTERN)?.[0];

  // The new code is the first row of "Open codes" (with or without JS).
  let codes: string[] = [];
  await expect(async () => {
    codes = await openCodes(page);
    expect(codes.filter((c) => !before.has(c))).toHaveLength(1);
  }).toPass({ timeout: 10_000 });
  const code = codes[0];
  expect(code).toMatch(CODE_PATTERN);
  expect(before.has(code), 'the first row is the code just created').toBe(false);
  expect(code).toBe(shown);
  const firstRow = page.getByRole('table').getByRole('row').filter({ hasText: code });
  await expect(firstRow).toContainText(IOP);
  await expect(firstRow).toContainText(FACILITATOR.name);

  await signOut(page);

  // A new visitor joins with it.
  const client: Enrollment = {
    code,
    name: 'Riley',
    email: `e2e-${id}@example.org`,
    password: PASSPHRASE,
  };
  await enroll(page, client);
  await expect(page).toHaveURL(
    (url) => url.pathname === '/' && url.searchParams.get('welcome') === '1',
  );
  await expect(pageHeading(page)).toHaveText(`Hi, ${client.name}`);
  await expect(statusWith(page, 'Your account is ready. Welcome to Kindred.')).toBeVisible();
  await expect(page.getByText(`You're in ${IOP}.`)).toBeVisible();
  await expect(mainNav(page).getByRole('link', { name: 'Account', exact: true })).toBeVisible();
  await signOut(page);

  // The code works only once.
  await enroll(page, { ...client, name: 'Robin', email: `e2e-${id}-again@example.org` });
  await expect(alertWith(page, "That enrollment code isn't valid")).toBeVisible();
  await expect(mainNav(page).getByRole('button', { name: 'Sign out' })).toHaveCount(0);

  // The new account signs in with its own password.
  await signIn(page, { email: client.email, password: client.password, name: client.name });
  await page.goto('/account');
  await expect(page.getByRole('main')).toContainText(client.email);
  await expect(page.getByRole('main')).toContainText(IOP);
  await signOut(page);

  // And staff no longer see it as open.
  await signIn(page, FACILITATOR);
  await page.goto('/staff/codes');
  expect(await openCodes(page)).not.toContain(code);
});

test('an invalid enrollment code is refused', async ({ page }, testInfo) => {
  await enroll(page, {
    code: 'ZZZZ-ZZZZ',
    name: 'Alex',
    email: `e2e-${unique(testInfo)}-bad-code@example.org`,
    password: PASSPHRASE,
  });
  await expect(alertWith(page, "That enrollment code isn't valid")).toBeVisible();
  await expect(page).toHaveURL(pathIs('/enroll'));
  await expect(pageHeading(page)).toHaveText('Join your program');
  await expect(mainNav(page).getByRole('button', { name: 'Sign out' })).toHaveCount(0);
});

test('a short password gets a field error from the server', async ({ page }, testInfo) => {
  await page.goto('/enroll');
  const password = page.getByLabel('Password', { exact: true });
  // The browser's own validation is off (novalidate): the server checks.
  await expect(password).toHaveAttribute('minlength', '10');
  await expect(password).toHaveAttribute('required', '');
  await waitForApp(page);

  await fillEnrollment(page, {
    code: 'ZZZZ-ZZZZ',
    name: 'Alex',
    email: `e2e-${unique(testInfo)}-short@example.org`,
    password: 'short',
  });
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page.getByText(/Use at least 10 characters/)).toBeVisible();
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(password).toHaveAccessibleDescription(/Use at least 10 characters/);
  await expect(page).toHaveURL(pathIs('/enroll'));
  await expect(mainNav(page).getByRole('button', { name: 'Sign out' })).toHaveCount(0);
});
