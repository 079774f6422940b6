import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CARD_LIMITS } from '../../api/contract';
import { ANA, BEN, CHLOE, daysAgo, makeCard, makeCommunity } from '../../test/builders';
import { renderApp } from '../../test/renderApp';

type User = ReturnType<typeof userEvent.setup>;

async function openCard(user: User, title: string) {
  // A search marks the matched words, so the title's text can be split across elements.
  const item = (await screen.findAllByTestId('card-list-item')).find((i) => within(i).getByTestId('card-title').textContent === title);
  if (!item) throw new Error(`No card titled ${title}`);
  await user.click(within(item).getByTestId('card-title'));
  return screen.findByRole('dialog', { name: title });
}

describe('CardDetailPanel', () => {
  it('renders harvested HTML sanitized again: no images, scripts or javascript: links', async () => {
    const user = userEvent.setup();
    const hostile = makeCard({
      title: 'Hostile',
      messages: [
        {
          messageId: 'm1',
          author: BEN,
          sentAt: daysAgo(2),
          html:
            '<p>Safe <strong>bold</strong> and <a href="https://learn.microsoft.com/">docs</a></p>' +
            '<img src=x onerror=alert(1)><script>alert(2)</script>' +
            '<a href="javascript:alert(3)">click me</a><p onclick="alert(4)" style="color:red">styled</p>',
        },
      ],
    });
    renderApp({ state: { cards: [hostile] } });
    const dialog = await openCard(user, 'Hostile');
    const message = await within(dialog).findByTestId('card-message');

    expect(within(message).getByText('bold').tagName).toBe('STRONG');
    const safeLink = within(message).getByRole('link', { name: 'docs' });
    expect(safeLink).toHaveAttribute('href', 'https://learn.microsoft.com/');
    expect(safeLink).toHaveAttribute('target', '_blank');
    expect(safeLink).toHaveAttribute('rel', 'noopener noreferrer');

    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('script')).toBeNull();
    expect(document.body.innerHTML).not.toMatch(/javascript:/i);
    expect(document.body.innerHTML).not.toMatch(/onerror|onclick|alert\(/i);
    expect(within(message).getByText('click me')).not.toHaveAttribute('href');
    expect(within(message).getByText('styled')).not.toHaveAttribute('style');
  });

  it('shows authors, harvester, owner, dates, verification and history', async () => {
    const user = userEvent.setup();
    const card = makeCard({
      title: 'Verified card',
      history: [
        { at: daysAgo(1), by: BEN, action: 'edited', fields: ['title', 'tags'] },
        { at: daysAgo(3), by: ANA, action: 'created' },
      ],
    });
    renderApp({ state: { cards: [card] } });
    const dialog = await openCard(user, 'Verified card');
    const date = (iso: string) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' }).format(new Date(iso));

    expect(within(dialog).getByTestId('card-verification')).toHaveTextContent(`Verified by Ana Lima on ${date(card.verifiedAt)}`);
    const facts = within(dialog).getByTestId('card-facts');
    expect(facts).toHaveTextContent('Credited authorsBen Okafor');
    expect(facts).toHaveTextContent('Saved byAna Lima');
    expect(facts).toHaveTextContent('OwnerAna Lima');
    expect(within(dialog).getByTestId('card-message')).toHaveTextContent('Ben Okafor');
    const history = within(dialog).getByTestId('card-history');
    expect(history).toHaveTextContent('Ben Okafor edited the title, the tags');
    expect(history).toHaveTextContent('Ana Lima saved this card');
    expect(within(dialog).getByTestId('open-conversation')).toHaveAttribute('href', card.sourceLink);
  });

  it('renders no conversation link that is not https', async () => {
    const user = userEvent.setup();
    const card = makeCard({ title: 'Plain http', sourceLink: 'http://teams.microsoft.com/l/message/19:abc/123' });
    renderApp({ state: { cards: [card] } });
    const dialog = await openCard(user, 'Plain http');
    expect(within(dialog).queryByTestId('open-conversation')).toBeNull();
  });

  it('opens the conversation through Teams when inside Teams', async () => {
    const user = userEvent.setup();
    const card = makeCard({ title: 'Linked' });
    const { host } = renderApp({ state: { cards: [card] } });
    const dialog = await openCard(user, 'Linked');
    await user.click(within(dialog).getByTestId('open-conversation'));
    expect(host.openedLinks).toEqual([card.sourceLink]);
  });

  it('confirms a card needing review with one click, sending its version', async () => {
    const user = userEvent.setup();
    const card = makeCard({ title: 'Due card', needsReview: true, reviewDueAt: daysAgo(10), version: 'v7' });
    const { api } = renderApp({ state: { cards: [card] } });
    const dialog = await openCard(user, 'Due card');
    expect(within(dialog).getByTestId('card-verification')).toHaveTextContent('Needs review since');

    await user.click(within(dialog).getByRole('button', { name: 'Confirm it’s still right' }));
    await waitFor(() => expect(within(dialog).getByTestId('card-notice')).toHaveTextContent('marked as verified'));
    const [verify] = api.requestsTo('/api/communities/community-key-1/cards/card-1/verify', 'POST');
    expect(verify?.body).toEqual({ version: 'v7' });
    expect(within(dialog).getByTestId('card-verification')).toHaveTextContent('Verified by Ana Lima');
  });

  it('archives and restores with the current version each time', async () => {
    const user = userEvent.setup();
    const { api } = renderApp({ state: { cards: [makeCard({ title: 'Keep or archive', version: 'v1' })] } });
    const dialog = await openCard(user, 'Keep or archive');

    await user.click(within(dialog).getByTestId('card-archive-button'));
    await within(dialog).findByTestId('card-restore-button');
    expect(api.requestsTo('/api/communities/community-key-1/cards/card-1/archive', 'POST')[0]?.body).toEqual({ version: 'v1' });
    expect(within(dialog).getByTestId('archived-badge')).toBeInTheDocument();
    // Archived cards leave the Active list behind the panel.
    expect(screen.queryByTestId('card-list-item')).not.toBeInTheDocument();

    await user.click(within(dialog).getByTestId('card-restore-button'));
    await within(dialog).findByTestId('card-archive-button');
    expect(api.requestsTo('/api/communities/community-key-1/cards/card-1/restore', 'POST')[0]?.body).toEqual({ version: 'v2' });
    expect(screen.getAllByTestId('card-list-item')).toHaveLength(1);
  });

  it('on a conflict, loads the latest version and says someone else changed it', async () => {
    const user = userEvent.setup();
    const { state } = renderApp({ state: { cards: [makeCard({ title: 'Contested', version: 'v1' })] } });
    const dialog = await openCard(user, 'Contested');
    // Someone else renames the card while it is open.
    state.cards = [makeCard({ title: 'Contested (renamed elsewhere)', version: 'v9' })];

    await user.click(within(dialog).getByTestId('card-archive-button'));
    expect(await within(dialog).findByTestId('card-notice')).toHaveTextContent(
      'Someone else changed this card; here is the latest version.',
    );
    expect(screen.getByRole('dialog', { name: 'Contested (renamed elsewhere)' })).toBeInTheDocument();
    // The list behind shows the latest title too.
    expect(screen.getAllByTestId('card-title').map((t) => t.textContent)).toContain('Contested (renamed elsewhere)');
  });

  it('hides curation when the person may not curate or verify', async () => {
    const user = userEvent.setup();
    renderApp({ state: { cards: [makeCard({ title: 'Read only', can: { curate: false, verify: false, reassign: false } })] } });
    const dialog = await openCard(user, 'Read only');
    expect(within(dialog).queryByTestId('card-edit-button')).not.toBeInTheDocument();
    expect(within(dialog).queryByTestId('card-archive-button')).not.toBeInTheDocument();
    expect(within(dialog).queryByTestId('card-verify-button')).not.toBeInTheDocument();
    expect(within(dialog).getByTestId('open-conversation')).toBeInTheDocument();
  });

  it('lets a manager hand the card to another person, chosen among the people the tab knows, and shows it in the history', async () => {
    const user = userEvent.setup();
    const { api } = renderApp({ state: { cards: [makeCard({ title: 'Orphaned', version: 'v4' })] } });
    const dialog = await openCard(user, 'Orphaned');
    expect(within(dialog).getByTestId('card-owner')).toHaveTextContent('Ana Lima');

    await user.click(within(dialog).getByTestId('card-owner-change'));
    const form = within(dialog).getByTestId('card-owner-form');
    expect(within(form).getByTestId('card-owner-save')).toBeDisabled();
    await user.click(within(form).getByTestId('card-owner-picker'));
    const list = await screen.findByRole('listbox');
    // You, the managers, the contributors and the people the card credits, each once.
    await waitFor(() =>
      expect(
        within(list)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['Ana Lima (you)', 'Ben Okafor', 'Chloé Martin']),
    );
    await user.click(within(list).getByRole('option', { name: CHLOE.name }));
    await user.click(within(form).getByTestId('card-owner-save'));

    expect(await within(dialog).findByTestId('card-notice')).toHaveTextContent(
      'Chloé Martin now owns this card and will be the one asked to review it.',
    );
    const [put] = api.requestsTo('/api/communities/community-key-1/cards/card-1/owner', 'PUT');
    expect(put?.body).toEqual({ version: 'v4', owner: CHLOE });
    expect(within(dialog).getByTestId('card-owner')).toHaveTextContent('Chloé Martin');
    expect(within(dialog).queryByTestId('card-owner-form')).not.toBeInTheDocument();
    expect(within(dialog).getByTestId('card-history')).toHaveTextContent('Ana Lima made Chloé Martin the owner');
  });

  it('offers no owner change to someone who is not a manager', async () => {
    const user = userEvent.setup();
    renderApp({
      state: {
        community: makeCommunity({ role: 'member' }),
        cards: [makeCard({ title: 'Mine to curate', can: { curate: true, verify: true, reassign: false } })],
      },
    });
    const dialog = await openCard(user, 'Mine to curate');
    expect(within(dialog).getByTestId('card-owner')).toHaveTextContent('Ana Lima');
    expect(within(dialog).queryByTestId('card-owner-change')).not.toBeInTheDocument();
    expect(within(dialog).getByTestId('card-edit-button')).toBeInTheDocument();
  });

  it('validates the edit form as people type, with the contract’s messages', async () => {
    const user = userEvent.setup();
    renderApp({ state: { cards: [makeCard({ title: 'Short title' })] } });
    const dialog = await openCard(user, 'Short title');
    await user.click(within(dialog).getByTestId('card-edit-button'));
    const title = within(dialog).getByRole('textbox', { name: /Title/ });
    expect(title).toHaveFocus();

    await user.clear(title);
    expect(await within(dialog).findByText('Give the card a title.')).toBeInTheDocument();
    await user.click(title);
    await user.paste('x'.repeat(CARD_LIMITS.titleMaxLength + 1));
    expect(await within(dialog).findByText(`Keep the title to ${CARD_LIMITS.titleMaxLength} characters.`)).toBeInTheDocument();
    expect(title).toHaveAttribute('aria-invalid', 'true');

    const days = within(dialog).getByRole('spinbutton', { name: /Review every/ });
    await user.clear(days);
    await user.type(days, '3');
    expect(await within(dialog).findByText('Review at most every 7 days.')).toBeInTheDocument();
  });

  it('saves only the changed fields with the version, including a new tag', async () => {
    const user = userEvent.setup();
    const { api } = renderApp({ state: { cards: [makeCard({ title: 'Old title', version: 'v3', tags: ['staging'] })] } });
    const dialog = await openCard(user, 'Old title');
    await user.click(within(dialog).getByTestId('card-edit-button'));

    const title = within(dialog).getByRole('textbox', { name: /Title/ });
    await user.clear(title);
    await user.paste('New title');
    // Pasted rather than typed: each key re-positions the suggestion list, which is slow in jsdom.
    await user.click(within(dialog).getByTestId('tag-input'));
    await user.paste('On Call');
    await user.keyboard(',');
    expect(within(dialog).getByText('on-call')).toBeInTheDocument();
    await user.click(within(dialog).getByTestId('card-save-button'));

    expect(await screen.findByRole('dialog', { name: 'New title' })).toBeInTheDocument();
    const [patch] = api.requestsTo('/api/communities/community-key-1/cards/card-1', 'PATCH');
    expect(patch?.body).toEqual({ version: 'v3', title: 'New title', tags: ['staging', 'on-call'] });
    expect(within(screen.getByRole('dialog')).getByTestId('card-notice')).toHaveTextContent('Your changes are saved.');
  });

  it('shows the service’s field messages from a 400 and stays in the form', async () => {
    const user = userEvent.setup();
    const { api } = renderApp({ state: { cards: [makeCard({ title: 'Needs a fix' })] } });
    api.on('PATCH', '/api/communities/:key/cards/:id', () => ({
      problem: { title: 'Check the card', status: 400, errors: [{ field: 'tags', message: 'The tag “x!” can only use letters.' }] },
    }));
    const dialog = await openCard(user, 'Needs a fix');
    await user.click(within(dialog).getByTestId('card-edit-button'));
    await user.click(within(dialog).getByRole('textbox', { name: /Title/ }));
    await user.paste(' again');
    await user.click(within(dialog).getByTestId('card-save-button'));
    expect(await within(dialog).findByText('The tag “x!” can only use letters.')).toBeInTheDocument();
    expect(within(dialog).getByTestId('card-edit-form')).toBeInTheDocument();
  });

  it('on a 409 for an edit of a stale card, warns, shows the latest version and leaves the form', async () => {
    const user = userEvent.setup();
    const { state, api } = renderApp({ state: { cards: [makeCard({ title: 'Stale', version: 'v1' })] } });
    const dialog = await openCard(user, 'Stale');
    await user.click(within(dialog).getByTestId('card-edit-button'));
    // Someone else renames the card while this person edits it.
    state.cards = [makeCard({ title: 'Renamed elsewhere', version: 'v5' })];
    const title = within(dialog).getByRole('textbox', { name: /Title/ });
    await user.clear(title);
    await user.paste('My title');
    await user.click(within(dialog).getByTestId('card-save-button'));

    expect(await within(dialog).findByTestId('card-notice')).toHaveTextContent(
      'Someone else changed this card; here is the latest version.',
    );
    expect(api.requestsTo('/api/communities/community-key-1/cards/card-1', 'PATCH')[0]?.body).toMatchObject({ version: 'v1' });
    expect(screen.getByRole('dialog', { name: 'Renamed elsewhere' })).toBeInTheDocument();
    expect(within(dialog).queryByTestId('card-edit-form')).not.toBeInTheDocument();
    expect(screen.getAllByTestId('card-title').map((t) => t.textContent)).toContain('Renamed elsewhere');
  });

  it('after an edit, the list behind and the tag filter agree with the card', async () => {
    const user = userEvent.setup();
    const { api, state } = renderApp({ state: { cards: [makeCard({ title: 'Before', version: 'v1', tags: ['staging'] })] } });
    // As the service does, the tags in use are those of the community's cards.
    api.on('GET', '/api/communities/:key/tags', () => ({ body: { tags: [...new Set(state.cards.flatMap((c) => c.tags))] } }));
    const dialog = await openCard(user, 'Before');
    await user.click(within(dialog).getByTestId('card-edit-button'));
    const title = within(dialog).getByRole('textbox', { name: /Title/ });
    await user.clear(title);
    await user.paste('After');
    await user.click(within(dialog).getByTestId('tag-input'));
    await user.paste('rotation');
    await user.keyboard(',');
    await user.click(within(dialog).getByTestId('card-save-button'));

    expect(await within(dialog).findByTestId('card-notice')).toHaveTextContent('Your changes are saved.');
    // By the time the panel says so, the list behind shows the card as saved.
    const item = screen.getByTestId('card-list-item');
    expect(within(item).getByTestId('card-title')).toHaveTextContent('After');
    expect(within(item).getByText('#rotation')).toBeInTheDocument();
    expect(
      within(screen.getByRole('combobox', { name: 'Tag', hidden: true })).getByRole('option', { name: 'rotation', hidden: true }),
    ).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const again = await openCard(user, 'After');
    expect(within(again).getByText('#rotation')).toBeInTheDocument();
  });

  it('after an edit, a search list the card no longer matches drops it, as the service says', async () => {
    const user = userEvent.setup();
    const rotate = makeCard({ id: 'c-rotate', title: 'Rotate certificates', summary: 'Every quarter.', tags: [], createdAt: daysAgo(1) });
    const other = makeCard({
      id: 'c-other',
      title: 'Certificates inventory',
      summary: 'Where they live.',
      tags: [],
      createdAt: daysAgo(2),
    });
    renderApp({ state: { cards: [rotate, other] } });
    await user.type(await screen.findByRole('searchbox', { name: 'Search knowledge' }), 'certificates');
    await waitFor(() => expect(screen.getByTestId('result-summary')).toHaveTextContent('2 cards match “certificates”.'));
    const dialog = await openCard(user, 'Rotate certificates');
    await user.click(within(dialog).getByTestId('card-edit-button'));
    const title = within(dialog).getByRole('textbox', { name: /Title/ });
    await user.clear(title);
    await user.paste('Rotate the signing keys');
    await user.click(within(dialog).getByTestId('card-save-button'));

    expect(await within(dialog).findByTestId('card-notice')).toHaveTextContent('Your changes are saved.');
    expect(screen.getAllByTestId('card-title').map((t) => t.textContent)).toEqual(['Certificates inventory']);
    expect(screen.getByTestId('result-summary')).toHaveTextContent('1 card matches “certificates”.');
  });

  it('explains a card that could not be loaded and loads it on Retry', async () => {
    const user = userEvent.setup();
    const card = makeCard({ title: 'Flaky' });
    const { api } = renderApp({ state: { cards: [card] } });
    let failing = true;
    api.on('GET', '/api/communities/:key/cards/:id', () =>
      failing ? { problem: { title: 'Service unavailable', status: 503, detail: 'Storage is not answering.' } } : { body: card },
    );
    const item = (await screen.findAllByTestId('card-list-item'))[0]!;
    await user.click(within(item).getByTestId('card-title'));
    const dialog = await screen.findByRole('dialog', { name: 'Card not available' });
    const error = await within(dialog).findByTestId('error-state');
    expect(error).toHaveTextContent('This card could not be loaded.');
    expect(error).toHaveTextContent('Storage is not answering.');

    failing = false;
    await user.click(within(error).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('dialog', { name: 'Flaky' })).toBeInTheDocument();
    expect(within(screen.getByRole('dialog')).queryByTestId('error-state')).not.toBeInTheDocument();
  });

  it('closes with Escape and the Close button', async () => {
    const user = userEvent.setup();
    renderApp({ state: { cards: [makeCard({ title: 'Closable' })] } });
    const first = await openCard(user, 'Closable');
    expect(within(first).getByRole('button', { name: 'Close' })).toHaveFocus();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    // Focus goes back to the card that opened the panel.
    await waitFor(() => expect(screen.getByTestId('card-title')).toHaveFocus());

    const dialog = await openCard(user, 'Closable');
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });
});
