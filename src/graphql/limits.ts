import { pageOf, type Page } from './pagination';

/**
 * Sizes the API promises to clients that both a feature's resolver and the
 * hardening layer (which checks them before execution) read. They live in
 * the toolkit so that neither reaches into the other.
 */

/** Characters one crossLink call may send; one request may send no more in all, however its aliases share it out. */
export const MAX_CROSS_LINK_CHARS = 200_000;

/** The largest see-also page a client may ask for; a stored panel holds two of them. */
export const MAX_SEE_ALSO_PAGE = 50;
const DEFAULT_SEE_ALSO_PAGE = 10;

/** Validates a `seeAlso` field's `first` and `after`. */
export const seeAlsoPageOf = ({ first, after }: { first?: number | null; after?: string | null }): Page =>
  pageOf(first, after, MAX_SEE_ALSO_PAGE, DEFAULT_SEE_ALSO_PAGE);
