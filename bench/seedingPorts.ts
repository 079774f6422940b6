import type { AppConfig } from '../bot/src/config/config';
import { systemClock } from '../bot/src/domain/ports';
import { migrateCardLayout } from '../bot/src/storage/cardLayout';
import { TableCardRepository } from '../bot/src/storage/tableCardRepository';
import { TableThreadRepository } from '../bot/src/storage/tableThreadRepository';
import { openTables } from '../bot/src/storage/tables';
import { textOfSafeHtml } from '../bot/src/teams/messagePayload';

/**
 * The save use case's ports on the benchmark's tables, for seeding communities outside
 * the service. The service's first housekeeping found nothing of the first card layout;
 * this repository learns so too rather than checking the old place on every save.
 */
export async function seedingPorts(config: AppConfig) {
  const tables = openTables(config.storage, config.tablePrefix);
  const cards = new TableCardRepository(tables, textOfSafeHtml);
  await migrateCardLayout(tables.cards, cards.layout);
  return { cards, threads: new TableThreadRepository(tables.threads, tables.retention, textOfSafeHtml), clock: systemClock };
}
