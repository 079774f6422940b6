import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeCommunity, makeMe } from '../../test/builders';
import { fakeHost, type FakeHost } from '../../test/fakeHost';
import { renderApp } from '../../test/renderApp';

/** Presses Teams' Save button and waits for the page's answer. */
const pressSave = (host: FakeHost) => act(() => host.config.save());

describe('ConfigPage', () => {
  it('in Teams, defaults the name to the channel, saves it and tells Teams the tab settings', async () => {
    const host = fakeHost({ channel: { teamId: 't', channelId: 'c', channelName: 'Data Science CoP' } });
    const { api } = renderApp({
      host,
      page: 'config',
      state: { community: makeCommunity({ configured: false, name: 'Data Science CoP' }) },
    });
    const name = await screen.findByRole('textbox', { name: /Community name/ });
    expect(name).toHaveValue('Data Science CoP');
    expect(screen.queryByTestId('config-save')).not.toBeInTheDocument();
    await waitFor(() => expect(host.config.validity.at(-1)).toBe(true));

    await userEvent.setup().type(name, ' Guild');
    const outcome = await pressSave(host);
    expect(outcome).toEqual({ ok: true });
    expect(api.requestsTo('/api/communities/community-key-1', 'PUT')[0]?.body).toEqual({ name: 'Data Science CoP Guild' });
    expect(host.config.saved).toEqual([
      {
        entityId: 'commonplace-community',
        contentUrl: `${window.location.origin}/`,
        websiteUrl: `${window.location.origin}/`,
        suggestedDisplayName: 'Data Science CoP Guild',
      },
    ]);
  });

  it('marks the page invalid while the name is not, with the schema’s message', async () => {
    const user = userEvent.setup();
    const host = fakeHost();
    renderApp({ host, page: 'config' });
    const name = await screen.findByRole('textbox', { name: /Community name/ });
    await user.clear(name);
    expect(await screen.findByText('Give the community a name.')).toBeInTheDocument();
    await waitFor(() => expect(host.config.validity.at(-1)).toBe(false));
    await user.type(name, 'x'.repeat(81));
    expect(await screen.findByText('Keep the name to 80 characters.')).toBeInTheDocument();
  });

  it('reports a refused save to Teams', async () => {
    const host = fakeHost();
    const { api } = renderApp({ host, page: 'config' });
    api.on('PUT', '/api/communities/:key', () => ({
      problem: { title: 'Forbidden', status: 403, detail: 'Only managers can name the community.' },
    }));
    await screen.findByRole('textbox', { name: /Community name/ });
    expect(await pressSave(host)).toEqual({ ok: false, reason: 'Only managers can name the community.' });
    expect(await screen.findByTestId('config-error')).toHaveTextContent('Only managers can name the community.');
  });

  it('lets a member add the tab without renaming the community', async () => {
    const host = fakeHost();
    const { api } = renderApp({ host, page: 'config', state: { community: makeCommunity({ role: 'member' }) } });
    expect(await screen.findByRole('textbox', { name: /Community name/ })).toHaveAttribute('readonly');
    expect(await pressSave(host)).toEqual({ ok: true });
    expect(api.requestsTo('/api/communities/community-key-1', 'PUT')).toHaveLength(0);
    expect(host.config.saved[0]?.suggestedDisplayName).toBe('Platform Guild');
  });

  it('outside Teams (development), saves with its own button', async () => {
    const user = userEvent.setup();
    const host = fakeHost({ inTeams: false, channel: undefined, configPage: undefined });
    const { api } = renderApp({
      host,
      page: 'config',
      state: { me: makeMe({ development: true, developmentChannel: { teamId: 't', channelId: 'c', channelName: 'General' } }) },
    });
    expect(await screen.findByTestId('dev-banner')).toBeInTheDocument();
    await user.click(screen.getByTestId('config-save'));
    expect(await screen.findByTestId('config-saved')).toHaveTextContent('Saved — the community is called “Platform Guild”.');
    expect(api.requestsTo('/api/communities/community-key-1', 'PUT')).toHaveLength(1);
  });
});
