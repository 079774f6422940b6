import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeCommunity } from '../../test/builders';
import { fakeHost } from '../../test/fakeHost';
import { freezeDate, makeOccurrence, makeRitual, VIEWER_ZONE } from '../../test/ritualBuilders';
import { renderApp } from '../../test/renderApp';
import type { FakeCommunityState } from '../../test/fakeApi';

type User = ReturnType<typeof userEvent.setup>;

async function openRituals(user: User) {
  await screen.findByTestId('community-name');
  await user.click(screen.getByTestId('view-rituals'));
  return screen.findByTestId('rituals-view');
}

function renderRituals(state: Partial<FakeCommunityState>) {
  return renderApp({ state, host: fakeHost({ timeZone: VIEWER_ZONE }) });
}

const ama = makeRitual();
const huddle = makeRitual({
  id: 'ritual-huddle',
  kind: 'huddle',
  title: 'Deployment huddle',
  featuredExpert: undefined,
  schedule: { firstStart: '2026-02-24T14:00', timeZone: 'Europe/Paris', durationMinutes: 45, rule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU' },
  repeats: 'Every other Tuesday',
  upcoming: [
    makeOccurrence('ritual-huddle', '2026-03-10T13:00:00.000Z', { status: 'skipped', reason: 'Half the team is at the offsite.' }),
    makeOccurrence('ritual-huddle', '2026-03-24T13:00:00.000Z'),
  ],
});
const wins = makeRitual({
  id: 'ritual-wins',
  kind: 'winOfTheWeek',
  title: 'Win of the Week',
  featuredExpert: undefined,
  meetingUrl: undefined,
  schedule: { firstStart: '2026-03-02T09:00', timeZone: 'Europe/Paris', durationMinutes: 0, rule: 'FREQ=WEEKLY;BYDAY=MO' },
  repeats: 'Every week on Monday',
  reminderOffsets: [],
  upcoming: [makeOccurrence('ritual-wins', '2026-03-16T08:00:00.000Z')],
});

describe('RitualsView', () => {
  beforeEach(() => freezeDate());
  afterEach(() => jest.useRealTimers());

  it('lists what is coming up by week, in the viewer’s time, the next one highlighted and a skip explained', async () => {
    const user = userEvent.setup();
    renderRituals({ rituals: [ama, huddle, wins] });
    const view = await openRituals(user);

    const weeks = await within(view).findAllByRole('heading', { level: 4 });
    expect(weeks.map((h) => h.textContent)).toEqual([
      'This week',
      'Next week',
      'Week of 23 Mar',
      'Week of 13 Apr',
      'Ask the platform team anything',
      'Deployment huddle',
      'Win of the Week',
    ]);
    const thisWeek = within(screen.getByRole('region', { name: 'This week' })).getAllByTestId('upcoming-occurrence');
    expect(thisWeek).toHaveLength(2);

    const [skipped, next] = thisWeek;
    expect(skipped).toHaveTextContent('Tue 10 Mar, 14:00');
    expect(skipped).toHaveTextContent('Skipped');
    expect(skipped).toHaveTextContent('Skipped this time: Half the team is at the offsite.');
    expect(skipped).not.toHaveAttribute('data-next');
    // The London AMA shows Paris time first, then London's own.
    expect(next).toHaveTextContent('Tue 10 Mar, 18:00 (17:00 in London)');
    expect(next).toHaveTextContent('Next up');
    expect(next).toHaveAttribute('data-next', 'true');
    expect(screen.getAllByTestId('upcoming-occurrence').filter((o) => o.dataset.next === 'true')).toHaveLength(1);

    const rituals = screen.getAllByTestId('ritual-list-item');
    expect(rituals).toHaveLength(3);
    expect(rituals[0]).toHaveTextContent('Ask Me Anything');
    expect(rituals[0]).toHaveTextContent('Every 2nd Tuesday of the month · 17:00 London time');
    expect(rituals[0]).toHaveTextContent('Hosted by Ben Okafor');
    expect(screen.getByTestId('rituals-live')).toHaveTextContent('3 rituals, 5 coming up.');
  });

  it('opens a ritual from its occurrence and from the list', async () => {
    const user = userEvent.setup();
    renderRituals({ rituals: [ama, huddle] });
    await openRituals(user);
    const next = (await screen.findAllByTestId('upcoming-occurrence')).find((o) => o.dataset.next === 'true')!;
    await user.click(within(next).getByRole('button', { name: 'Ask the platform team anything' }));
    const panel = await screen.findByRole('dialog', { name: 'Ask the platform team anything' });
    expect(await within(panel).findByTestId('ritual-facts')).toHaveTextContent('Featured expertDana Whitfield');
    await user.click(within(panel).getByTestId('ritual-close-button'));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    const huddleItem = screen.getAllByTestId('ritual-list-item')[1]!;
    await user.click(within(huddleItem).getByRole('button', { name: 'Deployment huddle' }));
    expect(await screen.findByRole('dialog', { name: 'Deployment huddle' })).toBeInTheDocument();
  });

  it('says why reminders are not posted yet', async () => {
    const user = userEvent.setup();
    renderRituals({ rituals: [ama], reminders: { state: 'waiting' } });
    await openRituals(user);
    expect(await screen.findByTestId('reminders-status')).toHaveTextContent('Reminders start once Commonplace is added to this team.');
  });

  it('shows the service’s reason when reminders stopped, and nothing while they run', async () => {
    const user = userEvent.setup();
    const detail = 'Commonplace was removed from the team on 2 March, so reminders stopped.';
    const { state } = renderRituals({ rituals: [ama], reminders: { state: 'disabled', detail } });
    await openRituals(user);
    expect(await screen.findByTestId('reminders-status')).toHaveTextContent(`Reminders have stopped ${detail}`);
    state.reminders = { state: 'active' };
    await user.click(screen.getByRole('tab', { name: /^Knowledge/ }));
    await openRituals(user);
    await screen.findAllByTestId('ritual-list-item');
    expect(screen.queryByTestId('reminders-status')).not.toBeInTheDocument();
  });

  it('teaches what rituals are and lets a manager create the first one, of a kind', async () => {
    const user = userEvent.setup();
    renderRituals({ rituals: [] });
    await openRituals(user);
    const empty = await screen.findByTestId('empty-state');
    expect(empty).toHaveTextContent('No rituals yet');
    expect(empty).toHaveTextContent('Rituals are the get-togethers a community keeps coming back to.');
    expect(within(empty).getByRole('list', { name: 'Kinds of ritual' })).toHaveTextContent('Problem-solving huddle');
    expect(within(empty).getByTestId('ritual-create-button')).toHaveTextContent('Create the first ritual');

    await user.click(within(empty).getByRole('button', { name: 'Create Knowledge show & tell' }));
    // The lazily loaded form may be compiled on the spot on a cold test cache.
    const form = await screen.findByTestId('ritual-form', {}, { timeout: 15_000 });
    expect(within(form).getByTestId('ritual-kind')).toHaveValue('showAndTell');
    expect(within(form).getByTestId('ritual-slots-input')).toHaveValue(3);
  });

  it('shows members the rituals without any manager control', async () => {
    const user = userEvent.setup();
    renderRituals({ rituals: [ama], community: makeCommunity({ role: 'member' }) });
    await openRituals(user);
    await screen.findAllByTestId('ritual-list-item');
    expect(screen.queryByTestId('ritual-create-button')).not.toBeInTheDocument();

    await user.click(within(screen.getByTestId('ritual-list-item')).getByRole('button', { name: 'Ask the platform team anything' }));
    const panel = await screen.findByTestId('ritual-view');
    await within(panel).findByTestId('ritual-facts');
    for (const id of ['ritual-edit-button', 'ritual-pause-button', 'ritual-delete-button', 'occurrence-change-button']) {
      expect(within(panel).queryByTestId(id)).not.toBeInTheDocument();
    }
    expect(within(panel).getByTestId('ritual-meeting-link')).toHaveAttribute('href', ama.meetingUrl);
  });

  it('teaches members too when there is nothing yet, without a create button', async () => {
    const user = userEvent.setup();
    renderRituals({ rituals: [], community: makeCommunity({ role: 'member' }) });
    await openRituals(user);
    const empty = await screen.findByTestId('empty-state');
    expect(empty).toHaveTextContent('A community manager can set one up');
    expect(within(empty).queryByRole('button')).not.toBeInTheDocument();
  });

  it('offers Retry when the rituals cannot be loaded', async () => {
    const user = userEvent.setup();
    const { api } = renderRituals({ rituals: [] });
    let fail = true;
    const empty = { rituals: [], upcoming: [], reminders: { state: 'active' }, can: { manage: true } };
    api.on('GET', '/api/communities/:key/rituals', () =>
      fail ? { problem: { title: 'Unavailable', status: 503, detail: 'Commonplace is restarting.' } } : { body: empty },
    );
    await openRituals(user);
    expect(await screen.findByTestId('error-state')).toHaveTextContent('The rituals could not be loaded. Commonplace is restarting.');
    fail = false;
    await user.click(screen.getByTestId('retry-button'));
    expect(await screen.findByTestId('empty-state')).toBeInTheDocument();
  });
});
