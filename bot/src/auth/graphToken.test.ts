import type { AccessToken, TokenCredential } from '@azure/identity';
import { graphTokenProvider } from './graphToken';

describe('graphTokenProvider', () => {
  it("asks the service's own credential for Graph tokens when no bot is set", async () => {
    const scopes: (string | string[])[] = [];
    const serviceIdentity: TokenCredential = {
      getToken: async (scope): Promise<AccessToken> => {
        scopes.push(scope);
        return { token: `token ${scopes.length}`, expiresOnTimestamp: 0 };
      },
    };
    const tokens = graphTokenProvider(undefined, 'https://graph.example', serviceIdentity);
    expect(await tokens('tenant-a')).toBe('token 1');
    expect(await tokens('tenant-b')).toBe('token 2');
    expect(scopes).toEqual(['https://graph.example/.default', 'https://graph.example/.default']);
  });
});
