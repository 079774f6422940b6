import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { ROOT, findFreePort } from '../../scripts/local/processes';
import { CHROMIUM_ARGS, CHROMIUM_PATH, buildTab } from '../../test-support/browser';
import { postInChannel, startE2EStack, type E2EStack, type PlaygroundConfig } from '../../test-support/playground';

/*
 * A card's own link, end to end: saved through the real Agents Playground, the thanks and
 * the card inserted from search carry "Open in community"; locally that is the tab's own
 * address with the card, and real Chromium opened there shows the card's detail.
 */

const SHOTS = path.join(ROOT, '.artifacts', 'screenshots');
/** The Playground's General channel: the tab's local community. */
const GENERAL = 'team-id';
const TITLE = 'Warm the build cache before the Monday release';

let stack: E2EStack;
let config: PlaygroundConfig;
let browser: Browser;
let tabUrl: string;

beforeAll(async () => {
  const tabDir = buildTab(ROOT);
  // The service serves the built tab itself, so its own address is the tab's.
  const port = await findFreePort();
  tabUrl = `http://127.0.0.1:${port}/`;
  stack = await startE2EStack({ tabDir, port, cardLinks: { tabUrl } });
  config = await stack.playground.config();
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  mkdirSync(SHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

interface CardAction {
  type: string;
  title: string;
  url: string;
}

const openInCommunity = (actions: CardAction[] | undefined) => actions?.find((a) => a.title === 'Open in community')?.url;

describe("a card's link", () => {
  it('is on the thanks and on the inserted card, and opens the tab on the card in Chromium', async () => {
    // Saved as a person does it in the Playground: "Save to community" on a channel message.
    const { thread, payload } = await postInChannel(stack, config, GENERAL, 'Run the cache warmer job before the Monday release.');
    const value = { commandId: 'saveToCommunity', commandContext: 'message', messagePayload: payload };
    const opened = await stack.playground.invoke('composeExtension/fetchTask', config.currentUser.id, thread, value);
    const form = opened.body.task.value.card.content;
    const saved = await stack.playground.invoke('composeExtension/submitAction', config.currentUser.id, thread, {
      ...value,
      data: { ...form.actions[0].data, title: TITLE, summary: '', kind: 'how-to', newTags: 'ci', replyIds: '' },
    });
    expect(saved.status).toBe(200);
    await stack.cardsIndexed();

    const found = await stack.playground.invoke('composeExtension/query', config.currentUser.id, GENERAL, {
      commandId: 'searchCards',
      commandContext: 'compose',
      parameters: [{ name: 'query', value: 'build cache' }],
      queryOptions: { skip: 0, count: 10 },
    });
    const inserted = found.body.composeExtension.attachments[0].content;
    const link = openInCommunity(inserted.actions);
    expect(link).toMatch(new RegExp(`^${tabUrl.replace(/[.?]/g, '\\$&')}\\?card=[0-9a-f]{32}$`));
    expect(inserted.refresh.action).toMatchObject({ type: 'Action.Execute', verb: 'commonplace.refreshCard' });

    // The Playground shows the thanks' text and its card as two messages; Teams shows them as one.
    await stack.playground.waitForBotMessage(thread, (m) => m.text?.startsWith(`Saved to the community: ${TITLE}`) ?? false);
    const thanksCard = await stack.playground.waitForBotMessage(thread, (m) => !!m.attachments?.length);
    expect(openInCommunity((thanksCard.attachments?.[0]?.content as { actions?: CardAction[] }).actions)).toBe(link);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(link!);
    const detail = page.getByRole('dialog', { name: TITLE });
    await detail.getByTestId('card-view').waitFor();
    await detail.getByText('Run the cache warmer job before the Monday release.').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'card-opened-from-link.png') });

    // Closed, the tab is the community's knowledge, with the card in it.
    await detail.getByTestId('card-close-button').click();
    await page.getByTestId('card-detail').waitFor({ state: 'detached' });
    await page.locator('[data-testid="card-list-item"]', { hasText: TITLE }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
