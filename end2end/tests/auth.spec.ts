import { expect, test, type Page } from '@playwright/test';
import {
  ADMIN,
  CLIENT,
  CODE_PATTERN,
  FACILITATOR,
  alertWith,
  mainNav,
  pageHeading,
  pathIs,
  signIn,
  signOut,
  statusWith,
  submitSignIn,
  waitForApp,
} from './helpers';

/** The account page's definition list as { term: definition }. */
async function accountDetails(page: Page): Promise<Record<string, string>> {
  const main = page.getByRole('main');
  const terms = await main.getByRole('term').allInnerTexts();
  const definitions = await main.getByRole('definition').allInnerTexts();
  expect(definitions.length).toBe(terms.length);
  return Object.fromEntries(terms.map((t, i) => [t.trim(), definitions[i].trim()]));
}

test('client signs in, sees their home page, and signs out', async ({ page }) => {
  await signIn(page, CLIENT);
  await expect(page.getByText(`You're in ${CLIENT.level}.`)).toBeVisible();

  const nav = mainNav(page);
  await expect(nav.getByRole('link', { name: 'Home', exact: true })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Account', exact: true })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Sign in', exact: true })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Join with a code' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Enrollment codes' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Need help now?' })).toBeVisible();

  // The session survives a full page load.
  await page.reload();
  await expect(pageHeading(page)).toHaveText(`Hi, ${CLIENT.name}`);

  await signOut(page);
  await expect(mainNav(page).getByRole('button', { name: 'Sign out' })).toHaveCount(0);

  // Signed out for real: the account page asks to sign in again.
  await page.goto('/account');
  await expect(pageHeading(page)).toHaveText('Please sign in');
});

test('wrong password shows an error and does not sign in', async ({ page }) => {
  // One deliberate failure per project: see the throttling note in helpers.ts.
  await page.goto('/sign-in');
  await waitForApp(page);
  await submitSignIn(page, CLIENT.email, 'not-the-right-password');

  await expect(alertWith(page, 'Email or password is incorrect.')).toBeVisible();
  await expect(page).toHaveURL(pathIs('/sign-in'));
  await expect(pageHeading(page)).toHaveText('Sign in');
  await expect(mainNav(page).getByRole('link', { name: 'Sign in', exact: true })).toBeVisible();
  await expect(mainNav(page).getByRole('button', { name: 'Sign out' })).toHaveCount(0);

  await page.goto('/account');
  await expect(pageHeading(page)).toHaveText('Please sign in');
});

test('account page shows the client their details', async ({ page }) => {
  await signIn(page, CLIENT);
  await mainNav(page).getByRole('link', { name: 'Account', exact: true }).click();
  await expect(page).toHaveURL(pathIs('/account'));
  await expect(pageHeading(page)).toHaveText('Your account');
  await expect(mainNav(page).getByRole('link', { name: 'Account', exact: true })).toHaveAttribute(
    'aria-current',
    'page',
  );

  expect(await accountDetails(page)).toEqual({
    Name: CLIENT.name,
    Email: CLIENT.email,
    Role: 'Client',
    'Level of care': CLIENT.level,
  });
  await expect(page.getByRole('button', { name: 'Sign out everywhere' })).toBeVisible();
});

test('sign out everywhere ends every session of the account', async ({ page, browser }) => {
  // A second device, signed in as the same person.
  const other = await browser.newContext();
  try {
    const otherPage = await other.newPage();
    await signIn(otherPage, CLIENT);

    await signIn(page, CLIENT);
    await page.goto('/account');
    await waitForApp(page);
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();

    await expect(page).toHaveURL(
      (url) =>
        url.pathname === '/sign-in' && url.searchParams.get('signed_out') === 'everywhere',
    );
    await expect(statusWith(page, "You've been signed out on all your devices.")).toBeVisible();
    await expect(mainNav(page).getByRole('link', { name: 'Sign in', exact: true })).toBeVisible();

    // This device is signed out...
    await page.goto('/account');
    await expect(pageHeading(page)).toHaveText('Please sign in');
    // ...and so is the other one.
    await otherPage.goto('/account');
    await expect(pageHeading(otherPage)).toHaveText('Please sign in');
    await expect(
      mainNav(otherPage).getByRole('link', { name: 'Sign in', exact: true }),
    ).toBeVisible();
  } finally {
    await other.close();
  }
});

test('visitor on /account is asked to sign in', async ({ page }) => {
  await page.goto('/account');
  await expect(pageHeading(page)).toHaveText('Please sign in');
  await expect(page.getByRole('heading', { name: 'Your account' })).toHaveCount(0);
  await expect(page.getByText(CLIENT.email)).toHaveCount(0);

  await page.getByRole('main').getByRole('link', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(pathIs('/sign-in'));
  await expect(pageHeading(page)).toHaveText('Sign in');
});

test('client is refused on the staff codes page', async ({ page }) => {
  await signIn(page, CLIENT);
  await page.goto('/staff/codes');
  await expect(alertWith(page, "Your account doesn't have access to this.")).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
  await expect(page.getByText(CODE_PATTERN)).toHaveCount(0);
});

test('client cannot create an enrollment code', async ({ page }) => {
  await signIn(page, CLIENT);
  await page.goto('/staff/codes');
  await expect(alertWith(page, "Your account doesn't have access to this.")).toBeVisible();
  const create = page.getByRole('button', { name: 'Create code' });
  if ((await create.count()) === 0) return; // not offered at all: nothing to try
  await waitForApp(page);
  await create.click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await expect(page.getByText(/New code for/)).toHaveCount(0);
  await expect(page.getByText(CODE_PATTERN)).toHaveCount(0);
  await expect(page.getByRole('table')).toHaveCount(0);
});

for (const staff of [FACILITATOR, ADMIN]) {
  test(`staff (${staff.email}) sees and opens "Enrollment codes"`, async ({ page }) => {
    await signIn(page, staff);
    const nav = mainNav(page);
    await expect(nav.getByRole('link', { name: 'Home', exact: true })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Account', exact: true })).toBeVisible();
    await nav.getByRole('link', { name: 'Enrollment codes' }).click();
    await expect(page).toHaveURL(pathIs('/staff/codes'));
    await expect(pageHeading(page)).toHaveText('Enrollment codes');
    await expect(page.getByLabel('Level of care')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Create code' })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
}
