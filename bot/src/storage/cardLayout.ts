import type { TableClient, TableEntity } from '@azure/data-tables';
import { unpaced, type Paced } from '../background/quietPacer';
import { cardPartition, communityPartition, revisionOf } from './cardEntities';
import { tableStatus } from './errors';
import { findRow, type StoredRow } from './findRow';
import { escapeKeyPart } from './keys';

/*
 * Card rows first lived in a partition per community and first digit of the card id.
 * They now live in a partition of their own (community and whole id): the local
 * emulator checks a new key by scanning its partition, so a shared partition made every
 * save slower as the community grew. Rows of the first layout are moved by
 * {@link migrateCardLayout}; until it has finished once, reads fall back to the old
 * place and a save checks it, so no card is lost or saved twice meanwhile. A deployment
 * replaces every instance at once; an instance of the earlier version left running after
 * the mark would write rows in the old place that no one reads.
 */

/** Marks the cards table as holding no row of the first layout. No card partition lacks a `|`. */
const MARKER = { partitionKey: '~layout', rowKey: 'cards' } as const;
const LAYOUT_VERSION = 2;
/** While rows may still be in the old place, how often to look whether another instance finished moving them. */
const RECHECK_MS = 60_000;
/** How often one move is tried again when an instance of the earlier version changed the old row meanwhile. */
const MOVE_ATTEMPTS = 3;

/** A card row as read, with its keys and ETag. */
export type StoredCardRow = StoredRow;

/** The partition a card row had in the first layout. */
export function legacyCardPartition(communityId: string, cardId: string): string {
  return `${communityPartition(communityId)}|${escapeKeyPart(cardId.slice(0, 1))}`;
}

/** Whether rows of the first layout may still exist in a cards table. */
export class CardLayout {
  private current = false;
  private checkedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly cards: TableClient) {}

  /** True until the move is known to be done: read once, then at most once a minute. */
  async legacyPossible(): Promise<boolean> {
    if (this.current) return false;
    if (Date.now() - this.checkedAt >= RECHECK_MS) {
      this.checkedAt = Date.now();
      this.current = await markerPresent(this.cards);
    }
    return !this.current;
  }

  /** Called once every row is in its place. */
  markCurrent(): void {
    this.current = true;
  }
}

async function markerPresent(cards: TableClient): Promise<boolean> {
  const marker = await findRow(cards, MARKER.partitionKey, MARKER.rowKey);
  return Number(marker?.layoutVersion) >= LAYOUT_VERSION;
}

/** A card's row wherever it is, or undefined if there is none. */
export async function readCardRow(cards: TableClient, layout: CardLayout, communityId: string, cardId: string): Promise<StoredCardRow | undefined> {
  return (await findRow(cards, cardPartition(communityId, cardId), escapeKeyPart(cardId))) ?? readFirstLayoutRow(cards, layout, communityId, cardId);
}

/** A card's row in the first layout's place, while rows may still be there. */
export async function readFirstLayoutRow(cards: TableClient, layout: CardLayout, communityId: string, cardId: string): Promise<StoredCardRow | undefined> {
  if (!(await layout.legacyPossible())) return undefined;
  return findRow(cards, legacyCardPartition(communityId, cardId), escapeKeyPart(cardId));
}

/** Whether a card row is somewhere other than its partition (so in the first layout's place). */
export function isLegacyRow(row: { partitionKey?: string; communityId?: unknown; cardId?: unknown }): boolean {
  return row.partitionKey !== cardPartition(String(row.communityId), String(row.cardId));
}

/** The row's own columns, without what the service adds when it is read. */
function columnsOf(row: StoredCardRow): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(row)) {
    if (name === 'etag' || name === 'timestamp' || name === 'partitionKey' || name === 'rowKey' || name.startsWith('odata.')) continue;
    columns[name] = value;
  }
  return columns;
}

/**
 * Moves one row of the first layout to its partition and returns it there. Safe to run
 * on the same row from several places at once: a row already in the new place wins
 * unless the old one is at a later revision, and the old row is deleted only as read.
 */
export async function moveLegacyRow(cards: TableClient, legacy: StoredCardRow): Promise<StoredCardRow> {
  let source = legacy;
  for (let attempt = 1; ; attempt++) {
    const moved = await copyToCurrentPlace(cards, source);
    try {
      await cards.deleteEntity(source.partitionKey!, source.rowKey!, { etag: source.etag });
      return moved;
    } catch (error) {
      if (tableStatus(error) === 404) return moved;
      if (tableStatus(error) !== 412 || attempt >= MOVE_ATTEMPTS) throw error;
      // An instance of the earlier version changed the old row meanwhile: copy it again.
      const changed = await findRow(cards, source.partitionKey!, source.rowKey!);
      if (!changed) return moved;
      source = changed;
    }
  }
}

async function copyToCurrentPlace(cards: TableClient, source: StoredCardRow): Promise<StoredCardRow> {
  const target: TableEntity<Record<string, unknown>> = {
    ...columnsOf(source),
    partitionKey: cardPartition(String(source.communityId), String(source.cardId)),
    rowKey: source.rowKey!,
  };
  for (let attempt = 1; ; attempt++) {
    const existing = await findRow(cards, target.partitionKey, target.rowKey);
    try {
      if (!existing) {
        const created = await cards.createEntity(target);
        return { ...target, etag: created.etag ?? '' };
      }
      if (revisionOf(existing) >= revisionOf(source)) return existing;
      const replaced = await cards.updateEntity(target, 'Replace', { etag: existing.etag });
      return { ...target, etag: replaced.etag ?? '' };
    } catch (error) {
      // Another move of the same row got there first: look again.
      if ((tableStatus(error) !== 409 && tableStatus(error) !== 412) || attempt >= MOVE_ATTEMPTS) throw error;
    }
  }
}

/**
 * Moves every row of the first layout, then marks the table so no instance looks in
 * the old place again. Idempotent, and safe beside live saves and other instances.
 * `paced` runs each storage request of it as background work. Returns how many rows it moved.
 */
export async function migrateCardLayout(cards: TableClient, layout: CardLayout, paced: Paced = unpaced): Promise<number> {
  if (!(await layout.legacyPossible())) return 0;
  let moved = 0;
  // Keys only, a page at a time: cards can be large. Pages continue from a key, so rows
  // moved meanwhile neither hide nor repeat one.
  const pages = cards
    .listEntities<{ communityId?: unknown; cardId?: unknown }>({ queryOptions: { select: ['PartitionKey', 'RowKey', 'communityId', 'cardId'] } })
    .byPage({ maxPageSize: 1_000 });
  const nextPage = () => paced(() => pages.next());
  for (let page = await nextPage(); !page.done; page = await nextPage()) {
    for (const row of page.value) {
      // Rows without a card's columns (the mark) are not cards.
      if (typeof row.communityId !== 'string' || typeof row.cardId !== 'string' || !isLegacyRow(row)) continue;
      const legacy = await paced(() => findRow(cards, row.partitionKey!, row.rowKey!));
      if (!legacy) continue;
      await paced(() => moveLegacyRow(cards, legacy));
      moved += 1;
    }
  }
  await cards.upsertEntity({ ...MARKER, layoutVersion: LAYOUT_VERSION, migratedAt: new Date().toISOString(), moved }, 'Replace');
  layout.markCurrent();
  return moved;
}
