import type { Child } from '../scripts/local/processes';

/** Stops the Azurite started by the global setup, once, whichever project's teardown comes first. */
export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as { __azurite?: Child };
  const azurite = holder.__azurite;
  holder.__azurite = undefined;
  await azurite?.stop();
}
