import { DomainError, StorageUnavailableError } from '../domain/shared/errors';

/**
 * The service's error code of a failed Table call. @azure/data-tables puts it in
 * different places depending on the operation (a 412 keeps it in details.odataError).
 */
export function tableErrorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; details?: { errorCode?: unknown; odataError?: { code?: unknown } } };
  const code = e?.code ?? e?.details?.errorCode ?? e?.details?.odataError?.code;
  return typeof code === 'string' ? code : undefined;
}

/** HTTP status of a failed Table call, if it got that far. */
export function tableStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Runs a storage call and turns any failure that is not already a domain error
 * into {@link StorageUnavailableError}, so no raw storage error leaves this layer.
 */
export async function guardStorage<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const status = tableStatus(error);
    const code = tableErrorCode(error);
    throw new StorageUnavailableError(`Table storage failed to ${operation} (${status ?? 'no response'} ${code ?? ''})`.trim(), error);
  }
}
