import { expect, test } from '@playwright/test';
import { FACILITATOR, pageHeading, pathIs, signIn, statusWith, unique, waitForApp } from './helpers';

test.describe('group directory', () => {
  test('filter by several criteria, share the link, open a group', async ({ page, browser }) => {
    await page.goto('/groups');
    await expect(pageHeading(page)).toHaveText('Groups');
    await expect(page.getByRole('status').filter({ hasText: /groups/ })).toBeVisible();
    await waitForApp(page);

    await page.getByLabel('Day', { exact: true }).selectOption({ label: 'Saturday' });
    await page.getByLabel('Format', { exact: true }).selectOption({ label: 'In person' });
    await page.getByRole('button', { name: 'Show groups' }).click();

    await expect(page).toHaveURL((url) => url.searchParams.get('day') === 'sat' && url.searchParams.get('format') === 'in_person');
    const results = page.getByRole('list').filter({ has: page.getByRole('article') });
    await expect(results.getByRole('heading', { level: 2 })).toHaveText(['Alumni Circle', 'Trauma-Informed Yoga']);
    await expect(page.getByRole('status').filter({ hasText: /^2 of \d+ groups match$/ })).toBeVisible();
    await expect(page.getByLabel('Day', { exact: true })).toHaveValue('sat');

    // The filtered view is a shareable link: a fresh visitor sees the same list.
    const shared = page.url();
    const other = await browser.newPage();
    await other.goto(shared);
    await expect(other.getByRole('article').getByRole('heading', { level: 2 })).toHaveText(['Alumni Circle', 'Trauma-Informed Yoga']);
    await other.close();

    await page.getByRole('link', { name: 'Alumni Circle' }).click();
    await expect(page).toHaveURL(pathIs('/groups/alumni-circle'));
    await expect(pageHeading(page)).toHaveText('Alumni Circle');
    await expect(page.getByText('Saturdays, 10:00 AM – 11:30 AM (America/New_York)')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Upcoming sessions' })).toBeVisible();
    await expect(page.getByText(/seats left/).first()).toBeVisible();
  });

  test('keyword search and the empty state', async ({ page }) => {
    await page.goto('/groups?q=relapse&format=in_person');
    await expect(page.getByRole('article').getByRole('heading', { level: 2 })).toHaveText(['Relapse Prevention Workshop']);
    await page.goto('/groups?kind=family&level=php');
    await expect(page.getByText('No groups match all of these filters.')).toBeVisible();
    await page.getByRole('link', { name: 'see every group' }).click();
    await expect(page).toHaveURL(pathIs('/groups'));
    await expect(page.getByRole('article').first()).toBeVisible();
  });

  test('add to calendar downloads a neutral .ics', async ({ page }) => {
    await page.goto('/groups/cbt-for-anxiety-and-depression');
    await waitForApp(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Add to calendar', exact: true }).click(),
    ]);
    const path = await download.path();
    const fs = await import('node:fs/promises');
    const ics = await fs.readFile(path!, 'utf8');
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain('SUMMARY:Kindred group');
    expect(ics).toContain('RRULE:FREQ=WEEKLY;BYDAY=TU,TH');
    expect(ics).not.toContain('CBT');
  });

  test('staff create a group and see it listed', async ({ page }, testInfo) => {
    const name = `E2E Group ${unique(testInfo)}`;
    await signIn(page, FACILITATOR);
    await page.goto('/staff/groups/new');
    await expect(pageHeading(page)).toHaveText('New group');
    await waitForApp(page);
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Kind of group').selectOption({ label: 'CBT skills' });
    await page.getByLabel('Description').fill('A group made by the end-to-end tests.');
    await page.getByLabel('IOP (intensive outpatient)').check();
    await page.getByLabel('Facilitator', { exact: true }).fill('Priya Nair, PsyD');
    await page.getByLabel('Room or address (in person)').fill('Room 9');
    await page.getByLabel('Monday').check();
    await page.getByLabel('Thursday').check();
    await page.getByRole('button', { name: 'Create group' }).click();

    await expect(page).toHaveURL((url) => url.pathname.startsWith('/groups/e2e-group-'));
    await expect(statusWith(page, 'Saved.')).toBeVisible();
    await expect(pageHeading(page)).toHaveText(name);
    await expect(page.getByText('Mondays and Thursdays, 6:00 PM – 7:30 PM (America/New_York)')).toBeVisible();

    await page.goto(`/groups?q=${encodeURIComponent(name)}`);
    await expect(page.getByRole('article').getByRole('heading', { level: 2 })).toHaveText([name]);
  });

  test('staff see field errors and nothing is saved', async ({ page }) => {
    await signIn(page, FACILITATOR);
    await page.goto('/staff/groups/new');
    await waitForApp(page);
    await page.getByLabel('Name', { exact: true }).fill('X');
    await page.getByRole('button', { name: 'Create group' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'highlighted fields' })).toBeVisible();
    await expect(page.getByText('Choose at least one level of care.')).toBeVisible();
    await expect(page.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveURL(pathIs('/staff/groups/new'));
  });
});
