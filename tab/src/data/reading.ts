import type { QueryResult } from './useQuery';

/**
 * What a view shows for a read: the data whenever there is some (also while it is read
 * again, or when reading it again failed), else the error, else a skeleton.
 */
export type Reading<T> = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; data: T };

export function readingOf<T>(result: QueryResult<T>): Reading<T> {
  if (result.data !== undefined) return { status: 'ready', data: result.data };
  if (result.isError) return { status: 'error', error: result.error };
  return { status: 'loading' };
}
