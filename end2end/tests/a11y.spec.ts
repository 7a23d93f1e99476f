import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import {
  ADMIN,
  apiAs,
  callApi,
  CLIENT,
  FACILITATOR,
  jsEnabled,
  pageHeading,
  signIn,
  statusWith,
  waitForApp,
  type Account,
} from './helpers';

// axe-core runs inside the page, so it needs JavaScript: with JavaScript off it
// hangs until the timeout. These scans run in the JS projects only.
test.beforeEach(async ({}, testInfo) => {
  test.skip(!jsEnabled(testInfo), 'axe-core needs JavaScript');
});

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function scan(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  for (const v of results.violations) {
    const targets = v.nodes
      .slice(0, 5)
      .map((n) => n.target.join(' '))
      .join(' | ');
    console.log(`[axe] ${label}: ${v.impact ?? 'unknown'} ${v.id}: ${v.help} (${v.nodes.length}) ${targets}`);
  }
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} -> ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(blocking, `serious or critical accessibility violations on ${label}`).toEqual([]);
}

const PUBLIC_PAGES: [string, string][] = [
  ['/', 'Welcome to Kindred'],
  ['/sign-in', 'Sign in'],
  ['/enroll', 'Join your program'],
  ['/crisis', 'Need help now?'],
  ['/offline', "You're offline"],
  ['/no-such-page', 'Page not found'],
  ['/groups', 'Groups'],
  ['/groups?day=sat&format=in_person', 'Groups'],
  ['/groups?kind=family&level=php', 'Groups'],
  ['/groups/alumni-circle', 'Alumni Circle'],
];

for (const [path, heading] of PUBLIC_PAGES) {
  test(`visitor page ${path} has no serious accessibility violations`, async ({ page }) => {
    await page.goto(path);
    await expect(pageHeading(page)).toHaveText(heading);
    await scan(page, `visitor ${path}`);
  });
}

const SIGNED_IN: [Account, string, string][] = [
  [CLIENT, '/', `Hi, ${CLIENT.name}`],
  [CLIENT, '/account', 'Your account'],
  [FACILITATOR, '/staff/codes', 'Enrollment codes'],
  [FACILITATOR, '/staff/groups/new', 'New group'],
  [FACILITATOR, '/staff/closures', 'Program closures'],
  [FACILITATOR, '/groups/alumni-circle', 'Alumni Circle'],
  [CLIENT, '/groups', 'Groups'],
  [CLIENT, '/me/schedule', 'My schedule'],
  [CLIENT, '/groups/dbt-skills-distress-tolerance', 'DBT Skills: Distress Tolerance'],
  [FACILITATOR, '/staff/today', "Today's sessions"],
  [CLIENT, '/boards', 'Peer support'],
  [CLIENT, '/boards/iop', 'IOP check-in'],
  [FACILITATOR, '/staff/moderation', 'Moderation'],
  [ADMIN, '/staff/codes', 'Enrollment codes'],
];

for (const [account, path, heading] of SIGNED_IN) {
  test(`${account.email} on ${path} has no serious accessibility violations`, async ({ page }) => {
    await signIn(page, account);
    await page.goto(path);
    await expect(pageHeading(page)).toHaveText(heading);
    await scan(page, `${account.email} ${path}`);
  });
}

test('a session roster with members has no serious accessibility violations', async ({ page }) => {
  await signIn(page, FACILITATOR);
  const res = await page.request.get('/api/get_group?slug=dbt-skills-distress-tolerance');
  const group = await res.json();
  const withSignups = group.upcoming.find((s: { seats_left: number }) => s.seats_left < 10);
  await page.goto(`/staff/sessions/${withSignups.id}`);
  await expect(pageHeading(page)).toContainText('DBT Skills: Distress Tolerance');
  await expect(page.getByRole('button', { name: 'Maya — Present' })).toBeVisible();
  await scan(page, 'roster');
});

test('a board thread with replies has no serious accessibility violations', async ({ page }, testInfo) => {
  const author = await apiAs(CLIENT);
  await callApi(author, 'accept_guidelines');
  const out = await callApi(author, 'start_thread', {
    board: 'iop',
    title: `A11y thread ${testInfo.project.name}`,
    body: 'First paragraph.\n\nSecond paragraph.',
  });
  await author.dispose();
  await signIn(page, FACILITATOR);
  await page.goto(`/boards/threads/${out.thread_id}`);
  await expect(pageHeading(page)).toHaveText(`A11y thread ${testInfo.project.name}`);
  await scan(page, 'thread');
});

test('staff codes page with a new code and the open-codes table has no serious accessibility violations', async ({
  page,
}) => {
  await signIn(page, FACILITATOR);
  await page.goto('/staff/codes');
  await waitForApp(page);
  await page.getByLabel('Level of care').selectOption({ label: 'Family' });
  await page.getByRole('button', { name: 'Create code' }).click();
  await expect(statusWith(page, 'New code for Family:')).toBeVisible();
  await expect(page.getByRole('table')).toBeVisible();
  await scan(page, 'staff /staff/codes after creating a code');
});

test('form errors have no serious accessibility violations', async ({ page }) => {
  await page.goto('/enroll');
  await waitForApp(page);
  await page.getByLabel('Enrollment code').fill('ZZZZ-ZZZZ');
  await page.getByLabel('Preferred name').fill('Alex');
  await page.getByLabel('Email', { exact: true }).fill(`e2e-${Date.now()}-a11y@example.org`);
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText(/Use at least 10 characters/)).toBeVisible();
  await scan(page, '/enroll with errors');
});
