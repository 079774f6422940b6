import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from '../../scripts/local/processes';
import { shiftedClock } from '../../test-support/builders';
import { startE2EStack, type E2EStack, type PlaygroundConfig, type PlaygroundMessage } from '../../test-support/playground';
import { CHROMIUM_ARGS, CHROMIUM_PATH, buildTab } from '../../test-support/browser';

/*
 * Rituals end to end: a community manager creates an AMA and a huddle in the tab (the
 * production build, in headless Chromium); the reminders arrive in the real Agents
 * Playground's channel at their times, once each; a question sent from the reminder
 * card shows in the tab. The service's clock is moved forward; its timers run for real.
 */

const SHOTS = path.join(ROOT, '.artifacts', 'screenshots');
const GENERAL = 'team-id';
const DAY = 24 * 3_600_000;

let stack: E2EStack;
let config: PlaygroundConfig;
let browser: Browser;
const clock = shiftedClock();

beforeAll(async () => {
  const tabDir = buildTab(ROOT);
  stack = await startE2EStack({ tabDir }, { clock, scheduler: { tickMs: 200 } });
  config = await stack.playground.config();
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  mkdirSync(SHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** `yyyy-mm-dd` and the two-letter weekday of a day from now, in UTC (the headless browser's zone). */
function dayFromNow(days: number): { date: string; weekday: string } {
  const day = new Date(Date.now() + days * DAY);
  return { date: day.toISOString().slice(0, 10), weekday: ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'][day.getUTCDay()]! };
}

async function createRitual(page: Page, fields: { title: string; kind: string; days: number; time: string; every: string }): Promise<void> {
  await page.getByTestId('ritual-create-button').click();
  const form = page.getByTestId('ritual-form');
  await form.waitFor();
  await page.getByTestId('ritual-kind').selectOption(fields.kind);
  await page.getByTestId('ritual-title').fill(fields.title);
  const day = dayFromNow(fields.days);
  await page.getByTestId('ritual-first-date').fill(day.date);
  await page.getByTestId('ritual-first-time').fill(fields.time);
  await page.getByTestId('ritual-repeat').selectOption(fields.every);
  await page.getByTestId('ritual-weekday').selectOption(day.weekday);
  await page.getByTestId('ritual-save-button').click();
  // A saved ritual opens on its own page; back to the list.
  await page.getByTestId('ritual-view').waitFor();
  await page.getByTestId('ritual-close-button').click();
  await page.getByTestId('ritual-list-item').filter({ hasText: fields.title }).waitFor();
}

/** A dialog invoke from the channel thread, as Teams posts it to the bot. */
async function dialogInvoke(
  name: 'task/fetch' | 'task/submit',
  thread: string,
  data: Record<string, unknown>,
): Promise<{ status: number; body: unknown }> {
  const user = config.users.find((u) => u.id !== config.currentUser.id) ?? config.currentUser;
  const response = await fetch(`${stack.service.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'invoke',
      name,
      id: `invoke-${Date.now()}`,
      channelId: 'msteams',
      serviceUrl: `${stack.playground.url}/_connector`,
      timestamp: new Date().toISOString(),
      from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
      recipient: { id: config.bot.id, name: config.bot.name },
      conversation: { id: thread, conversationType: 'channel', isGroup: true, tenantId: config.tenantId },
      channelData: { tenant: { id: config.tenantId }, team: { id: config.teams[0]!.id }, channel: { id: GENERAL } },
      value: { data },
    }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const cardJson = (m: PlaygroundMessage) => JSON.stringify(m.attachments ?? []);
const remindersOf = (title: string, phrase: string) =>
  stack.playground.botMessages(GENERAL).filter((m) => cardJson(m).includes(title) && cardJson(m).includes(phrase));

describe('rituals in the tab and the Playground channel', () => {
  it('creates an AMA and a huddle in the tab, posts their reminders once at their times, and collects a question', async () => {
    // The app is added to the team: Teams tells the bot, which now knows where to post.
    await stack.playground.customActivity({
      type: 'conversationUpdate',
      id: 'installation',
      channelId: 'msteams',
      // Where the Playground serves the Bot Connector API, as its own activities say.
      serviceUrl: `${stack.playground.url}/_connector`,
      timestamp: new Date().toISOString(),
      from: { id: config.currentUser.id, name: config.currentUser.name },
      recipient: { id: config.bot.id, name: config.bot.name },
      membersAdded: [{ id: config.bot.id }],
      conversation: { id: GENERAL, conversationType: 'channel', isGroup: true, tenantId: config.tenantId },
      channelData: {
        eventType: 'teamMemberAdded',
        tenant: { id: config.tenantId },
        team: { id: config.teams[0]!.id, aadGroupId: config.teams[0]!.aadGroupId },
        channel: { id: GENERAL },
      },
    });

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${stack.service.url}/`);
    await page.getByTestId('view-rituals').click();
    await page.getByTestId('rituals-view').waitFor();
    // Give the installation a moment to be recorded before the view reads the channel's state.
    await new Promise((r) => setTimeout(r, 500));
    await createRitual(page, { title: 'Platform AMA', kind: 'ama', days: 2, time: '17:00', every: 'week' });
    await createRitual(page, { title: 'Deploy huddle', kind: 'huddle', days: 3, time: '09:30', every: 'twoWeeks' });
    await page.getByTestId('upcoming-occurrence').first().waitFor();
    expect(await page.locator('[data-testid="upcoming-occurrence"][data-next="true"]').count()).toBe(1);
    expect(await page.getByTestId('reminders-status').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'rituals-default.png'), fullPage: true });

    // Nothing is due yet.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(remindersOf('Platform AMA', 'Submit a question')).toHaveLength(0);

    // A day before the AMA: its reminder, once.
    const amaStart = Date.parse(`${dayFromNow(2).date}T17:00:00Z`);
    clock.advanceTo(new Date(amaStart - DAY + 1_000).toISOString());
    const reminder = await stack.playground.waitForBotMessage(
      GENERAL,
      (m) => cardJson(m).includes('Platform AMA') && cardJson(m).includes('Starts in 24 hours'),
      20_000,
    );
    await new Promise((r) => setTimeout(r, 1_500));
    expect(remindersOf('Platform AMA', 'Starts in 24 hours')).toHaveLength(1);
    expect(remindersOf('Deploy huddle', 'Bring a problem')).toHaveLength(0);

    // A member sends a question from the card's dialog.
    const card = reminder.attachments![0].content as { actions: { title: string; data: Record<string, unknown> }[] };
    const button = card.actions.find((a) => a.title === 'Submit a question')!;
    // The card is the first message of its own thread, where its buttons are pressed. The
    // Playground cannot open a bot's dialogs (its invoke API has no task/fetch), so the
    // dialog's invokes go to the bot's endpoint exactly as Teams sends them.
    const thread = reminder.postConversationId ?? GENERAL;
    const opened = await dialogInvoke('task/fetch', thread, button.data);
    expect(opened.status).toBe(200);
    expect(JSON.stringify(opened.body)).toContain('Your question');
    const sent = await dialogInvoke('task/submit', thread, {
      verb: 'ritualAddItem',
      ritualId: button.data.ritualId,
      occurrenceId: button.data.occurrenceId,
      text: 'Which runner images will you support next year?',
    });
    expect(JSON.stringify(sent.body)).toContain('Your question is in');

    // The question is in the tab, on the AMA's page.
    await page.reload();
    await page.getByTestId('view-rituals').click();
    await page.getByTestId('ritual-list-item').filter({ hasText: 'Platform AMA' }).getByRole('button', { name: 'Platform AMA' }).click();
    await page.getByTestId('ritual-item').filter({ hasText: 'Which runner images will you support next year?' }).waitFor();
    // Let the drawer finish sliding in before the picture.
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(SHOTS, 'ritual-detail-default.png') });

    // The huddle's reminder a day before it, then the AMA's one-hour reminder and its top questions.
    const huddleStart = Date.parse(`${dayFromNow(3).date}T09:30:00Z`);
    clock.advanceTo(new Date(amaStart - 3_600_000 + 1_000).toISOString());
    await stack.playground.waitForBotMessage(
      GENERAL,
      (m) => cardJson(m).includes('Platform AMA') && cardJson(m).includes('Starts in an hour'),
      20_000,
    );
    clock.advanceTo(new Date(amaStart - 10 * 60_000 + 1_000).toISOString());
    await stack.playground.waitForBotMessage(
      GENERAL,
      (m) => cardJson(m).includes('The top questions') && cardJson(m).includes('Which runner images'),
      20_000,
    );
    clock.advanceTo(new Date(huddleStart - DAY + 1_000).toISOString());
    await stack.playground.waitForBotMessage(
      GENERAL,
      (m) => cardJson(m).includes('Deploy huddle') && cardJson(m).includes('Bring a problem'),
      20_000,
    );
    await new Promise((r) => setTimeout(r, 1_500));
    expect(remindersOf('Platform AMA', 'Starts in 24 hours')).toHaveLength(1);
    expect(remindersOf('Platform AMA', 'Starts in an hour')).toHaveLength(1);
    // The huddle's day-before reminder fell due while the clock was jumping to the AMA, so it says the time really left.
    expect(remindersOf('Deploy huddle', 'Starts in')).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('answers "rituals" in the personal chat with the upcoming rituals', async () => {
    await stack.playground.postMessage(config.personalChat.id, {
      from: { id: config.currentUser.id },
      text: 'rituals',
      textFormat: 'plain',
    });
    const answer = await stack.playground.waitForBotMessage(
      config.personalChat.id,
      (m) => cardJson(m).includes('Coming up in your communities'),
      10_000,
    );
    expect(cardJson(answer)).toContain('Deploy huddle');
  });

  it('warns of reminders already past, keeps a running session and past ones in view, and lays the monthly form out without overlap', async () => {
    const now = clock.now();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The browser reads the same time as the service.
    await page.clock.setFixedTime(now);
    await page.goto(`${stack.service.url}/`);
    await page.getByTestId('view-rituals').click();
    await page.getByTestId('rituals-view').waitFor();

    // The monthly form: Repeats, On the and Weekday side by side without covering each other.
    await page.getByTestId('ritual-create-button').click();
    await page.getByTestId('ritual-form').waitFor();
    await page.getByTestId('ritual-repeat').selectOption('month');
    const noOverlap = async () => {
      const repeat = (await page.getByTestId('ritual-repeat').boundingBox())!;
      const nth = (await page.getByTestId('ritual-nth').boundingBox())!;
      const sameRow = Math.abs(repeat.y - nth.y) < 4;
      if (sameRow) expect(repeat.x + repeat.width).toBeLessThanOrEqual(nth.x);
      else expect(repeat.y + repeat.height).toBeLessThanOrEqual(nth.y);
    };
    await page.getByTestId('ritual-repeat').scrollIntoViewIfNeeded();
    await noOverlap();
    await page.screenshot({ path: path.join(SHOTS, 'ritual-form-monthly-desktop.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('ritual-repeat').scrollIntoViewIfNeeded();
    await noOverlap();
    await page.screenshot({ path: path.join(SHOTS, 'ritual-form-monthly-phone.png') });
    await page.setViewportSize({ width: 1280, height: 900 });

    // An AMA five minutes from now with a 15-minute reminder: the form says it is already past.
    const start = new Date(Math.ceil(now.getTime() / 60_000) * 60_000 + 5 * 60_000);
    const iso = start.toISOString();
    await page.getByTestId('ritual-kind').selectOption('ama');
    await page.getByTestId('ritual-title').fill('Evening AMA');
    await page.getByTestId('ritual-first-date').fill(iso.slice(0, 10));
    await page.getByTestId('ritual-first-time').fill(iso.slice(11, 16));
    await page.getByTestId('ritual-repeat').selectOption('week');
    await page.getByTestId('ritual-weekday').selectOption(['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'][start.getUTCDay()]!);
    for (const name of ['1 day before', '1 hour before']) await page.getByRole('checkbox', { name }).uncheck();
    await page.getByRole('checkbox', { name: '15 minutes before' }).check();
    await expect(page.getByTestId('ritual-reminders-passed').textContent()).resolves.toContain(
      '15 minutes before reminder is already past',
    );
    await page.getByTestId('ritual-save-button').click();
    await page.getByTestId('ritual-view').waitFor();
    expect(await page.getByTestId('ritual-notice').textContent()).toContain('reminders are posted in the channel before each one');
    await page.getByTestId('item-input').fill('What is the plan for the new runners?');
    await page.getByTestId('item-add-button').click();
    await page.getByTestId('ritual-item').filter({ hasText: 'What is the plan for the new runners?' }).waitFor();
    await page.getByTestId('ritual-close-button').click();

    // A ritual without reminders is not said to have them.
    await page.getByTestId('ritual-create-button').click();
    await page.getByTestId('ritual-form').waitFor();
    await page.getByTestId('ritual-kind').selectOption('winOfTheWeek');
    await page.getByTestId('ritual-title').fill('Friday wins');
    await page.getByTestId('ritual-first-date').fill(dayFromNow(4).date);
    await page.getByTestId('ritual-first-time').fill('09:00');
    await page.getByTestId('ritual-weekday').selectOption(dayFromNow(4).weekday);
    await page.getByTestId('ritual-save-button').click();
    await page.getByTestId('ritual-view').waitFor();
    const notice = await page.getByTestId('ritual-notice').textContent();
    expect(notice).toContain('is created');
    expect(notice).not.toMatch(/reminders are posted/);
    await page.getByTestId('ritual-close-button').click();

    // Eleven seconds into the session it is "happening now", with its question.
    const during = new Date(start.getTime() + 11_000);
    clock.advanceTo(during.toISOString());
    await page.clock.setFixedTime(during);
    await page.reload();
    await page.getByTestId('view-rituals').click();
    const live = page.getByTestId('upcoming-occurrence').filter({ hasText: 'Evening AMA' }).first();
    await live.getByTestId('occurrence-now').waitFor();
    expect(await page.getByTestId('ritual-list-item').filter({ hasText: 'Evening AMA' }).textContent()).toContain('Happening now');
    await live.getByRole('button', { name: 'Evening AMA' }).click();
    await page.getByTestId('ritual-item').filter({ hasText: 'What is the plan for the new runners?' }).waitFor();
    await page.getByTestId('ritual-occurrence').first().getByTestId('occurrence-now').waitFor();
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(SHOTS, 'ritual-detail-happening-now.png') });

    // After it ended: under past dates, with its question.
    const after = new Date(start.getTime() + 61 * 60_000);
    clock.advanceTo(after.toISOString());
    await page.clock.setFixedTime(after);
    await page.reload();
    await page.getByTestId('view-rituals').click();
    await page.getByTestId('ritual-list-item').filter({ hasText: 'Evening AMA' }).getByRole('button', { name: 'Evening AMA' }).click();
    await page.getByTestId('ritual-past-occurrence').first().waitFor();
    await page.getByTestId('ritual-past-show').first().click();
    await page.getByTestId('ritual-item').filter({ hasText: 'What is the plan for the new runners?' }).waitFor();
    expect(await page.getByTestId('ritual-items').textContent()).toContain('Adding is closed for this date.');
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(SHOTS, 'ritual-detail-past.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
