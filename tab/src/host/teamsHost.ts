import type { app as teamsApp } from '@microsoft/teams-js';
import { startCardId } from '../pages';
import { browserHost } from './browserHost';
import type { Host, ThemeName } from './host';
import type * as TeamsSdk from './teamsSdk';
import { parseTheme } from './theme';

/** How long to wait for Teams before deciding the tab runs outside it. */
export const TEAMS_INIT_TIMEOUT_MS = 1500;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * Whether a Teams client could be hosting the page: Teams embeds tabs in a frame (desktop,
 * web) or a webview exposing `nativeInterface` (mobile). The SDK itself gives up without
 * one of these, so a top-level browser tab is known to be outside Teams at once.
 */
export function mayBeInTeams(win: Window = window): boolean {
  return win.parent !== win || !!win.opener || 'nativeInterface' in win;
}

/**
 * Connects to the Teams client hosting the tab. Outside Teams `app.initialize()` either
 * fails or never answers, so after a short wait the browser host is used instead.
 * The SDK is loaded only when Teams may be there: importing it fetches Teams' list of
 * valid origins from Microsoft's CDN, which a local development page must not depend on.
 */
export async function connectHost(timeoutMs = TEAMS_INIT_TIMEOUT_MS): Promise<Host> {
  if (!mayBeInTeams()) return browserHost();
  let context: teamsApp.Context;
  let sdk: typeof TeamsSdk;
  try {
    sdk = await import('./teamsSdk');
  } catch {
    return browserHost();
  }
  const { app, authentication, pages } = sdk;
  try {
    await withTimeout(app.initialize(), timeoutMs);
    context = await withTimeout(app.getContext(), timeoutMs);
  } catch {
    return browserHost();
  }

  const listeners = new Set<(theme: ThemeName) => void>();
  // Teams keeps a single theme handler per page, so one is registered and fanned out.
  app.registerOnThemeChangeHandler((raw) => {
    const theme = parseTheme(raw) ?? 'default';
    listeners.forEach((l) => l(theme));
  });

  const team = context.team;
  const channel = context.channel;
  return {
    inTeams: true,
    locale: context.app.locale || navigator.language || 'en-US',
    theme: parseTheme(context.app.theme) ?? 'default',
    channel:
      team?.internalId && channel?.id ? { teamId: team.internalId, channelId: channel.id, channelName: channel.displayName } : undefined,
    // Set when the tab was opened by a card's deep link (its context's subEntityId).
    startCardId: startCardId(context.page.subPageId),
    // Teams caches the token and renews it before it expires, so asking per request is cheap.
    getToken: () => authentication.getAuthToken(),
    onThemeChange(handler) {
      listeners.add(handler);
      return () => listeners.delete(handler);
    },
    openLink(url) {
      app.openLink(url).catch(() => window.open(url, '_blank', 'noopener,noreferrer'));
    },
    configPage: {
      registerOnSave: (handler) => pages.config.registerOnSaveHandler(handler),
      setValidity: (valid) => pages.config.setValidityState(valid),
      setConfig: (settings) => pages.config.setConfig(settings),
    },
  };
}
