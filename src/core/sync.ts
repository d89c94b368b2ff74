import * as v from 'valibot'
import type { ApiVersion } from './api-version.js'
import type { Context } from './context.js'
import * as E from './either.js'
import type { BridgeError, InputValidationError, ResponseValidationError } from './errors.js'
import { parseParams } from './operation.js'
import type { ListOptions, Paginated } from './pagination.js'
import { IdParam, LimitParam } from './schema.js'

/** What the sync needs of a transaction, in both API versions. */
export interface SyncItem {
  readonly id: number
  readonly updated_at: string
}

/** One page of changes: handle it, then store `cursor`. */
export interface SyncBatch<T> {
  /** Transactions created or changed since the previous batch: insert or replace them by `id`. */
  readonly upserted: readonly T[]
  /** Transactions Bridge deleted: remove them by `id` (some may never have reached you). */
  readonly deleted: readonly T[]
  /**
   * Where to start next time: an opaque string (plain text, up to about 125 kB) to store
   * once this batch is handled. Starting from it repeats nothing already handled and misses nothing.
   */
  readonly cursor: string
  /**
   * `true` on the last batch of this sync: the copy has caught up with Bridge (as of when that page was
   * read). A caller that stops early (a bounded slice per invocation) knows whether to come back soon.
   */
  readonly caughtUp: boolean
}

/** An error of a sync, with the cursor to start again from (absent when the input itself was refused). */
export type SyncError = BridgeError & {
  /** The cursor of the last batch delivered (or the one passed in): resume from it. */
  readonly resumeCursor?: string
}

/** A running sync: iterate it with `for await`; it ends after a `Left`, and `break` stops all requests. */
export type SyncStream<T> = AsyncIterable<E.Either<SyncError, SyncBatch<T>>>

/** What to sync. */
export interface SyncParams {
  /** The cursor stored after the last handled batch; none for the first, full sync. */
  readonly cursor?: string
  /** Only this account's transactions. A cursor belongs to one account (or to all). */
  readonly accountId?: number
  /** Transactions per page (one page = one batch), 1..500. Default 500. */
  readonly limit?: number
}

/** Options of a sync: those of every list, plus the overlap window. */
export interface SyncOptions extends ListOptions {
  /**
   * How far before the largest `updated_at` seen each incremental sync starts again, in ms (default
   * 60 000). It catches changes that Bridge stamped slightly earlier than others it had already served
   * (writes in flight, its own servers' clock skew); what was already delivered is skipped by id and
   * `updated_at`.
   */
  readonly overlapMs?: number
}

/** How the sync reads one API version's changes. */
export interface SyncSpec<T extends SyncItem> {
  readonly name: string
  readonly api: ApiVersion
  /** Lists the changes after `since` (everything without it), newest or oldest first. */
  readonly list: (
    ctx: Context,
    query: { accountId?: number; since?: string; after?: string; limit: number },
    options: ListOptions,
  ) => Paginated<T>
  /** Whether a row is a deletion (`deleted` in 2025-01-15, `is_deleted` in 2021-06-01). */
  readonly isDeleted: (item: T) => boolean
}

const DEFAULT_OVERLAP_MS = 60_000
/** Most ids a cursor remembers for de-duplication; past it, a few rows may be delivered twice, never lost. */
const MAX_REMEMBERED = 5_000
const PREFIX = 'bsync1.'

/** `[id, rank below high]` pairs: rows delivered near the largest `updated_at`. */
const Remembered = v.array(v.tuple([v.number(), v.number()]))

/**
 * What a cursor holds. Between syncs: `high` (Bridge's largest `updated_at` delivered, never the
 * caller's clock) and `near` (rows delivered within the overlap window below it). During a sync
 * (`after` set): also the sync's `since` and `fresh`, rows of this sync near its own `high`.
 */
const CursorState = v.object({
  api: v.string(),
  account: v.optional(v.number()),
  high: v.optional(v.string()),
  since: v.optional(v.string()),
  after: v.optional(v.string()),
  near: Remembered,
  fresh: v.optional(Remembered),
})
type CursorState = v.InferOutput<typeof CursorState>

const base64url = (text: string): string => {
  let binary = ''
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

const fromBase64url = (text: string): string =>
  new TextDecoder('utf-8', { fatal: true }).decode(
    Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)),
  )

const encodeCursor = (state: CursorState): string => PREFIX + base64url(JSON.stringify(state))

const decodeCursor = (cursor: string): CursorState | undefined => {
  if (!cursor.startsWith(PREFIX)) return undefined
  try {
    const parsed = v.safeParse(CursorState, JSON.parse(fromBase64url(cursor.slice(PREFIX.length))))
    return parsed.success ? parsed.output : undefined
  } catch {
    return undefined
  }
}

/**
 * The order of a row's versions: by `updated_at`, and at an equal `updated_at` a deletion comes after
 * the row (Bridge never revives a deleted row), so a deletion stamped like the last update still counts.
 */
const rank = (ms: number, deleted: boolean): number => ms * 2 + (deleted ? 1 : 0)

/** Rows delivered, by id: the {@link rank} of the version delivered. */
type Delivered = Map<number, number>

const toMap = (pairs: readonly (readonly [number, number])[] | undefined, highMs: number): Delivered =>
  new Map((pairs ?? []).map(([id, below]) => [id, rank(highMs, true) - below]))

/** Keeps the rows at or after `floor` ms (the newest ones when there are too many), relative to `highMs`. */
const remember = (rows: Delivered, floor: number, highMs: number): [number, number][] => {
  let kept = [...rows].filter(([, version]) => version >= rank(floor, false))
  if (kept.length > MAX_REMEMBERED) kept = kept.sort((a, b) => b[1] - a[1]).slice(0, MAX_REMEMBERED)
  return kept.map(([id, version]) => [id, rank(highMs, true) - version])
}

const SyncParamsSchema = v.object({
  cursor: v.optional(v.string()),
  accountId: v.optional(IdParam),
  limit: v.optional(LimitParam),
})

const OptionsSchema = v.object({
  overlapMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(86_400_000))),
})

const refused = (name: string, path: string, message: string): InputValidationError => ({
  _tag: 'InputValidationError',
  operation: name,
  message: `Invalid parameters for ${name}: ${path} ${message}`,
  issues: [{ path, message }],
})

/** The list's own `resumeAfter` (a Bridge page cursor) means nothing to the caller of a sync. */
const withCursor = (error: BridgeError, cursor: string): SyncError => {
  const { resumeAfter: _, ...rest } = error as BridgeError & { resumeAfter?: string }
  return { ...(rest as BridgeError), resumeCursor: cursor }
}

const badTimestamp = (raw: { status: number; url: string; body: string }, index: number, value: string) => {
  const error: ResponseValidationError = {
    _tag: 'ResponseValidationError',
    status: raw.status,
    method: 'GET',
    path: new URL(raw.url, 'http://bridge.invalid').pathname,
    message: `Unexpected response from Bridge: resources.${index}.updated_at is not an instant: ${value}`,
    issues: [{ path: `resources.${index}.updated_at`, message: 'is not an instant' }],
    body: raw.body,
  }
  return error
}

/**
 * Turns one API version's change list into its `syncTransactions`: one implementation for both versions.
 * Each page of the list is one batch; its cursor either continues the sync in progress (Bridge's page
 * cursor, with the sync's `since`) or, after the last page, starts the next one from the largest
 * `updated_at` delivered minus the overlap.
 */
/* @__NO_SIDE_EFFECTS__ */ export const defineSync =
  <T extends SyncItem>(spec: SyncSpec<T>) =>
  (ctx: Context, params: SyncParams = {}, options: SyncOptions = {}): SyncStream<T> => ({
    async *[Symbol.asyncIterator]() {
      const parsed = parseParams(spec.name, SyncParamsSchema, params)
      if (E.isLeft(parsed)) {
        yield parsed
        return
      }
      const { overlapMs: optionOverlap, ...listOptions } = options
      const checkedOptions = parseParams(spec.name, OptionsSchema, { overlapMs: optionOverlap })
      if (E.isLeft(checkedOptions)) {
        yield checkedOptions
        return
      }
      const overlapMs = checkedOptions.right.overlapMs ?? DEFAULT_OVERLAP_MS
      const { cursor, accountId, limit = 500 } = parsed.right
      const api = spec.api.bridgeVersion
      const start: CursorState | undefined =
        cursor === undefined
          ? { api, ...(accountId === undefined ? {} : { account: accountId }), near: [] }
          : decodeCursor(cursor)
      if (!start) {
        yield E.left(refused(spec.name, 'cursor', 'is not a cursor of syncTransactions'))
        return
      }
      if (start.api !== api) {
        yield E.left(refused(spec.name, 'cursor', `comes from API version ${start.api}, not ${api}`))
        return
      }
      if (start.account !== accountId) {
        yield E.left(refused(spec.name, 'cursor', 'belongs to another accountId'))
        return
      }

      let high = start.high
      let highMs = high === undefined ? Number.NEGATIVE_INFINITY : Date.parse(high)
      const inProgress = start.after !== undefined
      const since = inProgress
        ? start.since
        : high === undefined
          ? undefined
          : new Date(highMs - overlapMs).toISOString()
      const sinceMs = since === undefined ? Number.NEGATIVE_INFINITY : Date.parse(since)
      // Rows delivered by the previous sync near its high: this one lists them again (the overlap).
      const near = toMap(start.near, highMs)
      // Rows of this sync near its own high: the next one will list them again.
      const fresh = inProgress ? toMap(start.fresh, highMs) : new Map(near)
      let resume = cursor ?? encodeCursor(start)

      const pages = spec
        .list(
          ctx,
          {
            ...(accountId === undefined ? {} : { accountId }),
            ...(since === undefined ? {} : { since }),
            ...(start.after === undefined ? {} : { after: start.after }),
            limit,
          },
          listOptions,
        )
        .pages()
      for await (const page of pages) {
        if (E.isLeft(page)) {
          yield E.left(withCursor(page.left, resume))
          return
        }
        const upserted: T[] = []
        const deleted: T[] = []
        for (const [index, item] of page.right.items.entries()) {
          const ms = Date.parse(item.updated_at)
          if (Number.isNaN(ms)) {
            yield E.left(withCursor(badTimestamp(page.right.response, index, item.updated_at), resume))
            return
          }
          const gone = spec.isDeleted(item)
          const version = rank(ms, gone)
          const before = fresh.get(item.id) ?? near.get(item.id)
          // Equal updated_at: this version was delivered already (the overlap lists it again).
          if (before !== undefined && before >= version) continue
          ;(gone ? deleted : upserted).push(item)
          if (ms > highMs) {
            high = item.updated_at
            highMs = ms
          }
          // Only rows near the high can be listed again (by the next sync's overlap): keep the map small.
          if (ms >= highMs - overlapMs) fresh.set(item.id, version)
        }
        for (const [id, version] of fresh) if (version < rank(highMs - overlapMs, false)) fresh.delete(id)
        const nextAfter = page.right.nextAfter
        const state: CursorState =
          nextAfter === undefined
            ? // Done: the next sync lists again from high - overlap; remember what it will see twice.
              {
                api,
                ...(accountId === undefined ? {} : { account: accountId }),
                ...(high === undefined ? {} : { high }),
                near: remember(fresh, highMs - overlapMs, highMs),
              }
            : {
                api,
                ...(accountId === undefined ? {} : { account: accountId }),
                ...(high === undefined ? {} : { high }),
                ...(since === undefined ? {} : { since }),
                after: nextAfter,
                // Later pages may still hold rows the previous sync delivered, down to this sync's since.
                near: remember(near, sinceMs, highMs),
                fresh: remember(fresh, highMs - overlapMs, highMs),
              }
        resume = encodeCursor(state)
        yield E.right({ upserted, deleted, cursor: resume, caughtUp: nextAfter === undefined })
      }
    },
  })
