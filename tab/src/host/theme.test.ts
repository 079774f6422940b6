import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme } from '@fluentui/react-components';
import { browserHost } from './browserHost';
import { fluentTheme, parseTheme } from './theme';
import { mayBeInTeams } from './teamsHost';

function matchMediaAnswering(matching: string[]) {
  return (query: string) =>
    ({
      matches: matching.includes(query),
      media: query,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    }) as unknown as MediaQueryList;
}

describe('themes', () => {
  const realMatchMedia = window.matchMedia;
  afterEach(() => {
    window.matchMedia = realMatchMedia;
    window.history.replaceState({}, '', '/');
  });

  it('maps the Teams themes to the Fluent Teams themes', () => {
    expect(fluentTheme('default')).toBe(teamsLightTheme);
    expect(fluentTheme('dark')).toBe(teamsDarkTheme);
    expect(fluentTheme('contrast')).toBe(teamsHighContrastTheme);
    expect(parseTheme('highContrast')).toBe('contrast');
    expect(parseTheme('purple')).toBeUndefined();
  });

  it('outside Teams, follows the operating system unless the URL pins a theme', () => {
    window.matchMedia = matchMediaAnswering(['(prefers-color-scheme: dark)']);
    expect(browserHost().theme).toBe('dark');
    window.matchMedia = matchMediaAnswering(['(forced-colors: active)']);
    expect(browserHost().theme).toBe('contrast');
    window.history.replaceState({}, '', '/?theme=default');
    expect(browserHost().theme).toBe('default');
  });

  it('knows a top-level page is not in Teams, so it never waits for Teams there', () => {
    expect(mayBeInTeams(window)).toBe(false);
    expect(mayBeInTeams({ parent: {}, opener: null } as unknown as Window)).toBe(true);
  });
});
