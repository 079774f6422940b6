import type { Child } from '../scripts/local/processes';

/** Stops the Azurite started by the global setup. */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __azurite?: Child }).__azurite?.stop();
}
