import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BEN, CHLOE, makeCard, makeCommunity, makeContributors } from '../../test/builders';
import { renderApp, type RenderedApp } from '../../test/renderApp';
import type { FakeHost } from '../../test/fakeHost';

type User = ReturnType<typeof userEvent.setup>;

async function openContributors(user: User) {
  await screen.findByTestId('community-name');
  await user.click(screen.getByRole('tab', { name: /^Contributors/ }));
  return screen.findByTestId('contributors-view');
}

describe('ContributorsView', () => {
  it('thanks the people of this month, with what each gave and did recently', async () => {
    const user = userEvent.setup();
    const { api } = renderApp();
    await openContributors(user);
    expect(await screen.findByRole('heading', { name: 'Thank you to the 2 people who shared knowledge this month' })).toBeInTheDocument();
    expect(api.requestsTo('/api/communities/community-key-1/contributors')[0]?.query.get('period')).toBe('month');

    const people = screen.getAllByTestId('contributor');
    expect(people).toHaveLength(2);
    expect(within(people[0]!).getByRole('heading', { name: 'Ben Okafor' })).toBeInTheDocument();
    expect(people[0]).toHaveTextContent('Saved 1 card · wrote 2 saved messages');
    expect(within(people[0]!).getByRole('button', { name: 'Rotate the staging certificates' })).toBeInTheDocument();
    expect(people[1]).toHaveTextContent('Saved 2 cards · curated 1 card');
  });

  it('switches period and asks for it', async () => {
    const user = userEvent.setup();
    const { api } = renderApp({
      state: {
        contributors: (period) =>
          period === 'all'
            ? makeContributors({ period, totals: { cards: 40, people: 12 } })
            : makeContributors({ period, totals: { cards: 3, people: 2 } }),
      },
    });
    await openContributors(user);
    await screen.findAllByTestId('contributor');

    await user.click(screen.getByRole('radio', { name: 'This quarter' }));
    await waitFor(() =>
      expect(api.requestsTo('/api/communities/community-key-1/contributors').at(-1)?.query.get('period')).toBe('quarter'),
    );
    expect(await screen.findByRole('heading', { name: /shared knowledge this quarter/ })).toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'All time' }));
    expect(await screen.findByRole('heading', { name: 'Thank you to the 12 people who shared knowledge so far' })).toBeInTheDocument();
  });

  it('teaches how people get thanked when nobody contributed yet', async () => {
    const user = userEvent.setup();
    renderApp({ state: { contributors: (period) => makeContributors({ period, totals: { cards: 0, people: 0 }, people: [] }) } });
    await openContributors(user);
    const empty = await screen.findByTestId('empty-state');
    expect(empty).toHaveTextContent('No contributions this month yet');
    expect(empty).toHaveTextContent('Save to community');
  });

  it('opens a recent contribution’s card', async () => {
    const user = userEvent.setup();
    renderApp({ state: { cards: [makeCard({ id: 'card-1', title: 'Rotate the staging certificates' })] } });
    await openContributors(user);
    await user.click(await screen.findByRole('button', { name: 'Rotate the staging certificates' }));
    expect(await screen.findByRole('dialog', { name: 'Rotate the staging certificates' })).toBeInTheDocument();
  });

  it('lets a manager make a contributor a manager, and not someone who already is', async () => {
    const user = userEvent.setup();
    const app: RenderedApp<FakeHost> = renderApp({ state: { community: makeCommunity({ role: 'manager', managers: [BEN] }) } });
    await openContributors(user);
    await screen.findAllByTestId('contributor');
    expect(screen.queryByRole('button', { name: 'Make manager: Ben Okafor' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Make manager: Chloé Martin' }));
    expect(await screen.findByTestId('contributors-notice')).toHaveTextContent('Chloé Martin is now a manager of this community.');
    expect(app.api.requestsTo('/api/communities/community-key-1/managers', 'POST')[0]?.body).toEqual({ person: CHLOE });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Make manager: Chloé Martin' })).not.toBeInTheDocument());
  });

  it('shows no "Make manager" to members', async () => {
    const user = userEvent.setup();
    renderApp({ state: { community: makeCommunity({ role: 'member' }) } });
    await openContributors(user);
    await screen.findAllByTestId('contributor');
    expect(screen.queryByTestId('make-manager-button')).not.toBeInTheDocument();
  });
});
