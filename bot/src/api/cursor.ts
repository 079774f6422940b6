import { createHash } from 'node:crypto';
import { ValidationError } from '../domain/shared/errors';

/*
 * The cursor the card listing hands out: storage's continuation and the listing it
 * belongs to, as one opaque URL-safe string. A cursor is checked here before anything
 * reads storage, and one from another search or filter is refused rather than
 * continuing somewhere the person did not ask for.
 */

/** What a listing is: the same words, tag, kind and status. */
export interface ListingParameters {
  q?: string;
  tag?: string;
  kind?: string;
  status: string;
}

const INVALID = 'This list’s page position is not valid. Reload the list and try again.';
const OTHER_LISTING = 'This page position belongs to another search or filter. Reload the list and try again.';

function listingId(listing: ListingParameters): string {
  return createHash('sha256')
    .update(JSON.stringify([listing.q ?? '', listing.tag ?? '', listing.kind ?? '', listing.status]))
    .digest('base64url')
    .slice(0, 16);
}

/** The cursor of the page after this one. */
export function cursorFor(continuation: string, listing: ListingParameters): string {
  return Buffer.from(JSON.stringify({ l: listingId(listing), c: continuation }), 'utf8').toString('base64url');
}

/**
 * Storage's continuation inside a cursor this API handed out for the same listing.
 * @throws ValidationError for anything else
 */
export function continuationFrom(cursor: string, listing: ListingParameters): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new ValidationError([{ field: 'cursor', message: INVALID }]);
  }
  const { l, c } = (parsed && typeof parsed === 'object' ? parsed : {}) as Record<string, unknown>;
  if (typeof l !== 'string' || typeof c !== 'string' || !c) throw new ValidationError([{ field: 'cursor', message: INVALID }]);
  if (l !== listingId(listing)) throw new ValidationError([{ field: 'cursor', message: OTHER_LISTING }]);
  return c;
}
