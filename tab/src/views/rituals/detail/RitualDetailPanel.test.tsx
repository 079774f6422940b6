import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BEN, CHLOE, makeCommunity } from '../../../test/builders';
import { fakeHost } from '../../../test/fakeHost';
import type { FakeCommunityState } from '../../../test/fakeApi';
import { freezeDate, makeItem, makeOccurrence, makeRitual, VIEWER_ZONE } from '../../../test/ritualBuilders';
import { renderApp } from '../../../test/renderApp';

type User = ReturnType<typeof userEvent.setup>;

const ama = makeRitual();
const NEXT = ama.upcoming[0]!.id;

function renderRituals(state: Partial<FakeCommunityState>) {
  return renderApp({ state, host: fakeHost({ timeZone: VIEWER_ZONE }) });
}

async function openRitual(user: User, title: string) {
  await screen.findByTestId('community-name');
  await user.click(screen.getByTestId('view-rituals'));
  const item = (await screen.findAllByTestId('ritual-list-item')).find((i) => within(i).queryByRole('button', { name: title }));
  if (!item) throw new Error(`No ritual titled ${title}`);
  await user.click(within(item).getByRole('button', { name: title }));
  const panel = await screen.findByRole('dialog', { name: title });
  await within(panel).findByTestId('ritual-facts');
  return panel;
}

describe('RitualDetailPanel', () => {
  beforeEach(() => freezeDate());
  afterEach(() => jest.useRealTimers());

  it('shows what the ritual is: kind, hosts, expert, repeat, length, reminders and an https meeting link', async () => {
    const user = userEvent.setup();
    const { host } = renderRituals({ rituals: [makeRitual({ hosts: [BEN, CHLOE] })] });
    const panel = await openRitual(user, ama.title);
    const facts = within(panel).getByTestId('ritual-facts');
    expect(facts).toHaveTextContent('KindAsk Me Anything');
    expect(facts).toHaveTextContent('HostsBen Okafor, Chloé Martin');
    expect(facts).toHaveTextContent('RepeatsEvery 2nd Tuesday of the month, 17:00 London time');
    expect(facts).toHaveTextContent('Length1 hour');
    expect(facts).toHaveTextContent('Reminders1 day and 1 hour before');
    expect(panel).toHaveTextContent(ama.description);
    const link = within(panel).getByRole('link', { name: 'Join the meeting' });
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    await user.click(link);
    expect(host.openedLinks).toEqual([ama.meetingUrl]);
    const dates = within(panel).getAllByTestId('ritual-occurrence');
    expect(dates[0]).toHaveTextContent('Tue 10 Mar, 18:00 (17:00 in London)Next up');
    expect(dates[1]).toHaveTextContent('Tue 14 Apr, 18:00 (17:00 in London)');
  });

  it('offers no link that is not https', async () => {
    const user = userEvent.setup();
    renderRituals({ rituals: [makeRitual({ meetingUrl: 'javascript:alert(1)' })] });
    const panel = await openRitual(user, ama.title);
    expect(within(panel).queryByTestId('ritual-meeting-link')).not.toBeInTheDocument();
  });

  it('lets a member ask a question and upvote one, most votes first, and remove only their own', async () => {
    const user = userEvent.setup();
    const items = [
      makeItem(NEXT, { id: 'q-ben', author: BEN, text: 'How do we size the queues?', votes: 2, can: { delete: false } }),
      makeItem(NEXT, {
        id: 'q-chloe',
        author: CHLOE,
        text: 'Can we drop the VPN for staging?',
        votes: 1,
        createdAt: '2026-03-09T11:00:00.000Z',
      }),
    ];
    const { api } = renderRituals({ rituals: [makeRitual({ items })], community: makeCommunity({ role: 'member' }) });
    const panel = await openRitual(user, ama.title);
    const section = within(panel).getByTestId('ritual-items');
    expect(within(section).getByRole('heading', { name: 'Questions for Tue 10 Mar' })).toBeInTheDocument();
    const texts = () =>
      within(section)
        .getAllByTestId('ritual-item')
        .map((i) => within(i).getByText(/\?$/).textContent);
    expect(texts()).toEqual(['How do we size the queues?', 'Can we drop the VPN for staging?']);
    expect(within(section).queryByRole('button', { name: /^Remove/ })).not.toBeInTheDocument();

    await user.type(within(section).getByTestId('item-input'), 'What is the plan for   the next outage drill?');
    await user.click(within(section).getByTestId('item-add-button'));
    await waitFor(() => expect(within(section).getAllByTestId('ritual-item')).toHaveLength(3));
    expect(api.requestsTo(`/api/communities/community-key-1/rituals/ritual-ama/occurrences/${NEXT}/items`, 'POST')[0]?.body).toEqual({
      text: 'What is the plan for the next outage drill?',
    });
    expect(within(section).getByTestId('item-input')).toHaveValue('');
    expect(within(section).getByTestId('ritual-items-live')).toHaveTextContent('Question added.');
    // Their own question can be removed by them.
    expect(
      within(section).getByRole('button', { name: 'Remove question: What is the plan for the next outage drill?' }),
    ).toBeInTheDocument();

    const vote = within(section).getByRole('button', { name: '1 vote. Upvote “Can we drop the VPN for staging?”' });
    expect(vote).toHaveAttribute('aria-pressed', 'false');
    await user.click(vote);
    const voted = await within(section).findByRole('button', { name: '2 votes. Upvote “Can we drop the VPN for staging?”' });
    expect(voted).toHaveAttribute('aria-pressed', 'true');
    expect(api.requestsTo(`/api/communities/community-key-1/rituals/ritual-ama/occurrences/${NEXT}/items/q-chloe/vote`)[0]?.body).toEqual({
      up: true,
    });
    // Ties keep the older question first.
    expect(texts()).toEqual([
      'How do we size the queues?',
      'Can we drop the VPN for staging?',
      'What is the plan for the next outage drill?',
    ]);
    expect(within(section).getByTestId('ritual-items-live')).toHaveTextContent('Upvoted. 2 votes.');

    await user.click(voted);
    expect(await within(section).findByRole('button', { name: '1 vote. Upvote “Can we drop the VPN for staging?”' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );

    await user.click(within(section).getByRole('button', { name: 'Remove question: What is the plan for the next outage drill?' }));
    await waitFor(() => expect(within(section).getAllByTestId('ritual-item')).toHaveLength(2));
    expect(within(section).getByTestId('ritual-items-live')).toHaveTextContent('Question removed.');
  });

  it('pauses and resumes, saying so', async () => {
    const user = userEvent.setup();
    const { api } = renderRituals({ rituals: [ama] });
    const panel = await openRitual(user, ama.title);

    await user.click(within(panel).getByTestId('ritual-pause-button'));
    expect(await within(panel).findByTestId('ritual-notice')).toHaveTextContent(
      'Ritual paused. Its dates are hidden and no reminders are posted until you resume it.',
    );
    expect(api.requestsTo('/api/communities/community-key-1/rituals/ritual-ama/pause')[0]?.body).toEqual({
      version: 'W/"v1"',
      paused: true,
    });
    expect(within(panel).getByTestId('ritual-pause-button')).toHaveTextContent('Resume');
    expect(within(panel).getByText('No dates while it is paused.')).toBeInTheDocument();
    // The list behind agrees with the panel as soon as the panel says so.
    const listed = () => screen.getAllByTestId('ritual-list-item')[0]!;
    expect(within(listed()).getByText('Paused')).toBeInTheDocument();

    await user.click(within(panel).getByTestId('ritual-pause-button'));
    expect(
      await within(panel).findByText('Ritual resumed. Its next dates are back, and reminders will be posted again.'),
    ).toBeInTheDocument();
    // Each change names the version it saw.
    expect(api.requestsTo('/api/communities/community-key-1/rituals/ritual-ama/pause')[1]?.body).toEqual({
      version: 'W/"v2"',
      paused: false,
    });
    expect(within(panel).getByTestId('ritual-pause-button')).toHaveTextContent('Pause');
    expect(within(panel).getAllByTestId('ritual-occurrence')).toHaveLength(2);
    expect(within(listed()).queryByText('Paused')).not.toBeInTheDocument();
  });

  it('reloads and tells the manager when someone else changed the ritual meanwhile', async () => {
    const user = userEvent.setup();
    const { state } = renderRituals({ rituals: [ama] });
    const panel = await openRitual(user, ama.title);
    state.rituals = [{ ...ama, title: 'Ask the SRE team anything', version: 'W/"v7"' }];
    await user.click(within(panel).getByTestId('ritual-pause-button'));
    expect(await within(panel).findByTestId('ritual-notice')).toHaveTextContent(
      'Someone else changed this ritual while you were looking at it.',
    );
    expect(await screen.findByRole('dialog', { name: 'Ask the SRE team anything' })).toBeInTheDocument();
    expect(within(panel).getByTestId('ritual-pause-button')).toHaveTextContent('Pause');
  });

  it('deletes only after confirmation', async () => {
    const user = userEvent.setup();
    const { api } = renderRituals({ rituals: [ama] });
    const panel = await openRitual(user, ama.title);

    await user.click(within(panel).getByTestId('ritual-delete-button'));
    const confirm = await screen.findByRole('alertdialog', { name: `Delete “${ama.title}”?` });
    expect(confirm).toHaveTextContent('This cannot be undone.');
    await user.click(within(confirm).getByRole('button', { name: 'Keep it' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(api.requestsTo('/api/communities/community-key-1/rituals/ritual-ama', 'DELETE')).toHaveLength(0);

    await user.click(within(panel).getByTestId('ritual-delete-button'));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete ritual' }));
    await waitFor(() => expect(screen.queryByTestId('ritual-view')).not.toBeInTheDocument());
    expect(api.requestsTo('/api/communities/community-key-1/rituals/ritual-ama', 'DELETE')[0]?.query.get('version')).toBe('W/"v1"');
    expect(screen.getByTestId('rituals-notice')).toHaveTextContent(`“${ama.title}” is deleted.`);
    expect(await screen.findByTestId('empty-state')).toBeInTheDocument();
  });

  it('skips a date with a reason members see, and puts it back', async () => {
    const user = userEvent.setup();
    const { api } = renderRituals({ rituals: [ama] });
    const panel = await openRitual(user, ama.title);

    await user.click(within(panel).getByRole('button', { name: 'Skip or move Tue 10 Mar, 18:00 (17:00 in London)' }));
    const dialog = await screen.findByTestId('occurrence-change-dialog');
    await user.click(within(dialog).getByTestId('occurrence-change-save'));
    expect(await within(dialog).findByText('Tell members why.')).toBeInTheDocument();
    expect(api.requestsTo('/api/communities/community-key-1/rituals/ritual-ama/occurrences')).toHaveLength(0);

    await user.type(within(dialog).getByTestId('occurrence-reason'), 'Dana is on leave that week.');
    await user.click(within(dialog).getByTestId('occurrence-change-save'));
    await waitFor(() => expect(screen.queryByTestId('occurrence-change-dialog')).not.toBeInTheDocument());
    expect(api.requestsTo(`/api/communities/community-key-1/rituals/ritual-ama/occurrences/${NEXT}/change`, 'POST')[0]?.body).toEqual({
      version: 'W/"v1"',
      kind: 'skipped',
      reason: 'Dana is on leave that week.',
    });
    expect(within(panel).getByTestId('ritual-notice')).toHaveTextContent('Tue 10 Mar is skipped. Members see your reason.');
    const [skipped, next] = within(panel).getAllByTestId('ritual-occurrence');
    expect(skipped).toHaveTextContent('Skipped this time: Dana is on leave that week.');
    expect(next).toHaveTextContent('Next up');

    await user.click(within(skipped!).getByTestId('occurrence-undo-button'));
    expect(await within(panel).findByText('Tue 10 Mar, 18:00 is back on as planned.')).toBeInTheDocument();
    expect(
      api.requestsTo(`/api/communities/community-key-1/rituals/ritual-ama/occurrences/${NEXT}/change`, 'DELETE')[0]?.query.get('version'),
    ).toBe('W/"v2"');
  });

  it('moves a date to a new time on the ritual’s clock', async () => {
    const user = userEvent.setup();
    const { api } = renderRituals({ rituals: [ama] });
    const panel = await openRitual(user, ama.title);
    await user.click(within(panel).getAllByTestId('occurrence-change-button')[0]!);
    const dialog = await screen.findByTestId('occurrence-change-dialog');
    await user.click(within(dialog).getByRole('radio', { name: 'Move it to another date or time' }));
    expect(within(dialog).getByTestId('occurrence-moved-date')).toHaveValue('2026-03-10');
    expect(within(dialog).getByTestId('occurrence-moved-time')).toHaveValue('17:00');
    await user.clear(within(dialog).getByTestId('occurrence-moved-date'));
    await user.type(within(dialog).getByTestId('occurrence-moved-date'), '2026-03-12');
    await user.type(within(dialog).getByTestId('occurrence-reason'), 'The room is booked on Tuesday.');
    await user.click(within(dialog).getByTestId('occurrence-change-save'));
    await waitFor(() => expect(screen.queryByTestId('occurrence-change-dialog')).not.toBeInTheDocument());
    expect(api.requestsTo(`/api/communities/community-key-1/rituals/ritual-ama/occurrences/${NEXT}/change`)[0]?.body).toEqual({
      version: 'W/"v1"',
      kind: 'moved',
      movedTo: '2026-03-12T17:00',
      reason: 'The room is booked on Tuesday.',
    });
    expect(within(panel).getByTestId('ritual-notice')).toHaveTextContent('Moved to Thu, 12 Mar 2026 at 17:00 London time.');
    const [moved] = within(panel).getAllByTestId('ritual-occurrence');
    expect(moved).toHaveTextContent('Thu 12 Mar, 18:00 (17:00 in London)');
    expect(moved).toHaveTextContent('Moved from Tue 10 Mar, 18:00: The room is booked on Tuesday.');
  });

  it('shows the slots of a show & tell and refuses sign-ups once they are taken', async () => {
    const user = userEvent.setup();
    const id = 'ritual-show';
    const upcoming = [makeOccurrence(id, '2026-04-02T15:00:00.000Z')];
    const occ = upcoming[0]!.id;
    const signups = [
      makeItem(occ, { id: 's1', kind: 'signup', author: BEN, text: 'Our new deployment dashboard' }),
      makeItem(occ, { id: 's2', kind: 'signup', author: CHLOE, text: 'What we learned from the queue migration' }),
    ];
    const show = makeRitual({
      id,
      kind: 'showAndTell',
      title: 'Quarterly show & tell',
      featuredExpert: undefined,
      slots: 2,
      upcoming,
      items: signups,
    });
    renderRituals({ rituals: [show] });
    const panel = await openRitual(user, 'Quarterly show & tell');
    const section = within(panel).getByTestId('ritual-items');
    expect(within(section).getByTestId('ritual-slots')).toHaveTextContent('2 of 2 slots taken');
    expect(within(section).getByTestId('ritual-slots-full')).toHaveTextContent('All 2 slots are taken for this date.');
    expect(within(section).queryByTestId('item-input')).not.toBeInTheDocument();
  });

  it('shows the service’s refusal when the last slot went meanwhile', async () => {
    const user = userEvent.setup();
    const id = 'ritual-show';
    const upcoming = [makeOccurrence(id, '2026-04-02T15:00:00.000Z')];
    const occ = upcoming[0]!.id;
    const show = makeRitual({
      id,
      kind: 'showAndTell',
      title: 'Quarterly show & tell',
      featuredExpert: undefined,
      slots: 2,
      upcoming,
      items: [makeItem(occ, { id: 's1', kind: 'signup', author: BEN, text: 'Our new deployment dashboard' })],
    });
    const { api, state } = renderRituals({ rituals: [show] });
    const panel = await openRitual(user, 'Quarterly show & tell');
    const section = within(panel).getByTestId('ritual-items');
    expect(within(section).getByTestId('ritual-slots')).toHaveTextContent('1 of 2 slots taken');

    // Chloé takes the last slot while Ana types.
    state.rituals = [
      { ...show, items: [...show.items, makeItem(occ, { id: 's2', kind: 'signup', author: CHLOE, text: 'Tracing in practice' })] },
    ];
    // As the service answers it: a 400 naming the text field.
    const full = 'Every slot is taken for this session. Ask the host, or sign up for the next one.';
    api.on('POST', '/api/communities/:key/rituals/:id/occurrences/:occ/items', () => ({
      problem: { title: 'Check the highlighted fields', status: 400, detail: full, errors: [{ field: 'text', message: full }] },
    }));
    await user.type(within(section).getByTestId('item-input'), 'A tour of our runbooks');
    await user.click(within(section).getByTestId('item-add-button'));
    expect(await within(section).findByRole('alert')).toHaveTextContent(full);
    expect(within(section).getByTestId('ritual-slots')).toHaveTextContent('2 of 2 slots taken');
    expect(within(section).getAllByTestId('ritual-item')).toHaveLength(2);
  });
});
