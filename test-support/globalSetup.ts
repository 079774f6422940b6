import { startAzurite } from '../scripts/local/stack';

type WithAzurite = { __azurite?: Awaited<ReturnType<typeof startAzurite>> };

/**
 * Starts one in-memory Azurite for the test run and tells the tests its port. The
 * integration and e2e projects both name this setup; the second call finds it started.
 */
export default async function globalSetup(): Promise<void> {
  const holder = globalThis as WithAzurite;
  if (holder.__azurite) return;
  const azurite = await startAzurite({ output: { kind: 'ignore' } });
  process.env.TEST_AZURITE_PORT = String(azurite.port);
  holder.__azurite = azurite;
}
