import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { browserHost } from '../host/browserHost';
import { startCardFromUrl, startCardId } from '../pages';
import { makeCard } from '../test/builders';
import { fakeHost } from '../test/fakeHost';
import { renderApp } from '../test/renderApp';

/* A card's link opens the tab on that card: in Teams through the context's subPageId, outside it through `?card=`. */

const PINNED = makeCard({ id: '0123456789abcdef0123456789abcdef', title: 'Pin the runner image' });
const OTHER = makeCard({ id: 'fedcba9876543210fedcba9876543210', title: 'Rotate the certificates' });

describe('the tab opened by a card’s link', () => {
  it('opens the card’s detail over the knowledge view, and closes to the list', async () => {
    const user = userEvent.setup();
    renderApp({ host: fakeHost({ startCardId: PINNED.id }), state: { cards: [OTHER, PINNED] } });
    const dialog = await screen.findByRole('dialog', { name: 'Pin the runner image' });
    expect(await within(dialog).findByTestId('card-view')).toBeInTheDocument();
    expect(screen.queryByRole('dialog', { name: 'Rotate the certificates' })).toBeNull();

    await user.click(within(dialog).getByTestId('card-close-button'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await screen.findByTestId('knowledge-view')).toBeInTheDocument();
  });

  it('says the card is not available when the link names a card the community no longer has', async () => {
    renderApp({ host: fakeHost({ startCardId: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }), state: { cards: [PINNED] } });
    expect(await screen.findByRole('dialog', { name: 'Card not available' })).toBeInTheDocument();
  });

  it('opens no card without a link', async () => {
    renderApp({ state: { cards: [PINNED] } });
    expect(await screen.findByTestId('knowledge-view')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('the card a link names', () => {
  it('comes from `?card=` outside Teams', () => {
    const win = { location: { search: `?theme=dark&card=${PINNED.id}` }, navigator: { language: 'en-GB' } } as unknown as Window;
    expect(browserHost(win).startCardId).toBe(PINNED.id);
    expect(startCardFromUrl('?page=config')).toBeUndefined();
  });

  it('is ignored when it cannot be a card id', () => {
    for (const raw of ['', 'a/b', 'a#b', 'a?b', 'x\u0000y', '\ud800', 'x'.repeat(600), null, undefined]) {
      expect(startCardId(raw)).toBeUndefined();
    }
    expect(startCardFromUrl('?card=a%2Fb')).toBeUndefined();
    expect(startCardId(PINNED.id)).toBe(PINNED.id);
  });
});
