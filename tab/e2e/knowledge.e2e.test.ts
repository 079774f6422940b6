import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from '../../scripts/local/processes';
import { harvestInChannel, startE2EStack, type E2EStack, type PlaygroundConfig } from '../../test-support/playground';
import { CHROMIUM_ARGS, CHROMIUM_PATH, buildTab } from '../../test-support/browser';

/*
 * The knowledge view follows what people do in the tab, in real Chromium over a community
 * of its own (fresh tables): what an empty list means, the filters after an edit, and the
 * words of the result count.
 */

const SHOTS = path.join(ROOT, '.artifacts', 'screenshots');
const GENERAL = 'team-id';
const BISECT = 'Find regressions with git bisect';
const AUTOSQUASH = 'Tidy history with git autosquash';

let stack: E2EStack;
let config: PlaygroundConfig;
let browser: Browser;

beforeAll(async () => {
  const tabDir = buildTab(ROOT);
  stack = await startE2EStack({ tabDir });
  config = await stack.playground.config();
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  mkdirSync(SHOTS, { recursive: true });
  await harvestInChannel(
    stack,
    config,
    GENERAL,
    { text: 'Use git bisect to find the commit that broke the build.' },
    { title: BISECT, newTags: 'git' },
  );
  await harvestInChannel(
    stack,
    config,
    GENERAL,
    { text: 'Squash fixups with git rebase --autosquash before merging.' },
    { title: AUTOSQUASH, newTags: 'git' },
  );
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function openTab(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${stack.service.url}/`);
  await page.getByTestId('knowledge-view').waitFor();
  return { page, errors };
}

const listItem = (page: Page, title: string) =>
  page.locator('[data-testid="card-list-item"]', { has: page.getByRole('button', { name: title, exact: true }) });

async function openCard(page: Page, title: string): Promise<void> {
  await listItem(page, title).getByTestId('card-title').click();
  await page.getByTestId('card-view').waitFor();
}

async function closeCard(page: Page): Promise<void> {
  await page.getByTestId('card-close-button').click();
  await page.getByTestId('card-detail').waitFor({ state: 'detached' });
}

/** The result count, once it speaks of `about` (the search sent, say). */
async function summary(page: Page, about = ''): Promise<string> {
  const live = page.getByTestId('result-summary');
  await page.waitForFunction(([e, a]) => !!e && !/Loading/.test(e.textContent ?? '') && (e.textContent ?? '').includes(a as string), [
    await live.elementHandle(),
    about,
  ] as const);
  return (await live.textContent()) ?? '';
}

describe('the knowledge view in Chromium', () => {
  it('says "1 card matches" and "2 cards match"', async () => {
    const { page, errors } = await openTab();
    await listItem(page, BISECT).waitFor();
    await page.getByTestId('card-search').fill('bisect');
    await listItem(page, AUTOSQUASH).waitFor({ state: 'detached' });
    await expect(summary(page, 'bisect')).resolves.toBe('1 card matches “bisect”.');
    await page.getByTestId('card-search').fill('git');
    await listItem(page, AUTOSQUASH).waitFor();
    await expect(summary(page, 'git')).resolves.toBe('2 cards match “git”.');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('finds a card by a word of its conversation and by a typo, marking what matched', async () => {
    const { page, errors } = await openTab();
    await listItem(page, BISECT).waitFor();
    // "fixups" is only in the saved message: the list shows it, marked.
    await page.getByTestId('card-search').fill('fixups');
    await listItem(page, BISECT).waitFor({ state: 'detached' });
    await expect(summary(page, 'fixups')).resolves.toBe('1 card matches “fixups”.');
    const found = listItem(page, AUTOSQUASH);
    await expect(found.getByTestId('match').allTextContents()).resolves.toEqual(['fixups']);
    await expect(found.textContent()).resolves.toContain('Squash fixups with git rebase --autosquash before merging.');
    await page.screenshot({ path: path.join(SHOTS, 'knowledge-search-conversation-match.png') });

    await page.getByTestId('card-search').fill('bisekt');
    await listItem(page, AUTOSQUASH).waitFor({ state: 'detached' });
    await expect(summary(page, 'bisekt')).resolves.toBe('1 card matches “bisekt”.');
    await expect(listItem(page, BISECT).getByTestId('match').allTextContents()).resolves.toContain('bisect');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('offers a tag added in Edit in the tag filter at once, and the filter finds the card', async () => {
    const { page, errors } = await openTab();
    await openCard(page, BISECT);
    await page.getByTestId('card-edit-button').click();
    await page.getByTestId('tag-input').click();
    await page.getByTestId('tag-input').pressSequentially('debugging');
    await page.keyboard.press('Enter');
    await page.getByTestId('card-save-button').click();
    await page.getByTestId('card-notice').getByText('Your changes are saved.').waitFor();
    await closeCard(page);

    const tagFilter = page.getByTestId('filter-tag');
    await tagFilter.locator('option[value="debugging"]').waitFor({ state: 'attached' });
    await tagFilter.selectOption('debugging');
    await listItem(page, BISECT).waitFor();
    await expect(summary(page)).resolves.toBe('1 card, newest first.');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says the cards are archived, not that there are none, and shows them again', async () => {
    const { page, errors } = await openTab();
    // Archive every card of the community from the tab.
    for (const title of [BISECT, AUTOSQUASH]) {
      await openCard(page, title);
      await page.getByTestId('card-archive-button').click();
      await page.getByTestId('card-restore-button').waitFor();
      await closeCard(page);
    }
    const empty = page.getByTestId('empty-state');
    await empty.waitFor();
    await expect(empty.textContent()).resolves.toContain('every card here is archived');
    await expect(empty.textContent()).resolves.not.toContain('No cards yet');
    await expect(summary(page)).resolves.toBe('No active cards; every card is archived.');
    await page.screenshot({ path: path.join(SHOTS, 'knowledge-all-archived.png') });
    await page.getByTestId('show-archived-button').click();
    await listItem(page, BISECT).waitFor();
    await expect(page.getByTestId('filter-status').inputValue()).resolves.toBe('archived');

    // A search that only archived cards answer says so, with the way to them, after a reload too.
    await page.reload();
    await page.getByTestId('card-search').fill('bisect');
    await empty.getByText('Only archived cards match').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'knowledge-only-archived-match.png') });
    await page.getByTestId('show-archived-button').click();
    await listItem(page, BISECT).waitFor();
    await expect(page.getByTestId('card-search').inputValue()).resolves.toBe('bisect');
    expect(errors).toEqual([]);
    await page.close();
  });
});
