import { expect, test } from '@playwright/test';
import { apiAs, callApi, FACILITATOR, freshClient, jsEnabled, pageHeading, signIn, waitForApp } from './helpers';

// Each test enrolls its own clients, so the four projects don't collide on the
// shared demo database.

test.describe('peer-support boards', () => {
  test('post a thread, a peer replies and reacts, and reports', async ({ page }, testInfo) => {
    const me = await freshClient(testInfo, 'Parker');
    await signIn(page, me);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Peer support' }).click();
    await expect(pageHeading(page)).toHaveText('Peer support');
    await page.getByRole('link', { name: 'IOP check-in' }).click();
    await expect(pageHeading(page)).toHaveText('IOP check-in');
    await waitForApp(page);
    await page.getByRole('button', { name: 'I agree to these guidelines' }).click();

    const title = `Small win (${testInfo.project.name})`;
    await page.getByText('Start a thread').click();
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('What would you like to share?').fill('Made it to every group this week.\n\nFeeling proud.');
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await expect(pageHeading(page)).toHaveText(title);
    await expect(page.getByText('Feeling proud.', { exact: true })).toBeVisible();
    await expect(page.getByText('Started this thread')).toBeVisible();
    const threadUrl = new URL(page.url());

    // Another client replies, reacts and reports through the API.
    const peer = await apiAs(await freshClient(testInfo, 'Quinn'));
    await callApi(peer, 'accept_guidelines');
    const threadId = threadUrl.pathname.split('/').pop() as string;
    await callApi(peer, 'reply_to_thread', { thread_id: threadId, body: 'That is huge. Well done!' });
    const view = await (await peer.get(`/api/get_thread?thread_id=${threadId}`)).json();
    await callApi(peer, 'react_to_post', { post_id: String(view.posts[0].id), reaction: 'strength' });
    await peer.dispose();

    await page.goto(threadUrl.pathname);
    await expect(page.getByText('That is huge. Well done!')).toBeVisible();
    await expect(page.getByText('Only you see this: Sending strength × 1')).toBeVisible();
    await waitForApp(page);
    const reply = page.locator('.post').filter({ hasText: 'That is huge. Well done!' });
    await reply.getByRole('button', { name: 'Me too' }).click();
    await expect(page.locator('.post').filter({ hasText: 'That is huge. Well done!' }).getByRole('button', { name: 'Me too' })).toHaveAttribute('aria-pressed', 'true');

    await page.locator('.post').filter({ hasText: 'That is huge. Well done!' }).getByText('Report or hide', { exact: true }).click();
    await page.locator('.post').filter({ hasText: 'That is huge. Well done!' }).getByLabel('Why are you reporting this?').selectOption('spam');
    await page.locator('.post').filter({ hasText: 'That is huge. Well done!' }).getByRole('button', { name: 'Send report' }).click();
    await expect(page.getByText('That is huge. Well done!')).toBeVisible();
  });

  test('a crisis post shows help at once and reaches the staff queue; staff remove a post and its author is told', async ({ page, browser }, testInfo) => {
    const me = await freshClient(testInfo, 'Riley');
    await signIn(page, me);
    await page.goto('/boards/iop');
    await waitForApp(page);
    await page.getByRole('button', { name: 'I agree to these guidelines' }).click();
    const title = `Rough night (${testInfo.project.name})`;
    await page.getByText('Start a thread').click();
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('What would you like to share?').fill("Honestly I just want to die tonight.");
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await expect(page.getByText("Your post is up, and you're not alone.")).toBeVisible();
    await expect(page.getByRole('link', { name: 'Call 988 — Suicide & Crisis Lifeline' }).first()).toBeVisible();
    await expect(pageHeading(page)).toHaveText(title);

    const staffContext = await browser.newContext({ baseURL: testInfo.project.use.baseURL, javaScriptEnabled: testInfo.project.use.javaScriptEnabled, viewport: testInfo.project.use.viewport, isMobile: testInfo.project.use.isMobile });
    const staffPage = await staffContext.newPage();
    await signIn(staffPage, FACILITATOR);
    await staffPage.goto('/staff/moderation');
    await expect(pageHeading(staffPage)).toHaveText('Moderation');
    const item = staffPage.locator('.queue__item').filter({ hasText: title });
    await expect(item.getByText('Crisis language')).toBeVisible();
    await waitForApp(staffPage);
    await item.getByLabel('Reason for removing (the author sees it)').fill('Moved to a private conversation with your counselor');
    await item.getByRole('button', { name: 'Remove' }).click();
    await expect(staffPage.locator('.queue__item').filter({ hasText: title })).toHaveCount(0);
    await staffContext.close();

    await page.goto('/');
    await expect(page.getByText('Staff removed one of your posts on the peer boards: Moved to a private conversation with your counselor')).toBeVisible();
  });

  test('content warnings fold a post until tapped; unread markers; authors edit and delete; readers hide a person', async ({ page, browser }, testInfo) => {
    const author = await freshClient(testInfo, 'Sage');
    await signIn(page, author);
    await page.goto('/boards/iop');
    await waitForApp(page);
    await page.getByRole('button', { name: 'I agree to these guidelines' }).click();
    const title = `Slipped this weekend (${testInfo.project.name})`;
    await page.getByText('Start a thread').click();
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('What would you like to share?').fill('I drank on Saturday.');
    await page.getByRole('group', { name: 'Content warnings (optional)' }).getByLabel('relapse').check();
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await expect(pageHeading(page)).toHaveText(title);
    const threadPath = new URL(page.url()).pathname;
    const threadId = threadPath.split('/').pop() as string;
    // The author sees their own post unfolded, with its warning.
    await expect(page.getByText('Content warning: relapse', { exact: true })).toBeVisible();

    // Edit within the window.
    await waitForApp(page);
    const opener = page.locator('.post').first();
    await opener.getByText('Edit or delete (for 15 minutes after posting)').click();
    await opener.getByLabel('Your post').fill('I drank on Saturday. Back at group Monday.');
    await opener.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.locator('.post__body').getByText('I drank on Saturday. Back at group Monday.', { exact: true })).toBeVisible();
    await expect(page.locator('.post').first().getByText('(edited)')).toBeVisible();

    // A reply posted by mistake, then deleted.
    await page.getByLabel('What would you like to share?').fill('Oops, meant for another thread.');
    await page.getByRole('button', { name: 'Post reply' }).click();
    const oops = page.locator('.post').filter({ hasText: 'Oops, meant for another thread.' });
    await expect(oops.locator('.post__body').getByText('Oops, meant for another thread.', { exact: true })).toBeVisible();
    await waitForApp(page);
    await oops.getByText('Edit or delete (for 15 minutes after posting)').click();
    await oops.getByRole('button', { name: 'Delete this post' }).click();
    await expect(page.getByText('Deleted by its author.')).toBeVisible();
    await expect(page.getByText('Oops, meant for another thread.', { exact: true })).toHaveCount(0);

    // A peer, in their own browser: the thread is new to them, and the post is folded.
    const peerContext = await browser.newContext({ baseURL: testInfo.project.use.baseURL, javaScriptEnabled: testInfo.project.use.javaScriptEnabled, viewport: testInfo.project.use.viewport, isMobile: testInfo.project.use.isMobile });
    const peerPage = await peerContext.newPage();
    await signIn(peerPage, await freshClient(testInfo, 'Tatum'));
    await peerPage.goto('/boards/iop');
    const row = peerPage.locator('.thread-list__item').filter({ hasText: title });
    await expect(row.getByText('New thread')).toBeVisible();
    await row.getByRole('link', { name: title }).click();
    await expect(pageHeading(peerPage)).toHaveText(title);
    const folded = peerPage.locator('.post').first();
    await expect(folded.getByText('I drank on Saturday. Back at group Monday.')).toBeHidden();
    await folded.getByText('Content warning: relapse. Show post').click();
    await expect(folded.getByText('I drank on Saturday. Back at group Monday.')).toBeVisible();

    // The author adds a reply; the peer's board says so and jumps to it, marked new.
    const api = await apiAs(author);
    await callApi(api, 'reply_to_thread', { thread_id: threadId, body: 'Thanks for reading, all.' });
    await api.dispose();
    await peerPage.goto('/boards/iop');
    await expect(row.getByText('1 new post')).toBeVisible();
    await row.getByRole('link', { name: title }).click();
    await expect(peerPage).toHaveURL(/#post-\d+$/);
    const fresh = peerPage.locator('.post').filter({ hasText: 'Thanks for reading, all.' });
    await expect(fresh.getByText('New', { exact: true })).toBeVisible();
    await peerPage.goto('/boards/iop');
    await expect(row.getByText('1 new post')).toHaveCount(0);

    // Hide this person: their posts leave every thread for the peer, without naming them.
    await peerPage.goto(threadPath);
    await waitForApp(peerPage);
    await fresh.getByText('Report or hide', { exact: true }).click();
    await fresh.getByRole('button', { name: 'Hide posts from this person' }).click();
    await expect(peerPage.getByText(/posts are hidden because you muted their authors/)).toBeVisible();
    await expect(peerPage.getByText('Thanks for reading, all.')).toHaveCount(0);
    await peerPage.goto('/boards/iop');
    await peerPage.getByText('Your reading settings').click();
    await expect(peerPage.getByText('You have hidden posts from 1 person.')).toBeVisible();
    await peerContext.close();
  });

  test('staff reveal an author only with a reason, and the answer appears in place', async ({ page }, testInfo) => {
    test.skip(!jsEnabled(), 'the answer is shown by the page itself (never put in a URL), so it needs JavaScript');
    const author = await freshClient(testInfo, 'Wren');
    const api = await apiAs(author);
    await callApi(api, 'accept_guidelines');
    const { thread_id } = await callApi(api, 'start_thread', { board: 'iop', title: `Checking in (${testInfo.project.name})`, body: 'Quiet week.' });
    await api.dispose();
    await signIn(page, FACILITATOR);
    await page.goto(`/boards/threads/${thread_id}`);
    await waitForApp(page);
    const post = page.locator('.post').first();
    await post.getByText('Moderate', { exact: true }).click();
    await post.getByLabel('Why do you need to know who wrote this? (recorded)').fill('Safety check requested by the clinical lead');
    await post.getByRole('button', { name: 'Reveal author' }).click();
    await expect(post.getByText(`Written by ${author.name}`)).toBeVisible();
  });

  test('a draft with contact details is held back, kept in the form, and posts once confirmed', async ({ page }, testInfo) => {
    test.skip(!jsEnabled(), 'without JavaScript the page reloads with the question and the author pastes again');
    await signIn(page, await freshClient(testInfo, 'Yuri'));
    await page.goto('/boards/iop');
    await waitForApp(page);
    await page.getByRole('button', { name: 'I agree to these guidelines' }).click();
    await waitForApp(page);
    const title = `Study buddy (${testInfo.project.name})`;
    const body = 'Anyone want to practise skills together? Text me at 555-201-3344.';
    await page.getByText('Start a thread').click();
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('What would you like to share?').fill(body);
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    const confirm = page.getByRole('checkbox', { name: /Post it anyway/ });
    await expect(confirm).toBeVisible();
    await expect(page.getByLabel('What would you like to share?')).toHaveValue(body);
    await confirm.check();
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await expect(pageHeading(page)).toHaveText(title);
  });
});
