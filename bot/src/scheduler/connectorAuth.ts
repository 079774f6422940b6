import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import type { BotAuthConfig } from '../config/config';

/** The Authorization header for a Bot Connector request, or undefined to call anonymously. */
export type ConnectorAuthorization = () => Promise<string | undefined>;

/** Local development: the Agents Playground accepts anonymous bots. */
export const anonymousConnector: ConnectorAuthorization = async () => undefined;

// The public cloud's Bot Connector audience and sign-in authority (botframework-connector's
// AuthenticationConstants, which botbuilder does not re-export).
const TO_CHANNEL_SCOPE = 'https://api.botframework.com';
const TO_CHANNEL_LOGIN = 'https://login.microsoftonline.com/botframework.com';

/**
 * The same credentials the adapter uses (botbuilder's ConfigurationServiceClientCredentialFactory
 * from the same settings: secret, single tenant or managed identity). They cache their
 * token, so asking per request costs nothing after the first.
 */
export function botConnectorAuthorization(auth: BotAuthConfig): ConnectorAuthorization {
  const factory = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: auth.appId,
    MicrosoftAppPassword: auth.password,
    MicrosoftAppType: auth.appType,
    MicrosoftAppTenantId: auth.tenantId,
  });
  type Credentials = Awaited<ReturnType<typeof factory.createCredentials>>;
  let credentials: Promise<Credentials> | undefined;
  return async () => {
    credentials ??= factory.createCredentials(auth.appId, TO_CHANNEL_SCOPE, TO_CHANNEL_LOGIN, true).catch((error: unknown) => {
      credentials = undefined;
      throw error;
    });
    let header: string | undefined;
    // The credentials only know how to sign a request: give them one that keeps the header.
    const request = {
      headers: { set: (name: string, value: string) => void (name.toLowerCase() === 'authorization' && (header = value)) },
    };
    await (await credentials).signRequest(request as unknown as Parameters<Credentials['signRequest']>[0]);
    return header;
  };
}

/** The connector authorization for the service's settings: anonymous without bot credentials. */
export function connectorAuthorizationFor(auth: BotAuthConfig | undefined): ConnectorAuthorization {
  return auth ? botConnectorAuthorization(auth) : anonymousConnector;
}
