import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/store/paths.js';
import { launchBrowser } from '../helpers/browser.js';
import { startSandboxServer } from './sandbox-server.js';

/** Screenshots of every journey, for people to look at (gitignored); the README's is written to docs/. */
const SHOTS = path.join(PACKAGE_ROOT, 'test-results', 'sandbox');
const README_SHOT = path.join(PACKAGE_ROOT, 'docs', 'images', 'sandbox.png');

let server: Awaited<ReturnType<typeof startSandboxServer>>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
const pageErrors: string[] = [];

const WAIT = { timeout: 15_000 };
const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startSandboxServer();
  browser = await launchBrowser();
  page = await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // A CSP violation shows up as a console error: the page must need nothing the policy forbids.
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  await page.goto(`${server.base.replace('127.0.0.1', 'localhost')}/`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Picks who the person at the keyboard is, from the org chart. */
async function actAs(memberId: string) {
  await page.selectOption('#whoami', memberId);
}

async function openChannel(name: string) {
  await page.locator('#channels button', { hasText: `# ${name}` }).click();
  await page.locator('#channel-title', { hasText: `# ${name}` }).waitFor(WAIT);
}

const card = (text: string): Locator => page.locator('#messages article.msg', { hasText: text });
const button = (scope: Locator, label: string) => scope.locator('button.bk-button', { hasText: new RegExp(`^${label}$`) });

describe('the sandbox workspace, in a real browser, on a fresh install', () => {
  it('says where it is on start-up and shows one channel per org-chart team, marked as a sandbox', async () => {
    expect(server.announced.join('\n')).toMatch(/sandbox workspace at http:\/\/localhost:\d+\//);
    await page.locator('.sandbox-badge', { hasText: 'SANDBOX' }).waitFor(WAIT);
    await expect.poll(() => page.locator('#channels button').allTextContents()).toEqual(['# social-care', '# network-ops', '# billing', '# sales']);
  });

  it('works a case end to end: claim, reply with approval, move offline, resolve', { timeout: 60_000 }, async () => {
    await server.postMention({
      platform: 'x',
      externalId: 'journey-1',
      text: '@acmebroadband my router was never delivered <!channel> & nobody answers',
      createdAt: new Date().toISOString(),
      author: { handle: 'jane_doe', displayName: '<img src=x onerror=alert(1)>Jane', followers: 120 },
    });
    await actAs('lena');
    await openChannel('social-care');
    const c = card('my router was never delivered');
    await c.waitFor(WAIT);
    // Attacker-controlled text shows literally: no element was injected, no @channel was parsed.
    await expect.poll(() => c.textContent()).toContain('<!channel> & nobody answers');
    await expect.poll(() => c.textContent()).toContain('<img src=x onerror=alert(1)>Jane');
    expect(await c.locator('img').count()).toBe(0);

    await button(c, 'Claim').click();
    await c.filter({ hasText: 'Claimed by @Lena Berg' }).waitFor(WAIT);

    // Lena needs approval: her reply goes to an approver first.
    await button(c, 'Reply').click();
    const modal = page.locator('#modal');
    await modal.locator('#modal-title', { hasText: 'Reply on X' }).waitFor(WAIT);
    await modal.locator('textarea').fill('Hi Jane, sorry about this. We are tracking the router now and will DM you today.');
    await modal.locator('.bk-section', { hasText: 'Preview' }).filter({ hasText: /\d+ \/ 280 characters/ }).filter({ hasText: 'tracking the router' }).waitFor(WAIT);
    expect(await page.locator('#modal-submit').textContent()).toBe('Submit for approval');
    await shot('reply-modal');
    await page.locator('#modal-submit').click();
    await page.locator('#modal-backdrop').waitFor({ state: 'hidden', ...WAIT });

    await actAs('priya');
    await openChannel('social-care');
    await card('my router was never delivered').locator('.thread-link').click();
    const thread = page.locator('#thread-messages');
    const approval = thread.locator('article.msg', { hasText: 'tracking the router' }).filter({ has: page.locator('button', { hasText: 'Approve' }) });
    await approval.waitFor(WAIT);
    await shot('approval-in-thread');
    await button(approval, 'Approve').click();
    await page.locator('[data-tab="outbox"]').click();
    const sent = page.locator('#outbox-rows tr', { hasText: 'tracking the router' });
    await sent.waitFor(WAIT);
    expect(await sent.textContent()).toContain('public reply');
    await page.locator('[data-tab="slack"]').click();

    const c2 = card('my router was never delivered');
    await button(c2, 'Move offline').click();
    await modal.locator('#modal-title', { hasText: 'Move offline' }).waitFor(WAIT);
    await modal.locator('.bk-choice', { hasText: 'Private message on X' }).locator('input').check();
    await modal.locator('.bk-input[data-block-id="offline_private"] textarea').fill('Could you DM us your order number?');
    await page.locator('#modal-submit').click();
    await page.locator('#modal-backdrop').waitFor({ state: 'hidden', ...WAIT });
    await c2.filter({ hasText: 'Taken offline by dm' }).waitFor(WAIT);
    await page.locator('[data-tab="outbox"]').click();
    await page.locator('#outbox-rows tr', { hasText: 'Could you DM us your order number?' }).filter({ hasText: 'private message' }).waitFor(WAIT);
    await page.locator('[data-tab="slack"]').click();

    // The overflow menu: View history opens a modal listing the case's events.
    await card('my router was never delivered').locator('.bk-overflow-button').click();
    await card('my router was never delivered').locator('.bk-menu-item', { hasText: 'View history' }).click();
    await page.locator('#modal-body', { hasText: 'approved the reply' }).waitFor(WAIT);
    await page.locator('#modal-cancel').click();
    await page.locator('#modal-backdrop').waitFor({ state: 'hidden', ...WAIT });

    await button(card('my router was never delivered'), 'Resolve').click();
    await card('my router was never delivered').filter({ hasText: 'Resolved by @Priya Shah' }).waitFor(WAIT);
    await shot('case-resolved');
  });

  it('keeps a refused reply in the dialog with the reason under the field', async () => {
    await server.postMention({ platform: 'x', externalId: 'journey-2', text: '@acmebroadband billing portal shows the wrong address', createdAt: new Date().toISOString(), author: { handle: 'bob_b' } });
    await actAs('tom');
    await openChannel('billing');
    const c = card('billing portal shows the wrong address');
    await c.waitFor(WAIT);
    // Tom is in Social Care, so Billing's cases are view-only for him: the refusal is an ephemeral for him alone.
    await button(c, 'Claim').click();
    await page.locator('#messages article.ephemeral', { hasText: 'view-only access' }).waitFor(WAIT);
    await actAs('jo');
    await openChannel('billing');
    await button(card('billing portal shows the wrong address'), 'Reply').click();
    await page.locator('#modal textarea').fill('x'.repeat(300));
    // The live preview (a views.update per pause in typing) counts against X's limit before anything is sent.
    await page.locator('#modal .bk-section', { hasText: '300 / 280 characters — 20 too many' }).waitFor(WAIT);
    await page.locator('#modal-submit').click();
    await page.locator('#modal .bk-error', { hasText: 'X allows 280 characters' }).waitFor(WAIT);
    expect(await page.locator('#modal textarea').inputValue()).toHaveLength(300);
    await shot('reply-too-long');
    await page.locator('#modal-cancel').click();
    await page.locator('#modal-backdrop').waitFor({ state: 'hidden', ...WAIT });
  });

  it('answers /social stats in the channel, visible only to the person who asked', async () => {
    await actAs('priya');
    await openChannel('social-care');
    await page.fill('#composer-input', '/social stats today');
    await page.press('#composer-input', 'Enter');
    const answer = page.locator('#messages article.ephemeral', { hasText: /Response rate|response rate/ });
    await answer.waitFor(WAIT);
    expect(await answer.textContent()).toContain('Only visible to you');
    await shot('social-stats');
  });

  it('delivers a manager\'s digest to their DM, with its chart', async () => {
    await actAs('priya');
    // The button asks for today's digest so far; the digests job may also deliver yesterday's while the test runs
    // (every quarter hour, once priya's 08:30 has passed), so look for the one asked for.
    const today = new Date().toISOString().slice(0, 10);
    await page.locator('#digest').click();
    await page.locator('#dms button').click();
    const chart = page.locator(`#messages figure.file img[alt$="${today}"]`);
    await chart.waitFor(WAIT);
    await expect.poll(() => chart.evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).complete && (img as unknown as { naturalWidth: number }).naturalWidth > 0)).toBe(true);
    await shot('digest-dm');
  });

  it('shows the same cases as Adaptive Cards in the Teams view, and a card action round trip', async () => {
    await server.postMention({ platform: 'x', externalId: 'journey-3', text: '@acmebroadband does the Hub 4 support bridge mode?', createdAt: new Date().toISOString(), author: { handle: 'meshfan' } });
    await actAs('tom');
    await page.locator('[data-tab="teams"]').click();
    await page.locator('#teams-channels button', { hasText: 'Social Care' }).click();
    const post = page.locator('#teams-messages .teams-post', { hasText: 'bridge mode' });
    await post.waitFor(WAIT);
    expect(await post.locator('.ac-adaptiveCard').count()).toBeGreaterThan(0);
    await post.locator('button', { hasText: /^Claim$/ }).first().click();
    await post.filter({ hasText: /Claimed by .*Tom Okafor|Tom Okafor/ }).locator('button', { hasText: /^Reply$/ }).first().waitFor(WAIT);
    await post.locator('button', { hasText: /^Reply$/ }).first().click();
    await page.locator('#dialog-backdrop').waitFor({ state: 'visible', ...WAIT });
    expect(await page.locator('#dialog .ac-adaptiveCard').count()).toBeGreaterThan(0);
    // Submitting the dialog is a task/submit with the inputs merged into the action's data, as Teams sends it.
    await page.locator('#dialog textarea').fill('Yes: Hub 4 supports bridge mode under Advanced settings.');
    await shot('teams-dialog');
    await page.locator('#dialog button', { hasText: /^Send reply$/ }).click();
    await page.locator('#dialog-backdrop').waitFor({ state: 'hidden', ...WAIT });
    await page.locator('[data-tab="outbox"]').click();
    await page.locator('#outbox-rows tr', { hasText: 'Hub 4 supports bridge mode' }).waitFor(WAIT);
    await page.locator('[data-tab="slack"]').click();
  });

  it('feeds the bundled sample traffic from the button, and cards land in the owning teams\' channels', async () => {
    await actAs('dev');
    await page.selectOption('#traffic-rate', '120');
    await page.locator('#traffic-toggle').click();
    await page.locator('#traffic-status', { hasText: /sample mentions sent/ }).waitFor(WAIT);
    await openChannel('network-ops');
    await card('internet down in Leeds').first().waitFor({ timeout: 30_000 });
    await page.locator('#traffic-toggle').click();
    await openChannel('social-care');
    await card('small fire in my hallway').or(card('router was never delivered')).first().waitFor(WAIT);
    await card('router was never delivered').locator('.thread-link').click();
    await page.locator('#thread-messages article.msg').nth(1).waitFor(WAIT);
    await actAs('priya');
    await openChannel('social-care');
    await card('router was never delivered').locator('.thread-link').click();
    await page.locator('#thread-messages article.msg').nth(1).waitFor(WAIT);
    await page.locator('#messages').evaluate((box) => box.scrollTo(0, box.scrollHeight));
    await shot('readme');
    if (process.env.EARSHOT_UPDATE_README_SCREENSHOT === '1') await page.screenshot({ path: README_SHOT });
    await shot('sample-traffic');
  }, 60_000);

  it('loaded with no script errors and no Content-Security-Policy violations', () => {
    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
  });
});
