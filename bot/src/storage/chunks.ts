/**
 * Table string properties hold at most 32K UTF-16 characters, so long values are
 * spread over numbered properties `name_0`, `name_1`, … with a count in `name_n`.
 */
export const CHUNK_LENGTH = 30_000;

/** Splits a long string into chunk properties, written onto `properties` (a new object unless given). */
export function toChunks(name: string, value: string, properties: Record<string, unknown> = {}): Record<string, unknown> {
  let count = 0;
  for (let at = 0; at < value.length || count === 0; at += CHUNK_LENGTH) {
    properties[`${name}_${count}`] = value.slice(at, at + CHUNK_LENGTH);
    count += 1;
  }
  properties[`${name}_n`] = count;
  return properties;
}

/** Joins chunk properties written by {@link toChunks}. */
export function fromChunks(name: string, entity: Record<string, unknown>): string {
  const count = Number(entity[`${name}_n`] ?? 0);
  let value = '';
  for (let i = 0; i < count; i++) value += String(entity[`${name}_${i}`] ?? '');
  return value;
}

/** Bytes an entity's string and number properties take on the wire, as Table storage counts them. */
export function estimateEntityBytes(entity: Record<string, unknown>): number {
  let bytes = 0;
  for (const key in entity) {
    const value = entity[key];
    bytes += 8 + key.length * 2;
    bytes += typeof value === 'string' ? value.length * 2 + 4 : 8;
  }
  return bytes;
}
