import { render, type RenderResult } from '@testing-library/react';
import { App } from '../App';
import { createApiClient } from '../api/client';
import type { Host } from '../host/host';
import type { PageName } from '../pages';
import { communityApi, type FakeApi, type FakeCommunityState } from './fakeApi';
import { fakeHost, type FakeHost } from './fakeHost';

/** What a rendered tab gives a test to drive and inspect. */
export interface RenderedApp<H extends Host> extends RenderResult {
  api: FakeApi;
  state: FakeCommunityState;
  host: H;
}

/** Renders the whole tab against a fake service and (by default) a fake Teams host in a channel. */
export function renderApp<H extends Host = FakeHost>(
  options: { state?: Partial<FakeCommunityState>; host?: H; page?: PageName; api?: { api: FakeApi; state: FakeCommunityState } } = {},
): RenderedApp<H> {
  const { api, state } = options.api ?? communityApi(options.state);
  const host = options.host ?? (fakeHost() as unknown as H);
  const client = createApiClient({ getToken: host.getToken, fetch: api.fetch });
  const result = render(<App host={host} api={client} page={options.page ?? 'tab'} />);
  return { ...result, api, state, host };
}
