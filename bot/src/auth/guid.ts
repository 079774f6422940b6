const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a GUID in its usual 8-4-4-4-12 form, the shape Entra gives tenant, object and client ids. */
export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID.test(value);
}
