/**
 * Following a venue's cursor pages, one loop for every venue: pages are fetched until the venue
 * sends no cursor (or `done` says the caller has what it needs). A cursor that repeats, or more
 * than `maxPages` pages, ends in the caller's error (a BadResponse naming the endpoint), never in
 * an endless loop or a silent cut.
 */

export interface CursorPage<T> {
  readonly items: readonly T[];
  /** The next page's cursor; absent, null or empty on the last page. */
  readonly cursor: string | null | undefined;
}

export interface CursorPaging<T> {
  readonly maxPages: number;
  /** The error to throw, from a short reason (`repeated cursor …`, `more than N pages`). */
  readonly fail: (why: string) => Error;
  /** Stop early once the caller has what it needs. */
  readonly done?: (items: readonly T[]) => boolean;
}

export async function followCursor<T>(
  paging: CursorPaging<T>,
  fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>,
): Promise<T[]> {
  const all: T[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < paging.maxPages; page++) {
    const res = await fetchPage(cursor);
    all.push(...res.items);
    if (!res.cursor || paging.done?.(res.items)) return all;
    if (seen.has(res.cursor)) throw paging.fail(`repeated cursor ${res.cursor} after page ${page + 1}`);
    seen.add(res.cursor);
    cursor = res.cursor;
  }
  throw paging.fail(`more than ${paging.maxPages} pages`);
}
