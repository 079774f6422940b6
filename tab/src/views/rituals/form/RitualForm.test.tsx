import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ANA, BEN, CHLOE } from '../../../test/builders';
import { fakeHost } from '../../../test/fakeHost';
import type { FakeCommunityState } from '../../../test/fakeApi';
import { freezeDate, makeRitual, VIEWER_ZONE } from '../../../test/ritualBuilders';
import { renderApp } from '../../../test/renderApp';

type User = ReturnType<typeof userEvent.setup>;
const RITUALS = '/api/communities/community-key-1/rituals';

function renderRituals(state: Partial<FakeCommunityState> = {}) {
  return renderApp({ state: { rituals: [], ...state }, host: fakeHost({ timeZone: VIEWER_ZONE }) });
}

async function openForm(user: User) {
  await screen.findByTestId('community-name');
  await user.click(screen.getByTestId('view-rituals'));
  await user.click(await screen.findByTestId('ritual-create-button'));
  // The form is a lazily loaded chunk: on a cold test cache its first import is compiled on the spot.
  return screen.findByTestId('ritual-form', {}, { timeout: 15_000 });
}

/** The message Fluent shows under a field, found from its control. */
function messageOf(control: HTMLElement): string | undefined {
  const ids = (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  const texts = ids
    .map((id) => document.getElementById(id))
    .filter((el) => el?.getAttribute('role') === 'alert' || el?.className.includes('validationMessage'));
  return texts[0]?.textContent ?? undefined;
}

describe('RitualForm', () => {
  beforeEach(() => freezeDate());
  afterEach(() => jest.useRealTimers());

  it('starts from the kind’s defaults, with me as host and my time zone, and previews the next dates', async () => {
    const user = userEvent.setup();
    renderRituals();
    await openForm(user);
    const form = screen.getByTestId('ritual-form');
    expect(within(form).getByTestId('ritual-title')).toHaveFocus();
    expect(within(form).getByTestId('ritual-kind')).toHaveValue('ama');
    expect(within(form).getByTestId('ritual-hosts')).toHaveTextContent('Ana Lima');
    expect(within(form).getByTestId('ritual-time-zone')).toHaveValue('Europe/Paris');
    expect(within(form).getByTestId('ritual-first-date')).toHaveValue('2026-04-14');
    expect(within(form).getByTestId('ritual-first-time')).toHaveValue('17:00');
    expect(within(form).getByTestId('ritual-repeat')).toHaveValue('month');
    expect(within(form).getByTestId('ritual-nth')).toHaveValue('2');
    expect(within(form).getByTestId('ritual-weekday')).toHaveValue('TU');
    expect(within(form).getByTestId('ritual-duration')).toHaveValue(60);
    expect(within(form).getByRole('checkbox', { name: '1 day before' })).toBeChecked();
    expect(within(form).getByRole('checkbox', { name: '1 week before' })).not.toBeChecked();
    const preview = within(form).getByTestId('ritual-preview');
    expect(preview).toHaveTextContent('Every 2nd Tuesday of the month');
    expect(
      within(preview)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Tue 14 Apr, 17:00', 'Tue 12 May, 17:00', 'Tue 9 Jun, 17:00']);

    // Picking a kind fills in its rhythm, length and reminders.
    await user.selectOptions(within(form).getByTestId('ritual-kind'), 'huddle');
    expect(within(form).getByTestId('ritual-repeat')).toHaveValue('twoWeeks');
    expect(within(form).getByTestId('ritual-weekday')).toHaveValue('WE');
    expect(within(form).getByTestId('ritual-duration')).toHaveValue(45);
    expect(within(form).queryByTestId('ritual-expert')).not.toBeInTheDocument();
    expect(preview).toHaveTextContent('Every other Wednesday');
  });

  it('validates as people type: an unknown rule is flagged on its field and Save waits until it is fixed', async () => {
    const user = userEvent.setup();
    const { api } = renderRituals();
    const form = await openForm(user);
    await user.type(within(form).getByTestId('ritual-title'), 'Platform AMA');

    await user.selectOptions(within(form).getByTestId('ritual-repeat'), 'custom');
    const rule = within(form).getByTestId('ritual-rule');
    expect(rule).toHaveValue('FREQ=MONTHLY;BYDAY=2TU');
    await user.clear(rule);
    await user.type(rule, 'FREQ=SOMETIMES');
    expect(messageOf(rule)).toBe('The repeat rule is not valid: FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY.');
    const save = within(form).getByTestId('ritual-save-button');
    expect(save).toHaveAttribute('aria-disabled', 'true');
    expect(within(form).getByText('Fix the fields marked above to save.')).toBeInTheDocument();
    expect(within(form).getByTestId('ritual-preview')).toHaveTextContent('The next dates show here once');

    await user.clear(rule);
    await user.type(rule, 'FREQ=MONTHLY;BYDAY=-1FR');
    expect(messageOf(rule)).toBeUndefined();
    expect(save).not.toHaveAttribute('aria-disabled', 'true');
    expect(within(form).getByTestId('ritual-preview')).toHaveTextContent('On the last Friday of every month');

    await user.click(save);
    await waitFor(() => expect(api.requestsTo(RITUALS, 'POST')).toHaveLength(1));
    expect(api.requestsTo(RITUALS, 'POST')[0]?.body).toMatchObject({
      kind: 'ama',
      title: 'Platform AMA',
      hosts: [ANA],
      schedule: { firstStart: '2026-04-14T17:00', timeZone: 'Europe/Paris', durationMinutes: 60, rule: 'FREQ=MONTHLY;BYDAY=-1FR' },
      reminderOffsets: [1440, 60],
    });
  });

  it('saves nothing while invalid: Save shows every message and focuses the first field to fix', async () => {
    const user = userEvent.setup();
    const { api } = renderRituals();
    const form = await openForm(user);
    await user.type(within(form).getByTestId('ritual-meeting-url'), 'http://meet.example.com/ama');
    await user.click(within(form).getByTestId('ritual-first-date'));
    within(form).getByTestId('ritual-save-button').focus();
    await user.keyboard('{Enter}');

    const title = within(form).getByTestId('ritual-title');
    expect(title).toHaveFocus();
    expect(messageOf(title)).toBe('Give the ritual a title.');
    expect(messageOf(within(form).getByTestId('ritual-meeting-url'))).toBe('The meeting link must start with https://.');
    expect(api.requestsTo(RITUALS, 'POST')).toHaveLength(0);

    await user.type(title, 'Platform AMA');
    await user.clear(within(form).getByTestId('ritual-meeting-url'));
    expect(within(form).getByTestId('ritual-save-button')).not.toHaveAttribute('aria-disabled', 'true');
  });

  it('shows the service’s field messages on the fields, focusing the first', async () => {
    const user = userEvent.setup();
    const { api } = renderRituals();
    api.on('POST', '/api/communities/:key/rituals', () => ({
      problem: {
        title: 'Check the ritual',
        status: 400,
        detail: 'This community’s rituals meet at most once a week. Ana Lima is no longer in this team.',
        errors: [
          { field: 'schedule.rule', message: 'This community’s rituals meet at most once a week.' },
          { field: 'hosts.0', message: 'Ana Lima is no longer in this team.' },
        ],
      },
    }));
    const form = await openForm(user);
    await user.type(within(form).getByTestId('ritual-title'), 'Daily stand-up');
    await user.click(within(form).getByTestId('ritual-save-button'));

    const hosts = within(form).getByTestId('ritual-hosts');
    await waitFor(() => expect(messageOf(hosts)).toBe('Ana Lima is no longer in this team.'));
    expect(hosts).toHaveFocus();
    expect(messageOf(within(form).getByTestId('ritual-repeat'))).toBe('This community’s rituals meet at most once a week.');
    expect(screen.getByTestId('ritual-form-error')).toHaveTextContent(
      'Some of what you entered needs another look: see the messages on the fields.',
    );
    expect(within(form).getByTestId('ritual-save-button')).toHaveAttribute('aria-disabled', 'true');

    // Changing the field clears the service's message for it.
    await user.selectOptions(within(form).getByTestId('ritual-repeat'), 'twoWeeks');
    expect(messageOf(within(form).getByTestId('ritual-repeat'))).toBeUndefined();
  });

  it('offers managers and contributors as hosts', async () => {
    const user = userEvent.setup();
    const { api } = renderRituals();
    const form = await openForm(user);
    await user.type(within(form).getByTestId('ritual-title'), 'Platform AMA');
    await user.click(within(form).getByTestId('ritual-hosts'));
    // A multiple choice: Fluent lists the people as checkable menu items.
    const menu = await screen.findByRole('menu', { name: 'Hosts' });
    await waitFor(() =>
      expect(
        within(menu)
          .getAllByRole('menuitemcheckbox')
          .map((o) => o.textContent),
      ).toEqual(['Ana Lima (you)', 'Ben Okafor', 'Chloé Martin']),
    );
    expect(within(menu).getByRole('menuitemcheckbox', { name: 'Ana Lima (you)' })).toHaveAttribute('aria-checked', 'true');
    await user.click(within(menu).getByRole('menuitemcheckbox', { name: 'Ben Okafor' }));
    await user.click(within(menu).getByRole('menuitemcheckbox', { name: 'Ana Lima (you)' }));
    await user.keyboard('{Escape}');
    expect(within(form).getByTestId('ritual-hosts')).toHaveTextContent('Ben Okafor');
    await user.click(within(form).getByTestId('ritual-save-button'));
    await waitFor(() => expect(api.requestsTo(RITUALS, 'POST')).toHaveLength(1));
    expect((api.requestsTo(RITUALS, 'POST')[0]?.body as { hosts: unknown }).hosts).toEqual([BEN]);
  });

  it('creates the ritual and opens it', async () => {
    const user = userEvent.setup();
    renderRituals();
    const form = await openForm(user);
    await user.type(within(form).getByTestId('ritual-title'), 'Platform AMA');
    await user.type(within(form).getByTestId('ritual-expert'), 'Dana Whitfield');
    await user.click(within(form).getByTestId('ritual-save-button'));
    const panel = await screen.findByRole('dialog', { name: 'Platform AMA' });
    expect(within(panel).getByTestId('ritual-notice')).toHaveTextContent('“Platform AMA” is created.');
    expect(await within(panel).findByTestId('ritual-facts')).toHaveTextContent('Featured expertDana Whitfield');
    expect(await screen.findAllByTestId('ritual-list-item')).toHaveLength(1);
  });

  it('edits a ritual: the form starts from it and sends its version', async () => {
    const user = userEvent.setup();
    const ritual = makeRitual({ hosts: [BEN, CHLOE], schedule: { ...makeRitual().schedule, rule: 'FREQ=MONTHLY;BYMONTHDAY=1' } });
    const { api } = renderRituals({ rituals: [ritual] });
    await screen.findByTestId('community-name');
    await user.click(screen.getByTestId('view-rituals'));
    await user.click(within(await screen.findByTestId('ritual-list-item')).getByRole('button', { name: ritual.title }));
    const panel = await screen.findByRole('dialog', { name: ritual.title });
    await user.click(await within(panel).findByTestId('ritual-edit-button'));
    const form = await within(panel).findByTestId('ritual-form');
    expect(within(form).getByTestId('ritual-title')).toHaveValue(ritual.title);
    expect(within(form).getByTestId('ritual-time-zone')).toHaveValue('Europe/London');
    // A rule the simple choices cannot show stays as written.
    expect(within(form).getByTestId('ritual-repeat')).toHaveValue('custom');
    expect(within(form).getByTestId('ritual-rule')).toHaveValue('FREQ=MONTHLY;BYMONTHDAY=1');
    expect(within(form).getByTestId('ritual-hosts')).toHaveTextContent('Ben Okafor, Chloé Martin');

    // Re-labelling a saved ritual keeps its schedule; only a new one takes a kind's defaults.
    await user.selectOptions(within(form).getByTestId('ritual-kind'), 'huddle');
    expect(within(form).getByTestId('ritual-rule')).toHaveValue('FREQ=MONTHLY;BYMONTHDAY=1');
    expect(within(form).getByTestId('ritual-duration')).toHaveValue(60);
    await user.clear(within(form).getByTestId('ritual-title'));
    await user.type(within(form).getByTestId('ritual-title'), 'Ask the SRE team anything');
    await user.click(within(form).getByTestId('ritual-save-button'));
    expect(await within(panel).findByTestId('ritual-notice')).toHaveTextContent('Your changes are saved.');
    expect(api.requestsTo(`${RITUALS}/ritual-ama`, 'PUT')[0]?.body).toMatchObject({
      version: 'W/"v1"',
      kind: 'huddle',
      title: 'Ask the SRE team anything',
      hosts: [BEN, CHLOE],
      schedule: { timeZone: 'Europe/London', rule: 'FREQ=MONTHLY;BYMONTHDAY=1', firstStart: '2026-03-10T17:00' },
    });
    expect(await screen.findByRole('dialog', { name: 'Ask the SRE team anything' })).toBeInTheDocument();
  });
});
