import type { Host, HostConfigPage, SaveEvent, TabSettings, ThemeName } from '../host/host';

/** A host whose theme a test can change, and whose Teams calls it can inspect. */
export interface FakeHost extends Host {
  setTheme(theme: ThemeName): void;
  openedLinks: string[];
  config: {
    validity: boolean[];
    saved: TabSettings[];
    /** Presses Teams' Save button; resolves with how the page answered. */
    save(): Promise<{ ok: true } | { ok: false; reason: string }>;
  };
}

/** A Teams host in a channel (override `inTeams: false` and `channel: undefined` for outside Teams). */
export function fakeHost(overrides: Partial<Host> = {}): FakeHost {
  const listeners = new Set<(t: ThemeName) => void>();
  let onSave: ((event: SaveEvent) => void) | undefined;
  const config = {
    validity: [] as boolean[],
    saved: [] as TabSettings[],
    save: () =>
      new Promise<{ ok: true } | { ok: false; reason: string }>((resolve) => {
        if (!onSave) throw new Error('No save handler is registered.');
        onSave({ notifySuccess: () => resolve({ ok: true }), notifyFailure: (reason) => resolve({ ok: false, reason }) });
      }),
  };
  const configPage: HostConfigPage = {
    registerOnSave: (handler) => {
      onSave = handler;
    },
    setValidity: (valid) => config.validity.push(valid),
    setConfig: async (settings) => {
      config.saved.push(settings);
    },
  };
  const openedLinks: string[] = [];
  const inTeams = overrides.inTeams ?? true;
  return {
    inTeams,
    locale: 'en-GB',
    theme: 'default',
    channel: { teamId: '19:team@thread.tacv2', channelId: '19:channel@thread.tacv2', channelName: 'Platform Guild' },
    getToken: async () => (inTeams ? 'teams-sso-token' : undefined),
    onThemeChange(handler) {
      listeners.add(handler);
      return () => listeners.delete(handler);
    },
    openLink: (url) => openedLinks.push(url),
    configPage: inTeams ? configPage : undefined,
    ...overrides,
    setTheme: (theme) => listeners.forEach((l) => l(theme)),
    openedLinks,
    config,
  };
}
