import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { daysAgo, listItemOf, makeCard } from '../../test/builders';
import { renderApp } from '../../test/renderApp';

const certificates = makeCard({ id: 'c-new', title: 'Rotate the staging certificates', createdAt: daysAgo(1), tags: ['certificates'] });
const queue = makeCard({
  id: 'c-mid',
  title: 'Choosing a queue',
  kind: 'decision',
  createdAt: daysAgo(5),
  tags: ['queues'],
  needsReview: true,
});
const oldCard = makeCard({ id: 'c-old', title: 'Postmortem template', kind: 'template', createdAt: daysAgo(40), tags: [] });
const archived = makeCard({ id: 'c-arch', title: 'Old VPN setup', archived: true });

async function listedTitles(): Promise<string[]> {
  const items = await screen.findAllByTestId('card-list-item');
  return items.map((item) => within(item).getByTestId('card-title').textContent ?? '');
}

describe('KnowledgeView', () => {
  it('shows skeletons, then the cards newest first with their badges, tags, authors and date', async () => {
    const { api, state } = renderApp({ state: { cards: [certificates, queue, oldCard] } });
    // The list answers once the skeleton has been seen, however fast the fake service is.
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    api.on('GET', '/api/communities/:key/cards', async () => {
      await answered;
      return { body: { cards: state.cards.map(listItemOf) } };
    });
    // The start's skeleton has a card list skeleton too: this is the knowledge view's own.
    expect(within(await screen.findByTestId('knowledge-view')).getByTestId('card-list-skeleton')).toBeInTheDocument();
    answer();
    expect(await listedTitles()).toEqual(['Rotate the staging certificates', 'Choosing a queue', 'Postmortem template']);
    expect(screen.queryByTestId('card-list-skeleton')).not.toBeInTheDocument();

    const [first, second] = screen.getAllByTestId('card-list-item');
    expect(within(first!).getByText('How-to / fix')).toBeInTheDocument();
    expect(within(first!).getByText('#certificates')).toBeInTheDocument();
    expect(within(first!).getByText(/By Ben Okafor · Saved by Ana Lima/)).toBeInTheDocument();
    expect(
      within(first!).getByText(new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' }).format(new Date(certificates.createdAt))),
    ).toBeInTheDocument();
    expect(within(second!).getByTestId('needs-review-badge')).toHaveTextContent('Needs review');
    expect(screen.getByTestId('result-summary')).toHaveTextContent('3 cards, newest first.');
  });

  it('teaches how to save the first card when the community has none', async () => {
    renderApp({ state: { cards: [] } });
    const empty = await screen.findByTestId('empty-state');
    expect(empty).toHaveTextContent('No cards yet — use Save to community on a helpful message');
    expect(empty).toHaveTextContent('Apps');
  });

  it('says the cards are archived, not that there are none, and shows them', async () => {
    const user = userEvent.setup();
    renderApp({ state: { cards: [archived] } });
    const empty = await screen.findByTestId('empty-state');
    expect(empty).toHaveTextContent('No active cards — every card here is archived');
    expect(empty).not.toHaveTextContent('No cards yet');
    expect(screen.getByTestId('result-summary')).toHaveTextContent('No active cards; every card is archived.');
    await user.click(within(empty).getByRole('button', { name: 'Show archived cards' }));
    expect(await listedTitles()).toEqual(['Old VPN setup']);
    expect(screen.getByRole('combobox', { name: 'Status' })).toHaveValue('archived');
  });

  it('says when only archived cards match a search, with the way to them', async () => {
    const user = userEvent.setup();
    renderApp({ state: { cards: [certificates, archived] } });
    await listedTitles();
    await user.type(screen.getByRole('searchbox', { name: 'Search knowledge' }), 'vpn');
    const empty = await screen.findByTestId('empty-state');
    expect(empty).toHaveTextContent('Only archived cards match');
    await user.click(within(empty).getByRole('button', { name: 'Show archived cards' }));
    expect(await listedTitles()).toEqual(['Old VPN setup']);
    expect(screen.getByRole('searchbox', { name: 'Search knowledge' })).toHaveValue('vpn');
  });

  it('searches as people type (debounced) and says when nothing matches', async () => {
    const user = userEvent.setup();
    const { api } = renderApp({ state: { cards: [certificates, queue] } });
    await listedTitles();
    await user.type(screen.getByRole('searchbox', { name: 'Search knowledge' }), 'queue');
    await waitFor(() => expect(api.requestsTo('/api/communities/community-key-1/cards').at(-1)?.query.get('q')).toBe('queue'));
    // One request for the settled text, not one per key.
    expect(api.requestsTo('/api/communities/community-key-1/cards').filter((r) => r.query.get('q')).length).toBe(1);
    expect(await listedTitles()).toEqual(['Choosing a queue']);
    expect(screen.getByTestId('result-summary')).toHaveTextContent('1 card matches “queue”.');

    await user.clear(screen.getByRole('searchbox', { name: 'Search knowledge' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search knowledge' }), 'kubernetes');
    expect(await screen.findByRole('heading', { name: 'No cards match “kubernetes”' })).toBeInTheDocument();
    expect(screen.getByTestId('result-summary')).toHaveTextContent('No cards match “kubernetes”.');
  });

  it('marks the words a search matched, and shows the conversation when only it matched', async () => {
    const user = userEvent.setup();
    const inReply = makeCard({
      id: 'c-reply',
      title: 'Slow builds',
      summary: 'Cache the layers.',
      excerpt: 'The registry mirror was down.',
    });
    renderApp({ state: { cards: [queue, inReply] } });
    await listedTitles();
    await user.type(screen.getByRole('searchbox', { name: 'Search knowledge' }), 'queue');
    await waitFor(async () => expect(await listedTitles()).toEqual(['Choosing a queue']));
    const [item] = screen.getAllByTestId('card-list-item');
    expect(
      within(item!)
        .getAllByTestId('match')
        .map((m) => m.textContent),
    ).toEqual(['queue']);

    await user.clear(screen.getByRole('searchbox', { name: 'Search knowledge' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search knowledge' }), 'registry');
    await waitFor(async () => expect(await listedTitles()).toEqual(['Slow builds']));
    const [found] = screen.getAllByTestId('card-list-item');
    expect(within(found!).getByText(/mirror was down/)).toBeInTheDocument();
    expect(
      within(found!)
        .getAllByTestId('match')
        .map((m) => m.textContent),
    ).toEqual(['registry']);
  });

  it('sends the tag, kind and status filters', async () => {
    const user = userEvent.setup();
    const { api } = renderApp({ state: { cards: [certificates, queue, oldCard, archived] } });
    await listedTitles();
    const lastQuery = () => api.requestsTo('/api/communities/community-key-1/cards').at(-1)?.query;

    await user.selectOptions(screen.getByRole('combobox', { name: 'Tag' }), 'queues');
    await waitFor(() => expect(lastQuery()?.get('tag')).toBe('queues'));
    expect(await listedTitles()).toEqual(['Choosing a queue']);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Tag' }), '');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Kind' }), 'template');
    await waitFor(() => expect(lastQuery()?.get('kind')).toBe('template'));
    expect(lastQuery()?.get('tag')).toBeNull();
    expect(await listedTitles()).toEqual(['Postmortem template']);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Kind' }), '');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'archived');
    await waitFor(() => expect(lastQuery()?.get('status')).toBe('archived'));
    expect(await listedTitles()).toEqual(['Old VPN setup']);
    expect(screen.getByTestId('archived-badge')).toHaveTextContent('Archived');
  });

  it('says so when nothing needs review', async () => {
    const user = userEvent.setup();
    renderApp({ state: { cards: [certificates] } });
    await listedTitles();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'needs-review');
    expect(await screen.findByRole('heading', { name: 'Nothing needs review — every card is up to date' })).toBeInTheDocument();
  });

  it('explains a failure and retries', async () => {
    const user = userEvent.setup();
    const { api, state } = renderApp({ state: { cards: [certificates] } });
    let failing = true;
    api.on('GET', '/api/communities/:key/cards', () =>
      failing
        ? { problem: { title: 'Service unavailable', status: 503, detail: 'Storage is not answering.' } }
        : { body: { cards: state.cards.map(listItemOf) } },
    );
    const error = await screen.findByTestId('error-state');
    expect(error).toHaveTextContent('The cards could not be loaded.');
    expect(error).toHaveTextContent('Storage is not answering.');

    failing = false;
    await user.click(within(error).getByRole('button', { name: 'Retry' }));
    expect(await listedTitles()).toEqual(['Rotate the staging certificates']);
  });

  it('loads more with the next cursor', async () => {
    const user = userEvent.setup();
    const cards = Array.from({ length: 5 }, (_, i) => makeCard({ id: `c${i}`, title: `Card ${i}`, createdAt: daysAgo(i) }));
    const { api } = renderApp({ state: { cards, pageSize: 3 } });
    expect(await listedTitles()).toEqual(['Card 0', 'Card 1', 'Card 2']);
    expect(screen.getByTestId('result-summary')).toHaveTextContent('3+ cards');

    await user.click(screen.getByTestId('cards-load-more'));
    await waitFor(() => expect(screen.getAllByTestId('card-list-item')).toHaveLength(5));
    const [first, more] = api.requestsTo('/api/communities/community-key-1/cards').slice(-2);
    // The cursor goes back exactly as the service handed it out, with the same listing.
    expect(more?.query.get('cursor')).toEqual(expect.stringMatching(/^fake-/));
    expect(more?.query.get('status')).toBe(first?.query.get('status'));
    expect(screen.queryByTestId('cards-load-more')).not.toBeInTheDocument();
  });
});
