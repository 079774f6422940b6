import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { ROOT } from '../../scripts/local/processes';
import { harvestInChannel, startE2EStack, type E2EStack, type PlaygroundConfig } from '../../test-support/playground';
import { CHROMIUM_ARGS, CHROMIUM_PATH, buildTab } from '../../test-support/browser';

/*
 * Every picker, drawer and dialog of the tab, open, in real Chromium: each floats over the
 * page (a modal's backdrop dims the page, it never hides it), in the three themes, at desktop
 * and phone widths. The screenshots go to .artifacts/screenshots/overlays.
 */

const SHOTS = path.join(ROOT, '.artifacts', 'screenshots', 'overlays');
const THEMES = ['default', 'dark', 'contrast'] as const;
const WIDTHS = [1280, 360] as const;
const GENERAL = 'team-id';
const RITUAL = 'Platform AMA';

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
    { title: 'Find regressions with git bisect', newTags: 'git' },
  );
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function openTab(query: string, width: number): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${stack.service.url}/${query}`);
  await page.getByTestId('view-tabs').waitFor();
  return { page, errors };
}

/** Waits until panels have finished sliding and fading in, so the picture is the final one. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    (globalThis as unknown as { document: { getAnimations(): { playState: string }[] } }).document
      .getAnimations()
      .every((a) => a.playState !== 'running'),
  );
}

interface Layering {
  /** Portal layers that paint an area of their own (they should only hold what floats). */
  opaqueLayers: string[];
  /** What is on top at the page's top-left corner, from the top down to the first part of the page. */
  corner: { what: string; inPage: boolean; alpha: number }[];
}

/** How the page and the portals' layers are stacked, read in the page. */
async function layering(page: Page): Promise<Layering> {
  return page.evaluate(() => {
    type El = {
      className: unknown;
      tagName: string;
      closest(s: string): El | null;
      getBoundingClientRect(): { width: number; height: number };
    };
    const win = globalThis as unknown as {
      document: { querySelectorAll(s: string): Iterable<El>; elementsFromPoint(x: number, y: number): El[] };
      getComputedStyle(e: El): { backgroundColor: string };
    };
    const alphaOf = (e: El) => {
      const m = /rgba?\(([^)]+)\)/.exec(win.getComputedStyle(e).backgroundColor);
      const parts = m ? m[1]!.split(',').map((p) => Number(p.trim())) : [];
      return parts.length === 4 ? parts[3]! : parts.length === 3 ? 1 : 0;
    };
    const name = (e: El) =>
      `${e.tagName.toLowerCase()}.${String(e.className)
        .split(' ')
        .filter((c) => c.startsWith('fui-'))
        .join('.')}`;
    const opaqueLayers = [...win.document.querySelectorAll('[data-portal-node]')]
      .filter((n) => {
        const box = n.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && alphaOf(n) > 0;
      })
      .map(name);
    const corner: { what: string; inPage: boolean; alpha: number }[] = [];
    for (const e of win.document.elementsFromPoint(2, 2)) {
      const inPage = e.closest('[data-testid="app-shell"]') !== null;
      corner.push({ what: name(e), inPage, alpha: alphaOf(e) });
      if (inPage) break;
    }
    return { opaqueLayers, corner };
  });
}

/**
 * Checks that what is open floats over the page: no portal layer paints the page over, and
 * at the page's corner (outside every panel but a full-width one) only a translucent backdrop
 * lies between the eye and the page.
 */
async function expectFloating(page: Page, where: string, coversCorner = false): Promise<void> {
  await settled(page);
  const found = await layering(page);
  expect({ where, opaqueLayers: found.opaqueLayers }).toEqual({ where, opaqueLayers: [] });
  if (coversCorner) return;
  const above = found.corner.filter((c) => !c.inPage && c.alpha > 0);
  expect({ where, pageReached: found.corner.some((c) => c.inPage), above: above.filter((c) => c.alpha >= 0.9) }).toEqual({
    where,
    pageReached: true,
    above: [],
  });
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

async function expanded(control: Locator): Promise<boolean> {
  return (await control.getAttribute('aria-expanded')) === 'true';
}

/** The list a picker opened: the element its control names in `aria-controls`. */
async function popupOf(control: Locator): Promise<Locator> {
  await control.page().waitForFunction((e) => !!e?.getAttribute('aria-controls'), await control.elementHandle());
  return control.page().locator(`[id="${await control.getAttribute('aria-controls')}"]`);
}

async function ensureRitual(page: Page): Promise<void> {
  await page.getByTestId('view-rituals').click();
  await page.getByTestId('rituals-view').waitFor();
  const item = page.getByTestId('ritual-list-item').filter({ hasText: RITUAL });
  await Promise.race([item.first().waitFor(), page.getByTestId('ritual-create-button').waitFor()]);
  if (await item.count()) return;
  await page.getByTestId('ritual-create-button').click();
  await page.getByTestId('ritual-form').waitFor();
  await page.getByTestId('ritual-title').fill(RITUAL);
  await page.getByTestId('ritual-save-button').click();
  await page.getByTestId('ritual-view').waitFor();
  await page.getByTestId('ritual-close-button').click();
  await item.first().waitFor();
}

describe('pickers, drawers and dialogs in Chromium', () => {
  const cases = THEMES.flatMap((theme) => WIDTHS.map((width) => [theme, width] as const));

  it.each(cases)('float over the page in the %s theme at %i px', async (theme, width) => {
    const phone = width < 640;
    const { page, errors } = await openTab(`?theme=${theme}`, width);
    const shot = (what: string) => shoot(page, `${what}-${theme}-${width}`);
    await ensureRitual(page);

    // Knowledge: the card drawer, its edit form, and the tag picker with a new tag typed.
    await page.getByTestId('view-tabs').getByRole('tab', { name: 'Knowledge' }).click();
    await page.getByTestId('card-list-item').first().getByTestId('card-title').click();
    await page.getByTestId('card-view').waitFor();
    await expectFloating(page, 'card drawer', phone);
    await shot('card-drawer');
    await page.getByTestId('card-edit-button').click();
    await page.getByTestId('tag-input').click();
    await page.getByTestId('tag-input').pressSequentially('incident');
    await page.getByRole('option', { name: 'Add “incident”' }).waitFor();
    await expectFloating(page, 'tag picker', phone);
    await shot('tag-picker');
    await page.getByTestId('card-cancel-button').click();
    await page.getByTestId('card-close-button').click();
    await page.getByTestId('card-detail').waitFor({ state: 'detached' });

    // The settings dialog.
    await page.getByTestId('settings-button').click();
    await page.getByTestId('settings-dialog').waitFor();
    await expectFloating(page, 'settings dialog');
    await shot('settings-dialog');
    await page.keyboard.press('Escape');
    await page.getByTestId('settings-dialog').waitFor({ state: 'detached' });

    // Rituals: the new ritual drawer with its hosts and time zone pickers open.
    await page.getByTestId('view-rituals').click();
    await page.getByTestId('ritual-create-button').click();
    await page.getByTestId('ritual-form').waitFor();
    await expectFloating(page, 'new ritual drawer', phone);
    await shot('ritual-create-drawer');
    await page.getByTestId('ritual-hosts').click();
    await (await popupOf(page.getByTestId('ritual-hosts'))).waitFor();
    await expectFloating(page, 'hosts picker', phone);
    await shot('hosts-picker');
    await page.keyboard.press('Escape');
    await page.getByTestId('ritual-time-zone').click();
    await (await popupOf(page.getByTestId('ritual-time-zone'))).waitFor();
    await expectFloating(page, 'time zone picker', phone);
    await shot('time-zone-picker');
    await page.keyboard.press('Escape');
    await page.getByTestId('ritual-cancel-button').click();
    await page.getByTestId('ritual-create-panel').waitFor({ state: 'detached' });

    // A ritual's drawer, and its delete and change-a-date dialogs.
    await page.getByTestId('ritual-list-item').filter({ hasText: RITUAL }).getByRole('button', { name: RITUAL }).click();
    await page.getByTestId('ritual-view').waitFor();
    await expectFloating(page, 'ritual drawer', phone);
    await shot('ritual-drawer');
    await page.getByTestId('occurrence-change-button').first().click();
    await page.getByTestId('occurrence-change-dialog').waitFor();
    await expectFloating(page, 'change a date dialog', phone);
    await shot('occurrence-change-dialog');
    await page.keyboard.press('Escape');
    await page.getByTestId('occurrence-change-dialog').waitFor({ state: 'detached' });
    await page.getByTestId('ritual-delete-button').click();
    await page.getByTestId('ritual-delete-dialog').waitFor();
    await expectFloating(page, 'delete dialog', phone);
    await shot('ritual-delete-dialog');

    expect(errors).toEqual([]);
    await page.close();
  });

  it.each([
    ['the tag picker in the card drawer', 'card-detail', 'tag-input'],
    ['the hosts picker in the new ritual drawer', 'ritual-create-panel', 'ritual-hosts'],
    ['the time zone picker in the new ritual drawer', 'ritual-create-panel', 'ritual-time-zone'],
  ])('Escape in %s closes the list and leaves the drawer open', async (_what, drawerId, controlId) => {
    const { page, errors } = await openTab('', 1280);
    if (drawerId === 'card-detail') {
      await page.getByTestId('card-list-item').first().getByTestId('card-title').click();
      await page.getByTestId('card-edit-button').click();
    } else {
      await page.getByTestId('view-rituals').click();
      await page.getByTestId('ritual-create-button').click();
      await page.getByTestId('ritual-form').waitFor();
    }
    const control = page.getByTestId(controlId);
    await control.click();
    if (controlId === 'tag-input') await control.pressSequentially('incident');
    const popup = await popupOf(control);
    await popup.waitFor();
    expect(await expanded(control)).toBe(true);

    await page.keyboard.press('Escape');
    await popup.waitFor({ state: 'hidden' });
    await settled(page);
    expect(await expanded(control)).toBe(false);
    expect(await page.getByTestId(drawerId).isVisible()).toBe(true);

    // A second Escape closes the drawer.
    await page.keyboard.press('Escape');
    await page.getByTestId(drawerId).waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await page.close();
  });
});
