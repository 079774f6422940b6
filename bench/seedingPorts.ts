import type { AppConfig } from '../bot/src/config/config';
import { systemClock } from '../bot/src/domain/shared/clock';
import { tableCardStore } from '../bot/src/storage/tableCardRepository';
import { TableThreadRepository } from '../bot/src/storage/tableThreadRepository';
import { openTables } from '../bot/src/storage/tables';
import { textOfSafeHtml } from '../bot/src/content/index';

/**
 * The save use case's ports on the benchmark's tables, for seeding communities outside
 * the service, with the indexer that writes the seeded cards' derived rows.
 */
export function seedingPorts(config: AppConfig) {
  const tables = openTables(config.storage, config.tablePrefix);
  const { cards, indexer } = tableCardStore(tables, textOfSafeHtml);
  return { cards, indexer, threads: new TableThreadRepository(tables.threads, tables.retention, textOfSafeHtml), clock: systemClock };
}
