import { expect, test } from '@playwright/test';
import {
  apiAs,
  callApi,
  FACILITATOR,
  freshClient,
  jsEnabled,
  pageHeading,
  pathIs,
  projectIndex,
  sessionId,
  signIn,
  waitForApp,
} from './helpers';

// Every test enrolls its own clients and uses a session no other project
// touches (projectIndex), so runs on the shared demo database don't collide.

test.describe('session signup', () => {
  test('sign up from a group page, see it in my schedule, cancel', async ({ page }, testInfo) => {
    const me = await freshClient(testInfo, 'Robin');
    const index = 1 + projectIndex(testInfo);
    await signIn(page, me);

    await page.goto('/groups/cbt-for-anxiety-and-depression');
    await waitForApp(page);
    const row = page.locator('.session-list__item').nth(index);
    await row.getByRole('button', { name: 'Sign up' }).click();
    await expect(row.getByText('Confirmed')).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: "You're in. Your seat is confirmed." })).toBeVisible();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My schedule' }).click();
    await expect(page).toHaveURL(pathIs('/me/schedule'));
    await expect(pageHeading(page)).toHaveText('My schedule');
    const entry = page.locator('.schedule-list__item').filter({ hasText: 'CBT for Anxiety and Depression' });
    await expect(entry).toHaveCount(1);
    await expect(entry.getByText('Confirmed')).toBeVisible();
    await expect(entry.getByText('In person: Room 1 (Cedar)')).toBeVisible();
    await expect(page.getByRole('heading', { name: "This week's program hours" })).toBeVisible();
    await waitForApp(page);

    await entry.getByRole('button', { name: 'Cancel my seat' }).click();
    await expect(page.getByText("You haven't signed up for any sessions yet.")).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Cancelled. Your seat went to the next person waiting.' })).toBeVisible();
  });

  test('join a full session’s waitlist, receive an offer and accept it', async ({ page }, testInfo) => {
    const index = 1 + projectIndex(testInfo);
    const session = await sessionId('evening-iop-process-group', index);
    // Fill the session: capacity 2, two other clients confirmed.
    const staff = await apiAs(FACILITATOR);
    await callApi(staff, 'set_session_capacity', { session_id: String(session), capacity: '2' });
    await staff.dispose();
    const first = await apiAs(await freshClient(testInfo, 'Avery'));
    const second = await apiAs(await freshClient(testInfo, 'Blake'));
    expect((await callApi(first, 'sign_up_for_session', { session_id: String(session) })).seat.status).toBe('confirmed');
    expect((await callApi(second, 'sign_up_for_session', { session_id: String(session) })).seat.status).toBe('confirmed');

    const me = await freshClient(testInfo, 'Casey');
    await signIn(page, me);
    await page.goto('/groups/evening-iop-process-group');
    await waitForApp(page);
    const row = page.locator('.session-list__item').nth(index);
    await expect(row.getByText('Full — waitlist open')).toBeVisible();
    await row.getByRole('button', { name: 'Join the waitlist' }).click();
    await expect(row.getByText('On the waitlist — 1st in line')).toBeVisible();

    // A seat frees up: it is offered to the first person waiting.
    await callApi(first, 'cancel_signup', { session_id: String(session) });
    await first.dispose();
    await second.dispose();

    await page.goto('/');
    await expect(page.getByText('A seat opened up for you.')).toBeVisible();
    await page.getByRole('link', { name: 'Accept or decline in My schedule' }).click();
    const entry = page.locator('.schedule-list__item').filter({ hasText: 'Evening IOP Process Group' });
    await expect(entry.getByText(/A seat is held for you until/)).toBeVisible();
    await waitForApp(page);
    await entry.getByRole('button', { name: 'Accept seat' }).click();
    await expect(entry.getByText('Confirmed')).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Seat accepted — see you there.' })).toBeVisible();
  });

  test('a facilitator marks attendance from the roster', async ({ page }, testInfo) => {
    const index = 1 + projectIndex(testInfo);
    const session = await sessionId('relapse-prevention-workshop', index);
    const member = await freshClient(testInfo, 'Devon');
    const ctx = await apiAs(member);
    await callApi(ctx, 'sign_up_for_session', { session_id: String(session) });
    await ctx.dispose();

    await signIn(page, FACILITATOR);
    await page.goto(`/staff/sessions/${session}`);
    await expect(pageHeading(page)).toContainText('Relapse Prevention Workshop');
    await waitForApp(page);
    const present = page.getByRole('button', { name: 'Devon T. — Present' });
    await expect(present).toHaveAttribute('aria-pressed', 'false');
    await present.click();
    await expect(page.getByRole('button', { name: 'Devon T. — Present' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByText(/Attendance marked for [1-9]\d* of/)).toBeVisible();

    await page.goto('/staff/today');
    await expect(pageHeading(page)).toHaveText("Today's sessions");
  });

  test('clients see counts only: the roster is staff-only', async ({ page }, testInfo) => {
    const me = await freshClient(testInfo, 'Emery');
    await signIn(page, me);
    const session = await sessionId('relapse-prevention-workshop', 1);
    await page.goto(`/staff/sessions/${session}`);
    await expect(page.getByRole('alert')).toContainText("doesn't have access");
    await expect(page.getByText('Devon T.')).toHaveCount(0);
  });

  test('a private calendar address appears in place, and turning it off says so', async ({ page }, testInfo) => {
    test.skip(!jsEnabled(), 'the address is shown by the page itself (never put in a URL), so it needs JavaScript');
    await signIn(page, await freshClient(testInfo, 'Emery'));
    await page.goto('/me/schedule');
    await waitForApp(page);
    await page.getByRole('button', { name: 'Create my calendar address' }).click();
    const address = page.getByRole('status').filter({ hasText: 'Your private address' });
    await expect(address).toBeVisible();
    const href = await address.getByRole('link').getAttribute('href');
    expect(href).toMatch(/^\/me\/calendar\/[A-Za-z0-9_-]+\.ics$/);
    const feed = await page.request.get(href as string);
    expect(feed.status()).toBe(200);
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
    await page.reload();
    await waitForApp(page);
    await page.getByRole('button', { name: 'Turn the feed off' }).click();
    await expect(page.getByText('The feed is off.')).toBeVisible();
    expect((await page.request.get(href as string)).status()).toBe(404);
  });
});
