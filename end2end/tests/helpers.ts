import { expect, request as playwrightRequest, test, type APIRequestContext, type Locator, type Page, type TestInfo } from '@playwright/test';

/** A demo account seeded by `KINDRED_DEMO=1`. */
export interface Account {
  email: string;
  password: string;
  /** The name shown in "Hi, <name>" and on the account page. */
  name: string;
  /** The level-of-care label (clients only). */
  level?: string;
}

export const CLIENT: Account = {
  email: 'client@demo.kindred.care',
  password: 'kindred-demo-client',
  name: 'Maya',
  level: 'IOP (intensive outpatient)',
};

export const PHP_CLIENT: Account = {
  email: 'php-client@demo.kindred.care',
  password: 'kindred-demo-client',
  name: 'Jordan',
  level: 'PHP (partial hospitalization)',
};

export const FACILITATOR: Account = {
  email: 'facilitator@demo.kindred.care',
  password: 'kindred-demo-staff',
  name: 'Dana Ruiz, LICSW',
};

export const ADMIN: Account = {
  email: 'admin@demo.kindred.care',
  password: 'kindred-demo-admin',
  name: 'Sam Okafor',
};

// A caution about sign-in failures: the server throttles per account (5 free
// failures) AND per client address (20). Every test runs from 127.0.0.1, so
// keep deliberate failures few, and never test throttling itself here (the
// Rust integration tests do, with an injectable clock).

/** Whether the running project has JavaScript on. */
export function jsEnabled(testInfo: TestInfo = test.info()): boolean {
  return testInfo.project.use.javaScriptEnabled !== false;
}

/** Whether the running project uses a phone-sized viewport. */
export function isPhone(testInfo: TestInfo): boolean {
  return testInfo.project.use.isMobile === true;
}

/** The site's main navigation. */
export function mainNav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Main' });
}

/** The page's level-one heading. */
export function pageHeading(page: Page): Locator {
  return page.getByRole('heading', { level: 1 });
}

/** The status message (role=status) that contains `text`. */
export function statusWith(page: Page, text: string | RegExp): Locator {
  return page.getByRole('status').filter({ hasText: text });
}

/** The alert (role=alert) that contains `text`. */
export function alertWith(page: Page, text: string | RegExp): Locator {
  return page.getByRole('alert').filter({ hasText: text });
}

/** Matches a URL whose path is `path` (any query string). */
export function pathIs(path: string): (url: URL) => boolean {
  return (url: URL) => url.pathname === path;
}

/**
 * With JavaScript on, waits until the app has hydrated (so that forms are
 * handled by the app rather than by a plain form post): the hydrate entry
 * point sets `data-hydrated` on <html>. With JavaScript off this returns at once.
 */
export async function waitForApp(page: Page): Promise<void> {
  if (!jsEnabled()) return;
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
}

/** Fills and submits the sign-in form on the current page (must be /sign-in). */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Signs in through the form and waits until the home page shows the signed-in nav. */
export async function signIn(page: Page, account: Account): Promise<void> {
  await page.goto('/sign-in');
  await expect(pageHeading(page)).toHaveText('Sign in');
  await waitForApp(page);
  await submitSignIn(page, account.email, account.password);
  await expect(page).toHaveURL(pathIs('/'));
  await expect(pageHeading(page)).toHaveText(`Hi, ${account.name}`);
  await expect(mainNav(page).getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** Signs out through the nav button and waits for the signed-out page. */
export async function signOut(page: Page): Promise<void> {
  await mainNav(page).getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(
    (url) => url.pathname === '/sign-in' && url.searchParams.get('signed_out') === '1',
  );
  await expect(statusWith(page, "You've signed out.")).toBeVisible();
  await expect(mainNav(page).getByRole('link', { name: 'Sign in', exact: true })).toBeVisible();
}

/** A value unique to this test run, project and retry. */
export function unique(testInfo: TestInfo): string {
  const project = testInfo.project.name.replace(/[^a-z0-9]/gi, '');
  return `${Date.now()}-${project}-${testInfo.retry}`.toLowerCase();
}

/** Enrollment codes look like ABCD-2345. */
export const CODE_PATTERN = /[A-Z0-9]{4}-[A-Z0-9]{4}/;

/** The codes in the first column of the "Open codes" table of /staff/codes, in table order. */
export async function openCodes(page: Page): Promise<string[]> {
  await expect(page.getByRole('heading', { name: 'Open codes', level: 2 })).toBeVisible();
  const tables = page.getByRole('table');
  if ((await tables.count()) === 0) return [];
  const codes: string[] = [];
  for (const row of await tables.first().getByRole('row').all()) {
    const cells = row.getByRole('cell');
    if ((await cells.count()) === 0) continue; // the header row
    codes.push((await cells.first().innerText()).trim());
  }
  return codes;
}

/** The four projects in a fixed order, so tests can pick per-project data. */
export function projectIndex(testInfo: TestInfo): number {
  const i = ['desktop-js', 'phone-js', 'desktop-nojs', 'phone-nojs'].indexOf(testInfo.project.name);
  return i < 0 ? 0 : i;
}

/** Calls a server function directly (test setup), failing loudly on an error answer. */
export async function callApi(
  ctx: APIRequestContext,
  name: string,
  form: Record<string, string> = {},
): Promise<any> {
  const res = await ctx.post(`/api/${name}`, { form, headers: { Accept: 'application/json' } });
  const text = await res.text();
  if (!res.ok()) throw new Error(`${name}: ${res.status()} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** A request context signed in as `account` (for test setup through the API). */
export async function apiAs(account: Account): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL: test.info().project.use.baseURL });
  await callApi(ctx, 'sign_in', { email: account.email, password: account.password });
  return ctx;
}

/** Enrolls a new client through a staff-issued code; unique to this test and project. */
export async function freshClient(testInfo: TestInfo, tag: string, level = 'iop'): Promise<Account> {
  const staff = await apiAs(FACILITATOR);
  const issued = await callApi(staff, 'issue_enrollment_code', { level_of_care: level });
  await staff.dispose();
  const account: Account = {
    email: `${tag.toLowerCase()}-${unique(testInfo)}@e2e.kindred.care`,
    password: 'e2e-client-password',
    name: `${tag} Tester`,
  };
  const ctx = await playwrightRequest.newContext({ baseURL: testInfo.project.use.baseURL });
  await callApi(ctx, 'enroll', {
    code: issued.code,
    preferred_name: account.name,
    email: account.email,
    password: account.password,
  });
  await ctx.dispose();
  return account;
}

/** The id of the `index`-th upcoming session of a group (0 = the next one). */
export async function sessionId(slug: string, index: number): Promise<number> {
  const ctx = await playwrightRequest.newContext({ baseURL: test.info().project.use.baseURL });
  const res = await ctx.get(`/api/get_group?slug=${slug}`);
  const group = await res.json();
  await ctx.dispose();
  return group.upcoming[index].id;
}
