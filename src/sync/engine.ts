/** The sync engine: lists changes since a cursor in batches and yields the next cursor. */
import * as v from 'valibot'
import type { ApiVersion } from '../core/api-version.js'
import { ClockFailure, clockError, readClock } from '../core/clock.js'
import type { Context } from '../core/context.js'
import * as E from '../core/either.js'
import {
  type BridgeError,
  type InputValidationError,
  inputError,
  type ResponseValidationError,
} from '../core/errors.js'
import { parseParams } from '../core/http/pipeline.js'
import { callOptionsError, type RawResponse } from '../core/http/request.js'
import { LIST_OPTION_KEYS, type ListOptions, type Page, type Paginated } from '../core/lists/pagination.js'
import { IdParam, LimitParam } from '../core/schema.js'
import {
  bindingOf,
  type CursorState,
  decodeCursor,
  encodeCursor,
  fingerprint,
  Instant,
  MAX_PAGES_REMEMBERED,
  MAX_REMEMBERED,
} from './cursor.js'

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
   * Where to start next time: an opaque, checksummed (or signed, with `cursorKeys`) string of at most
   * 16 384 characters, usually a few hundred, to store once this batch is handled. Starting from it
   * misses nothing; it may deliver again rows already handled (see the README's guarantee).
   */
  readonly cursor: string
  /**
   * `true` on the last batch of a pass (the last page of a listing that began at Bridge's time T):
   * every change Bridge stamped before T minus the overlap has been delivered. Changes made since may
   * have been delivered too; the next sync lists from T minus the overlap.
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
  /**
   * Instead of a cursor: start from this instant (ISO 8601 UTC), e.g. after a cursor was refused.
   * Changes stamped at or after it are listed.
   */
  readonly since?: string
  /** Only this account's transactions. A cursor belongs to one account (or to all). */
  readonly accountId?: number
  /** Transactions per page (one page = one batch), 1..500. Default 500. */
  readonly limit?: number
}

/** Options of a sync: those of every list, plus the overlap window. */
export interface SyncOptions extends ListOptions {
  /**
   * How far before T (Bridge's time when the previous sync began) the next sync starts, in ms (default
   * 60 000): Bridge may stamp a change up to this much behind its own clock and it is still caught.
   * What was already delivered is skipped by id and `updated_at` (up to 200 rows; past that, delivered again).
   */
  readonly overlapMs?: number
  /**
   * Keys (16+ characters) that sign cursors with HMAC-SHA-256 so that an edited cursor is refused:
   * the first signs, all verify, so a key can be rotated without refusing stored cursors.
   */
  readonly cursorKeys?: readonly string[]
}

/** How the sync reads one API version's changes. */
export interface SyncSpec<T extends SyncItem> {
  readonly name: string
  readonly api: ApiVersion
  /** Lists the changes after `since` (everything without it), in any order. */
  readonly list: (
    ctx: Context,
    query: { accountId?: number; since?: string; after?: string; limit: number },
    options: ListOptions,
  ) => Paginated<T>
  /** Whether a row is a deletion (`deleted` in 2025-01-15, `is_deleted` in 2021-06-01). */
  readonly isDeleted: (item: T) => boolean
}

const DEFAULT_OVERLAP_MS = 60_000
/** When Bridge sends neither `generated_at` nor a `Date` header, T is the caller's clock minus this margin. */
export const CALLER_CLOCK_MARGIN_MS = 300_000

const SyncParamsSchema = v.object({
  cursor: v.optional(v.string()),
  since: v.optional(Instant),
  accountId: v.optional(IdParam),
  limit: v.optional(LimitParam),
})

/** The keys of {@link SyncOptions}: any other is refused by name. */
const SYNC_OPTION_KEYS = [...LIST_OPTION_KEYS, 'overlapMs', 'cursorKeys']

const OptionsSchema = v.object({
  overlapMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(86_400_000))),
  cursorKeys: v.optional(
    v.pipe(
      v.array(v.pipe(v.string(), v.minLength(16, 'must be at least 16 characters'))),
      v.minLength(1),
      v.maxLength(8),
    ),
  ),
})

const refused = (name: string, path: string, message: string): InputValidationError =>
  inputError(name, `Invalid parameters for ${name}: ${path} ${message}`, [{ path, message }])

/** The list's own `resumeAfter` (a Bridge page cursor) means nothing to the caller of a sync. */
const withCursor = (error: BridgeError, cursor: string): SyncError => {
  const { resumeAfter: _, ...rest } = error as BridgeError & { resumeAfter?: string }
  return { ...(rest as BridgeError), resumeCursor: cursor }
}

/** A page Bridge should not have sent; the message names the place, never a value from the response. */
const badPage = (raw: RawResponse, path: string, message: string): ResponseValidationError => ({
  _tag: 'ResponseValidationError',
  status: raw.status,
  method: 'GET',
  path: new URL(raw.url, 'http://bridge.invalid').pathname,
  message: `Unexpected response from Bridge: ${path} ${message}`,
  issues: [{ path, message }],
  body: raw.body,
})

/** A row's version order: by `updated_at`, and a deletion after the row at an equal `updated_at`. */
const rank = (ms: number, deleted: boolean): number => ms * 2 + (deleted ? 1 : 0)

/**
 * T, the server's time when a listing began: the page's `generated_at`, else its `Date` header
 * (whole seconds), else the caller's clock minus {@link CALLER_CLOCK_MARGIN_MS}.
 */
const serverTime = (page: Page<unknown>, callerNow: number): number => {
  const generated = page.generatedAt === undefined ? Number.NaN : Date.parse(page.generatedAt)
  const header = Math.floor(Date.parse(page.response.headers.date ?? '') / 1000) * 1000
  // generated_at is finer, but never trusted past the Date header's second: T must not pass Bridge's clock.
  if (!Number.isNaN(generated)) return Number.isNaN(header) ? generated : Math.min(generated, header + 999)
  if (!Number.isNaN(header)) return header
  return callerNow - CALLER_CLOCK_MARGIN_MS
}

const userOf = (ctx: Context): string => {
  const user = ctx.user
  if (user === undefined) return ''
  return user.kind === 'uuid'
    ? `uuid:${user.uuid}`
    : user.kind === 'external'
      ? `external:${user.externalUserId}`
      : `email:${user.email}`
}

/**
 * Keeps the rows that a later listing may serve again: the rows carried from the previous pass at or
 * after `carriedFloorMs` (later pages of this pass may hold them), then this pass's rows at or after
 * `floorMs`, newest first, up to {@link MAX_REMEMBERED}. A row left out is only delivered again.
 */
const remember = (
  seen: Map<number, number>,
  floorMs: number,
  carried: ReadonlySet<number> = new Set(),
  carriedFloorMs = floorMs,
): [number, number][] => {
  const fromBefore = [...seen].filter(
    ([id, version]) => carried.has(id) && version >= rank(carriedFloorMs, false),
  )
  const fromThisPass = [...seen]
    .filter(([id, version]) => !carried.has(id) && version >= rank(floorMs, false))
    .sort((a, b) => b[1] - a[1])
  return [...fromBefore, ...fromThisPass].slice(0, MAX_REMEMBERED)
}

/**
 * Turns one API version's change list into its `syncTransactions`: one implementation for both versions.
 * A pass lists the changes stamped at or after its `since` (everything on the first), page by page,
 * each page one batch. T is the server's time when the pass began; the next pass starts at T minus
 * the overlap, never at the largest `updated_at` seen, so a change stamped up to the overlap behind
 * Bridge's clock, even one made while this pass was running or stopped, is listed by the next one.
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
      const unknownOption = callOptionsError(spec.name, options, SYNC_OPTION_KEYS)
      if (unknownOption) {
        yield E.left(unknownOption)
        return
      }
      const { overlapMs: optionOverlap, cursorKeys: optionKeys, ...listOptions } = options
      const checkedOptions = parseParams(spec.name, OptionsSchema, {
        overlapMs: optionOverlap,
        cursorKeys: optionKeys,
      })
      if (E.isLeft(checkedOptions)) {
        yield checkedOptions
        return
      }
      const overlapMs = checkedOptions.right.overlapMs ?? DEFAULT_OVERLAP_MS
      const keys = checkedOptions.right.cursorKeys ?? []
      const { cursor, since: sinceParam, accountId, limit = 500 } = parsed.right
      if (cursor !== undefined && sinceParam !== undefined) {
        yield E.left(refused(spec.name, 'since', 'cannot be given with a cursor'))
        return
      }
      const api = spec.api.bridgeVersion
      const bind = await bindingOf([ctx.clientId, userOf(ctx), api, String(accountId ?? '')])
      const account = accountId === undefined ? {} : { account: accountId }
      let start: CursorState = {
        api: api as CursorState['api'],
        bind,
        ...account,
        ...(sinceParam === undefined ? {} : { since: sinceParam }),
        seen: [],
      }
      if (cursor !== undefined) {
        const decoded = await decodeCursor(cursor, keys)
        if (!decoded.ok) {
          yield E.left(
            refused(spec.name, 'cursor', `${decoded.why}; start again from an instant with { since }`),
          )
          return
        }
        const state = decoded.state
        const why =
          state.api !== api
            ? `comes from API version ${state.api}, not ${api}`
            : state.account !== accountId
              ? 'belongs to another accountId'
              : state.bind !== bind
                ? 'belongs to another client or user'
                : (state.after === undefined) !== (state.at === undefined)
                  ? 'holds an invalid state'
                  : undefined
        if (why !== undefined) {
          yield E.left(refused(spec.name, 'cursor', why))
          return
        }
        start = state
      }

      let resume = cursor ?? (await encodeCursor(start, keys))
      let since = start.since
      let at = start.at === undefined ? undefined : Date.parse(start.at)
      let after = start.after
      const pages = new Set(start.pages ?? [])
      // Rows delivered that this listing may serve again, by id: the rank of the version delivered.
      const seen = new Map(start.seen)
      // Rows the previous pass delivered: this pass's later pages may list them again, down to its since.
      const carried = new Set(seen.keys())

      for (let restarts = 0; ; restarts++) {
        const listing = spec
          .list(
            ctx,
            {
              ...(accountId === undefined ? {} : { accountId }),
              ...(since === undefined ? {} : { since }),
              ...(after === undefined ? {} : { after }),
              limit,
            },
            listOptions,
          )
          .pages()
        let restart = false
        for await (const page of listing) {
          if (E.isLeft(page)) {
            yield E.left(withCursor(page.left, resume))
            return
          }
          if (at === undefined) {
            const now = readClock(ctx.clock)
            if (now instanceof ClockFailure) {
              yield E.left(withCursor(clockError(spec.name, now), resume))
              return
            }
            at = serverTime(page.right, now)
            // A since after the server's clock cannot be right (a forged or future cursor): list everything again.
            if (since !== undefined && Date.parse(since) > at && restarts === 0) {
              since = undefined
              at = undefined
              seen.clear()
              carried.clear()
              restart = true
              break
            }
          }
          const upserted: T[] = []
          const deleted: T[] = []
          for (const [index, item] of page.right.items.entries()) {
            const ms = Date.parse(item.updated_at)
            if (Number.isNaN(ms)) {
              const error = badPage(page.right.response, `resources.${index}.updated_at`, 'is not an instant')
              yield E.left(withCursor(error, resume))
              return
            }
            const gone = spec.isDeleted(item)
            const version = rank(ms, gone)
            const before = seen.get(item.id)
            // This version was delivered already (the overlap, or a page served again): skip it.
            if (before !== undefined && before >= version) continue
            ;(gone ? deleted : upserted).push(item)
            seen.set(item.id, version)
          }
          const nextAfter = page.right.nextAfter
          if (nextAfter !== undefined) {
            const print = fingerprint(nextAfter)
            if (pages.has(print)) {
              const error = badPage(
                page.right.response,
                'pagination.next_uri',
                'repeats an earlier cursor of this sync (the list loops)',
              )
              yield E.left(withCursor(error, resume))
              return
            }
            pages.add(print)
            if (pages.size > MAX_PAGES_REMEMBERED) pages.delete(pages.values().next().value as number)
          }
          const nextSince = at - overlapMs
          const state: CursorState =
            nextAfter === undefined
              ? {
                  api: start.api,
                  bind,
                  ...account,
                  since: new Date(nextSince).toISOString(),
                  seen: remember(seen, nextSince),
                }
              : {
                  api: start.api,
                  bind,
                  ...account,
                  ...(since === undefined ? {} : { since }),
                  at: new Date(at).toISOString(),
                  after: nextAfter,
                  pages: [...pages],
                  seen: remember(
                    seen,
                    nextSince,
                    carried,
                    since === undefined ? nextSince : Math.min(Date.parse(since), nextSince),
                  ),
                }
          resume = await encodeCursor(state, keys)
          yield E.right({ upserted, deleted, cursor: resume, caughtUp: nextAfter === undefined })
        }
        if (!restart) return
        after = undefined
        pages.clear()
      }
    },
  })
