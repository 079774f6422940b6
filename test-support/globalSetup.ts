import { startAzurite } from '../scripts/local/stack';

/** Starts one in-memory Azurite for the whole test run and tells the tests its port. */
export default async function globalSetup(): Promise<void> {
  const azurite = await startAzurite({ output: { kind: 'ignore' } });
  process.env.TEST_AZURITE_PORT = String(azurite.port);
  (globalThis as { __azurite?: typeof azurite }).__azurite = azurite;
}
