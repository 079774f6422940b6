/**
 * Versions the in-memory ports hand out, opaque as Table storage's ETags are: a caller
 * can only compare one with what it read. One sequence for every store, so a version of
 * one row never happens to equal another's.
 */
let issued = 0;

/** A version no row has had before. */
export function nextVersion(): string {
  issued += 1;
  return `W/"memory-${issued}"`;
}

/** A deep copy, so what a caller holds never aliases what the store keeps (as a read from storage never does). */
export function copy<T>(value: T): T {
  return structuredClone(value);
}
