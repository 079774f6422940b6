import { randomBytes } from 'node:crypto';
import { azuriteConnectionString, loadConfig, type AppConfig } from '../bot/src/config/config';
import { ensureTables, openTables, type Tables } from '../bot/src/storage/tables';

/** The Azurite started for this test run. */
export function testStorage(): AppConfig['storage'] {
  const port = Number(process.env.TEST_AZURITE_PORT);
  if (!port) throw new Error('TEST_AZURITE_PORT is not set: run the tests through jest (npm test).');
  return { kind: 'connectionString', connectionString: azuriteConnectionString(port) };
}

/** A table prefix no other test uses, so tests never see each other's data. */
export function uniqueTablePrefix(): string {
  return `t${randomBytes(6).toString('hex')}`;
}

/** Fresh, created tables for one test file. */
export async function freshTables(): Promise<{ tables: Tables; prefix: string }> {
  const prefix = uniqueTablePrefix();
  const tables = openTables(testStorage(), prefix);
  await ensureTables(tables);
  return { tables, prefix };
}

/** A development configuration pointing at the test Azurite with fresh tables. */
export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  // An empty environment is local development on loopback, with every default applied.
  return { ...loadConfig({}), port: 0, storage: testStorage(), tablePrefix: uniqueTablePrefix(), ...overrides };
}

/** Waits until a service's health probe answers 200 (storage ready), or fails after ten seconds. */
export async function waitHealthy(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${url}/healthz`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not become healthy`);
}

/**
 * Waits until no card row is marked as waiting for its derived rows, so every card saved
 * so far is listed and searchable, whichever instance saved it. Fails after twenty seconds.
 */
export async function cardsIndexed(config: Pick<AppConfig, 'storage' | 'tablePrefix'>): Promise<void> {
  const { cards } = openTables(config.storage, config.tablePrefix);
  for (let i = 0; i < 800; i++) {
    const waiting = cards.listEntities({ queryOptions: { filter: "indexState eq 'new' or indexState eq 'pending'", select: ['cardId'] } });
    const first = await waiting.next();
    if (first.done) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('Cards were still waiting for their listing and search rows after twenty seconds');
}
