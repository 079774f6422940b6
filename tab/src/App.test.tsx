import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { browserHost } from './host/browserHost';
import { makeMe } from './test/builders';
import { communityApi } from './test/fakeApi';
import { fakeHost } from './test/fakeHost';
import { renderApp } from './test/renderApp';

const devChannel = { teamId: 'playground-team', channelId: 'playground-channel', channelName: 'General' };

describe('App start', () => {
  it('inside Teams, sends the Teams token and resolves the channel from the Teams context', async () => {
    const { api } = renderApp();
    expect(await screen.findByTestId('community-name')).toHaveTextContent('Platform Guild');
    const [resolve] = api.requestsTo('/api/communities/resolve');
    expect(resolve?.query.get('teamId')).toBe('19:team@thread.tacv2');
    expect(resolve?.query.get('channelId')).toBe('19:channel@thread.tacv2');
    expect(resolve?.query.get('channelName')).toBe('Platform Guild');
    expect(api.requests.every((r) => r.headers.authorization === 'Bearer teams-sso-token')).toBe(true);
    expect(screen.queryByTestId('dev-banner')).not.toBeInTheDocument();
  });

  it('outside Teams in local development, shows the banner and opens the development channel without a token', async () => {
    const host = fakeHost({ inTeams: false, channel: undefined });
    const { api } = renderApp({ host, state: { me: makeMe({ development: true, developmentChannel: devChannel }) } });
    const banner = await screen.findByTestId('dev-banner');
    expect(banner).toHaveTextContent('Local development');
    expect(banner).toHaveTextContent('you are signed in as Ana Lima');
    expect(banner).toHaveTextContent('Nothing here is real Teams data.');
    expect(api.requestsTo('/api/communities/resolve')[0]?.query.get('channelId')).toBe('playground-channel');
    expect(api.requests.some((r) => r.headers.authorization)).toBe(false);
  });

  it('outside Teams against a real (not development) service, explains the tab must be opened in Teams', async () => {
    const host = fakeHost({ inTeams: false, channel: undefined });
    const fake = communityApi();
    fake.api.on('GET', '/api/me', () => ({ problem: { title: 'Not signed in', status: 401 } }));
    renderApp({ host, api: fake });
    expect(await screen.findByTestId('not-in-teams')).toHaveTextContent('Open Commonplace in Microsoft Teams');
    expect(screen.queryByTestId('dev-banner')).not.toBeInTheDocument();
  });

  it('inside Teams but outside a channel, asks to add the tab to a channel', async () => {
    renderApp({ host: fakeHost({ channel: undefined }) });
    expect(await screen.findByTestId('no-channel')).toHaveTextContent('Add Commonplace to a channel');
  });

  it('explains a failed start and retries', async () => {
    const user = userEvent.setup();
    const fake = communityApi();
    let down = true;
    fake.api.on('GET', '/api/communities/resolve', () =>
      down
        ? { problem: { title: 'Service unavailable', status: 503, detail: 'Storage is not answering.' } }
        : { body: fake.state.community },
    );
    renderApp({ api: fake });
    const error = await screen.findByTestId('error-state');
    expect(error).toHaveTextContent('Storage is not answering.');
    down = false;
    await user.click(within(error).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('community-name')).toBeInTheDocument();
  });

  it('has header, navigation and main landmarks and a tab list for the three views', async () => {
    const user = userEvent.setup();
    renderApp();
    await screen.findByTestId('community-name');
    expect(screen.getByRole('banner')).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Community views' })).toBeInTheDocument();
    expect(screen.getByRole('main')).toBeInTheDocument();
    const tablist = screen.getByRole('tablist');
    expect(within(tablist).getAllByRole('tab')).toHaveLength(3);
    expect(within(tablist).getByRole('tab', { name: 'Knowledge', selected: true })).toBeInTheDocument();
    // Fluent repeats an unselected tab's label in a visibility:hidden span (to reserve bold width),
    // which browsers leave out of the name but jsdom's style-less layout does not.
    expect(within(tablist).getByRole('tab', { name: /^Contributors/, selected: false })).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: /^Contributors/ }));
    expect(await screen.findByTestId('contributors-view')).toBeInTheDocument();
    expect(screen.getByRole('tabpanel', { name: 'Contributors' })).toBeInTheDocument();
    await user.click(screen.getByTestId('view-rituals'));
    expect(await screen.findByTestId('rituals-view')).toBeInTheDocument();
    expect(screen.getByRole('tabpanel', { name: 'Rituals' })).toBeInTheDocument();
  });
});

describe('App theme', () => {
  afterEach(() => window.history.replaceState({}, '', '/'));

  it('applies ?theme= outside Teams', async () => {
    window.history.replaceState({}, '', '/?theme=dark');
    renderApp({ host: browserHost(), state: { me: makeMe({ development: true, developmentChannel: devChannel }) } });
    expect(screen.getByTestId('app-shell')).toHaveAttribute('data-theme', 'dark');
    await screen.findByTestId('community-name');
    expect(document.documentElement.style.colorScheme).toBe('dark');
  });

  it('reads the contrast theme from the URL too', async () => {
    window.history.replaceState({}, '', '/?theme=contrast');
    renderApp({ host: browserHost(), state: { me: makeMe({ development: true, developmentChannel: devChannel }) } });
    expect(screen.getByTestId('app-shell')).toHaveAttribute('data-theme', 'contrast');
    await screen.findByTestId('community-name');
  });

  it('follows Teams theme changes live', async () => {
    const host = fakeHost({ theme: 'default' });
    renderApp({ host });
    await screen.findByTestId('community-name');
    expect(screen.getByTestId('app-shell')).toHaveAttribute('data-theme', 'default');
    act(() => host.setTheme('contrast'));
    await waitFor(() => expect(screen.getByTestId('app-shell')).toHaveAttribute('data-theme', 'contrast'));
    act(() => host.setTheme('dark'));
    await waitFor(() => expect(screen.getByTestId('app-shell')).toHaveAttribute('data-theme', 'dark'));
  });

  it('uses the Teams locale for the page language', async () => {
    renderApp({ host: fakeHost({ locale: 'de-DE' }) });
    await screen.findByTestId('community-name');
    expect(document.documentElement.lang).toBe('de-DE');
  });
});
