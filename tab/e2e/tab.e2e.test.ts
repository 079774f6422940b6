import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from '../../scripts/local/processes';
import { harvestInChannel, postInChannel, startE2EStack, type E2EStack, type PlaygroundConfig } from '../../test-support/playground';
import { CHROMIUM_ARGS, CHROMIUM_PATH, buildTab } from '../../test-support/browser';

/*
 * The community tab, end to end: the production build served by the running service,
 * in real headless Chromium, over cards harvested through the real Agents Playground.
 * Screenshots of the main views in the three themes go to .artifacts/screenshots.
 */

const SHOTS = path.join(ROOT, '.artifacts', 'screenshots');
const THEMES = ['default', 'dark', 'contrast'] as const;

let stack: E2EStack;
let config: PlaygroundConfig;
let browser: Browser;
/** The Playground's General channel: its id is the team's id, and it is the tab's local community. */
const GENERAL = 'team-id';

beforeAll(async () => {
  const tabDir = buildTab(ROOT);
  stack = await startE2EStack({ tabDir });
  config = await stack.playground.config();
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  mkdirSync(SHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/**
 * Opens the tab as a person would outside Teams (the development identity), and fails on any
 * page error, including anything the service's Content-Security-Policy refused to load.
 */
async function openTab(query = '', width = 1280): Promise<{ page: Page; errors: string[]; dialogs: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text());
  });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${stack.service.url}/${query}`);
  return { page, errors, dialogs };
}

const listItem = (page: Page, title: string) =>
  page.locator('[data-testid="card-list-item"]', { has: page.getByRole('button', { name: title, exact: true }) });

describe('community tab in Chromium', () => {
  it('shows a card harvested through the Playground, under the local development banner', async () => {
    await harvestInChannel(
      stack,
      config,
      GENERAL,
      { text: 'Rotate the signing certificates every spring, before they expire in May.' },
      {
        title: 'Rotate signing certificates in spring',
        summary: 'They expire in May; rotating early avoids an outage.',
        newTags: 'security, certificates',
      },
    );
    const { page, errors } = await openTab();
    await expect(listItem(page, 'Rotate signing certificates in spring').waitFor()).resolves.toBeUndefined();
    await expect(page.getByTestId('dev-banner').textContent()).resolves.toContain('Local development');
    await expect(page.getByTestId('community-name').textContent()).resolves.toBe('General');
    await page.screenshot({ path: path.join(SHOTS, 'knowledge-default.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('edits a card and archives it, then restores it', async () => {
    await harvestInChannel(
      stack,
      config,
      GENERAL,
      { text: 'Pin the CI runner image to a digest so builds stop drifting.' },
      { title: 'Pin the runner image', kind: 'decision' },
    );
    const { page, errors } = await openTab();
    await listItem(page, 'Pin the runner image').getByTestId('card-title').click();
    await page.getByTestId('card-edit-button').click();
    await page.getByTestId('edit-title').fill('Pin the CI runner image to a digest');
    await page.getByTestId('card-save-button').click();
    await page.getByTestId('card-view').getByText('Pin the CI runner image to a digest').first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'card-detail-default.png') });
    await page.getByTestId('card-close-button').click();
    await listItem(page, 'Pin the CI runner image to a digest').waitFor();

    await listItem(page, 'Pin the CI runner image to a digest').getByTestId('card-title').click();
    await page.getByTestId('card-archive-button').click();
    await page.getByTestId('card-restore-button').waitFor();
    await page.getByTestId('card-close-button').click();
    await listItem(page, 'Pin the CI runner image to a digest').waitFor({ state: 'detached' });
    await page.getByTestId('filter-status').selectOption('archived');
    await listItem(page, 'Pin the CI runner image to a digest').waitFor();

    await listItem(page, 'Pin the CI runner image to a digest').getByTestId('card-title').click();
    await page.getByTestId('card-restore-button').click();
    await page.getByTestId('card-archive-button').waitFor();
    await page.getByTestId('card-close-button').click();
    await page.getByTestId('filter-status').selectOption('active');
    await listItem(page, 'Pin the CI runner image to a digest').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows an update made from the Save to community dialog in the card’s history', async () => {
    const { thread, payload } = await postInChannel(stack, config, GENERAL, 'Drain the node before patching it.');
    const value = { commandId: 'saveToCommunity', commandContext: 'message', messagePayload: payload };
    const submit = async (fields: Record<string, unknown>) => {
      const opened = await stack.playground.invoke('composeExtension/fetchTask', config.currentUser.id, thread, value);
      const form = opened.body.task.value.card.content;
      return stack.playground.invoke('composeExtension/submitAction', config.currentUser.id, thread, {
        ...value,
        data: { ...form.actions[0].data, kind: 'how-to', newTags: '', replyIds: '', ...fields },
      });
    };
    await submit({ title: 'Drain nodes before patching', summary: 'Cordon first.' });
    // Reopened on the same message, the dialog updates the card.
    const updated = await submit({ title: 'Drain nodes before patching', summary: 'Cordon, then drain, then patch.' });
    expect(JSON.stringify(updated.body)).toContain('Updated in the community');

    const { page, errors } = await openTab();
    await listItem(page, 'Drain nodes before patching').getByTestId('card-title').click();
    const history = page.getByTestId('card-history');
    await history.waitFor();
    await expect(history.locator('li').allTextContents()).resolves.toEqual([
      expect.stringContaining(`${config.currentUser.name} edited the summary`),
      expect.stringContaining(`${config.currentUser.name} saved this card`),
    ]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lets a manager hand a card to another owner, chosen among the community’s people, and records it', async () => {
    await harvestInChannel(
      stack,
      config,
      GENERAL,
      { text: 'Renew the wildcard certificate before the audit.' },
      { title: 'Renew the wildcard certificate' },
    );
    const megan = config.users.find((u) => u.name === 'Megan Bowen')!;
    // Megan is made a manager (as Settings does), so the tab knows her.
    const resolved = await fetch(`${stack.service.url}/api/communities/resolve?teamId=${GENERAL}&channelId=${GENERAL}`).then(
      (r) => r.json() as Promise<{ key: string }>,
    );
    const added = await fetch(`${stack.service.url}/api/communities/${encodeURIComponent(resolved.key)}/managers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ person: { id: megan.aadObjectId, name: megan.name } }),
    });
    expect(added.status).toBe(200);

    const { page, errors } = await openTab();
    await listItem(page, 'Renew the wildcard certificate').getByTestId('card-title').click();
    await expect(page.getByTestId('card-owner').textContent()).resolves.toContain(config.currentUser.name);
    await page.getByTestId('card-owner-change').click();
    await page.getByTestId('card-owner-picker').click();
    // By role: the choices must be reachable by assistive technology inside the modal panel.
    await page.getByRole('option', { name: 'Megan Bowen' }).click();
    await page.screenshot({ path: path.join(SHOTS, 'card-owner-change-default.png') });
    await page.getByTestId('card-owner-save').click();
    await page.getByTestId('card-notice').getByText('Megan Bowen now owns this card').waitFor();
    await expect(page.getByTestId('card-owner').textContent()).resolves.toContain('Megan Bowen');
    await expect(page.getByTestId('card-history').textContent()).resolves.toContain(
      `${config.currentUser.name} made Megan Bowen the owner`,
    );
    await page.screenshot({ path: path.join(SHOTS, 'card-owner-changed-default.png') });

    // Reopened, the card still says so: it came from storage, not from the page's memory.
    await page.getByTestId('card-close-button').click();
    await listItem(page, 'Renew the wildcard certificate').getByTestId('card-title').click();
    await expect(page.getByTestId('card-owner').textContent()).resolves.toContain('Megan Bowen');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renders a message full of XSS payloads as text and runs none of them', async () => {
    const payloads = [
      '<script>window.__pwned = "script"</script>',
      '<img src=x onerror="window.__pwned = \'img\'">',
      '<svg onload="window.__pwned = \'svg\'"></svg>',
      '<a href="javascript:window.__pwned = \'link\'">click me</a>',
      '<iframe src="javascript:alert(1)"></iframe>',
      '<p onclick="window.__pwned = \'click\'" style="background:url(javascript:alert(1))">styled</p>',
    ];
    const typed = '&lt;img src=x onerror=alert(document.domain)&gt; is what an attacker types';
    await harvestInChannel(
      stack,
      config,
      GENERAL,
      { text: 'XSS sampler', html: `<p>XSS sampler</p>${payloads.join('')}<p>${typed}</p>` },
      { title: 'XSS sampler <b>bold</b> <img src=x onerror=alert(1)>' },
    );
    const { page, errors, dialogs } = await openTab();
    const item = page.locator('[data-testid="card-list-item"]').filter({ hasText: 'XSS sampler' });
    await item.waitFor();
    // The title is text: its markup shows as typed.
    await expect(item.getByTestId('card-title').textContent()).resolves.toBe('XSS sampler <b>bold</b> <img src=x onerror=alert(1)>');
    await item.getByTestId('card-title').click();
    const view = page.getByTestId('card-view');
    await view.getByText('is what an attacker types').waitFor();
    await expect(view.getByText('<img src=x onerror=alert(document.domain)> is what an attacker types').count()).resolves.toBe(1);
    const link = view.getByText('click me');
    if (await link.count()) await link.click({ force: true }).catch(() => undefined);
    await view
      .getByText('styled')
      .click({ force: true })
      .catch(() => undefined);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (globalThis as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(await view.locator('script, img, svg, iframe, [onerror], [onload], [onclick], [style]').count()).toBe(0);
    expect(await view.locator('a[href^="javascript:" i]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each(THEMES)('has no serious or critical accessibility violations in the %s theme', async (theme) => {
    const axe = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    const { page, errors } = await openTab(`?theme=${theme}`);
    await page.locator('[data-testid="card-list-item"]').first().waitFor();
    const violations = async (where: string) => {
      // Colours are only final once panels have finished sliding and fading in.
      await page.waitForFunction(() =>
        (globalThis as unknown as { document: { getAnimations(): { playState: string }[] } }).document
          .getAnimations()
          .every((a) => a.playState !== 'running'),
      );
      // Evaluated through the DevTools protocol: the service's Content-Security-Policy rightly
      // refuses an injected inline <script>, and the check is of accessibility, not of the policy.
      await page.evaluate(axe);
      type Violation = { id: string; impact: string; nodes: { target: string[] }[] };
      // Runs in the page, where axe was just injected; the whole document is checked.
      const result = await page.evaluate(async () => {
        const page = globalThis as unknown as {
          axe: { run: (context: unknown, options: object) => Promise<{ violations: Violation[] }> };
          document: unknown;
        };
        const run = await page.axe.run(page.document, { resultTypes: ['violations'], elementRef: true });
        // Fluent's focus sentinels (Tabster "dummy" elements) are focusable on purpose and
        // hidden from screen readers on purpose; axe's aria-hidden-focus rule cannot tell.
        // Only those exact nodes are set aside; every other node of every rule counts.
        const isSentinel = (rule: string, node: { element?: { hasAttribute(name: string): boolean } }) =>
          rule === 'aria-hidden-focus' && node.element?.hasAttribute('data-tabster-dummy') === true;
        return run.violations
          .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !isSentinel(v.id, n as never)) }))
          .filter((v) => v.nodes.length)
          .map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
      });
      return result.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ ...v, where }));
    };
    const found = [...(await violations('knowledge'))];
    await page.screenshot({ path: path.join(SHOTS, `knowledge-${theme}.png`), fullPage: true });

    await page.locator('[data-testid="card-list-item"]').first().getByTestId('card-title').click();
    await page.getByTestId('card-view').waitFor();
    found.push(...(await violations('card detail')));
    await page.screenshot({ path: path.join(SHOTS, `card-detail-${theme}.png`) });
    await page.getByTestId('card-close-button').click();

    await page.getByRole('tab', { name: /contributors/i }).click();
    await page.getByTestId('contributors-view').waitFor();
    await page.locator('[data-testid="contributors-view"] li').first().waitFor();
    found.push(...(await violations('contributors')));
    await page.screenshot({ path: path.join(SHOTS, `contributors-${theme}.png`), fullPage: true });

    expect(found).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits a phone-width screen without scrolling sideways', async () => {
    const { page } = await openTab('', 360);
    await page.locator('[data-testid="card-list-item"]').first().waitFor();
    const overflow = await page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document
        .documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    await page.screenshot({ path: path.join(SHOTS, 'knowledge-mobile.png'), fullPage: true });
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });
});
