import { ValidationError } from '../domain/shared/errors';

/*
 * Where a listing continues, in storage's own terms: the continuation token Table
 * storage answered with (@azure/data-tables encodes its next partition and row key as
 * base64 JSON), and, for a search spread over the index tables, which table it is in.
 * Everything outside storage treats it as an opaque string.
 */

/** A position in a listing: the index table (0 for a single-table listing) and storage's token there, if past its start. */
export interface TablePosition {
  table: number;
  token?: string;
}

const KEY_MAX = 1_024;
const FORM = /^(\d{1,2})(?:\.([A-Za-z0-9+/=]{1,4096}))?$/;

/** The continuation string of a position. */
export function continuationOf(position: TablePosition): string {
  return position.token ? `${position.table}.${position.token}` : String(position.table);
}

/**
 * Reads a continuation this module wrote. Anything else (garbled, forged, from another
 * listing's table count) is the caller's mistake, said plainly.
 * @throws ValidationError
 */
export function positionOf(continuation: string, tables: number): TablePosition {
  const match = FORM.exec(continuation);
  const table = match ? Number(match[1]) : NaN;
  if (!match || table >= tables || (match[2] !== undefined && !isStorageToken(match[2]))) {
    throw new ValidationError([{ field: 'cursor', message: 'This list’s page position is not valid. Reload the list and try again.' }]);
  }
  return match[2] ? { table, token: match[2] } : { table };
}

/** Whether a string has the shape of the Table SDK's continuation token. */
function isStorageToken(token: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
  } catch {
    return false;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return false;
  const { nextPartitionKey, nextRowKey, ...rest } = parsed as Record<string, unknown>;
  const isKey = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length <= KEY_MAX;
  return Object.keys(rest).length === 0 && isKey(nextPartitionKey) && (nextRowKey === undefined || isKey(nextRowKey));
}
