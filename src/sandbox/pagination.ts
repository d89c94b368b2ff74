// Bridge-style cursor pagination (limit, opaque `after` cursor, `next_uri`) for sandbox lists.
/**
 * Cursor pagination as Bridge does it: `limit` 1..500 (default 50), an opaque base64url `after`
 * cursor that encodes the position key of the last item served, and a relative `next_uri` that
 * starts with `after` and `limit` and then repeats the request's other parameters (repeated-key
 * form kept), or `null` on the last page.
 */

export const DEFAULT_LIMIT = 50
export const MAX_LIMIT = 500

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true })

/** base64url without padding, as in Bridge's cursors (`NDgxNTE3OTg` = "48151798"). */
export const encodeCursor = (key: string): string => {
  let binary = ''
  for (const byte of encoder.encode(key)) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** The key inside a cursor, or `undefined` when it is not one of ours. */
export const decodeCursor = (cursor: string): string | undefined => {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined
  try {
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'))
    return decoder.decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))
  } catch {
    return undefined
  }
}

/** A parameter problem: the route answers 400 with it. */
export interface ParamError {
  readonly property: string
  readonly message: string
}

/** Reads `limit`: absent ⇒ 50; otherwise an integer 1..500. */
export const readLimit = (query: URLSearchParams): number | ParamError => {
  const raw = query.get('limit')
  if (raw === null) return DEFAULT_LIMIT
  const limit = Number(raw)
  return /^\d+$/.test(raw) && limit >= 1 && limit <= MAX_LIMIT
    ? limit
    : { property: 'limit', message: `limit must be an integer between 1 and ${MAX_LIMIT}` }
}

/**
 * How a list is ordered and cut: `key` is what a cursor stores for an item, `compare` orders a
 * cursor key against an item (negative when the key comes before the item).
 */
export interface Cursoring<T> {
  readonly key: (item: T) => string
  readonly compare: (key: string, item: T) => number
  /** Whether a decoded cursor key is well formed. */
  readonly valid: (key: string) => boolean
}

/** Numeric-key cursoring for lists sorted by `of` (an id or creation sequence), ascending by default. */
export const byNumber = <T>(of: (item: T) => number, direction: 'asc' | 'desc' = 'asc'): Cursoring<T> => ({
  key: (item) => String(of(item)),
  compare: (key, item) => (direction === 'asc' ? Number(key) - of(item) : of(item) - Number(key)),
  valid: (key) => /^\d+$/.test(key),
})

/** Ascending `id`, the order of records and reference data. */
export const byId = byNumber((item: { readonly id: number }) => item.id)

/** One page of `items`. */
export interface PageSlice<T> {
  readonly items: readonly T[]
  /** Cursor of the next page, or `undefined` on the last page. */
  readonly nextAfter?: string
}

/** The first index of `sorted` where `before` stops holding (it holds for a prefix): a binary search. */
export const partitionPoint = <T>(sorted: readonly T[], before: (item: T) => boolean): number => {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (before(sorted[mid] as T)) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Cuts the page after `after` out of `sorted` (already filtered and ordered). The start is found by
 * binary search, so a page costs O(log n + limit) whatever the list's length; `filter` (for
 * filters that do not follow the order) skips items while filling the page.
 */
export const paginate = <T>(
  sorted: readonly T[],
  cursoring: Cursoring<T>,
  after: string | null,
  limit: number,
  filter?: (item: T) => boolean,
): PageSlice<T> | ParamError => {
  let start = 0
  if (after !== null) {
    const key = decodeCursor(after)
    if (key === undefined || !cursoring.valid(key)) {
      return { property: 'after', message: 'after is not a valid cursor' }
    }
    start = partitionPoint(sorted, (item) => cursoring.compare(key, item) >= 0)
  }
  const items: T[] = []
  let index = start
  for (; index < sorted.length && items.length < limit; index++) {
    const item = sorted[index] as T
    if (!filter || filter(item)) items.push(item)
  }
  let more = false
  if (!filter) more = index < sorted.length
  else {
    // A filtered list has more only if a later item passes the filter.
    for (let i = index; i < sorted.length && !more; i++) more = filter(sorted[i] as T)
  }
  const last = items[items.length - 1]
  return more && last !== undefined ? { items, nextAfter: encodeCursor(cursoring.key(last)) } : { items }
}

/**
 * Bridge's `next_uri`: the path, then `after` and `limit`, then the request's other query
 * parameters in their original order and repeated-key form. `null` when there is no next page.
 */
export const nextUri = (
  path: string,
  query: URLSearchParams,
  limit: number,
  nextAfter?: string,
): string | null => {
  if (nextAfter === undefined) return null
  const next = new URLSearchParams()
  next.append('after', nextAfter)
  next.append('limit', String(limit))
  for (const [key, value] of query) if (key !== 'after' && key !== 'limit') next.append(key, value)
  return `${path}?${next.toString()}`
}
