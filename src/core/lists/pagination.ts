/** List endpoints: defineListOperation, the async iterator over pages, and collect. */
import type { TaskEither } from 'fp-ts/TaskEither'
import * as v from 'valibot'
import type { ApiVersion } from '../api-version.js'
import type { Context } from '../context.js'
import { withSpec } from '../define/operation.js'
import * as E from '../either.js'
import {
  type BridgeError,
  type CollectLimitError,
  inputError,
  type ListError,
  type ResponseValidationError,
} from '../errors.js'
import { checkInput, exchange } from '../http/pipeline.js'
import type { Query } from '../http/query.js'
import {
  CALL_OPTION_KEYS,
  type CallOptions,
  decodeBody,
  type RawResponse,
  type Received,
  redactedFor,
  redactedResponse,
} from '../http/request.js'
import type { AuthLevel } from '../http/types.js'
import { CursorParam, LimitParam } from '../schema.js'
import { asTask } from '../task.js'

/** One page of a list, with what is needed to fetch it again or continue after it. */
export interface Page<T> {
  readonly items: readonly T[]
  /** The cursor that fetched this page (`undefined` for the first page). Pass it as `after` to fetch it again. */
  readonly after?: string
  /** The cursor of the next page; `undefined` on the last page. */
  readonly nextAfter?: string
  /** `generated_at` of the page, when Bridge sends it. */
  readonly generatedAt?: string
  /** The HTTP response of this page; secrets the server echoed in it are `[redacted]` (see `withResponse`). */
  readonly response: RawResponse
}

/**
 * A lazy list: iterate it with `for await` to get every item as an `Either` (the iteration ends
 * after a `Left`, a {@link ListError} whose `resumeAfter` says where to resume), or call `pages()` to go page by page.
 * Nothing is requested before iteration starts, and `break` stops all further requests.
 */
export interface Paginated<T> extends AsyncIterable<E.Either<ListError, T>> {
  /** Iterates page by page, with each page's cursors and raw response. */
  pages(): AsyncIterable<E.Either<ListError, Page<T>>>
}

/** Options of list endpoints: those of every call, plus page prefetching. */
export interface ListOptions extends CallOptions {
  /**
   * Request page N+1 while the caller is still consuming page N (at most one page ahead).
   * Default `false`: it sends a request the caller may not need when it stops early.
   */
  readonly prefetch?: boolean
}

/** The keys of {@link ListOptions}: any other is refused by name. */
export const LIST_OPTION_KEYS: readonly string[] = [...CALL_OPTION_KEYS, 'prefetch']

/** The list parameters the engine handles itself: page size and resume cursor. */
export interface PageParams {
  /** Items per page, 1..500 (Bridge's default: 50). */
  readonly limit?: number
  /** Start after this cursor (from `Page.nextAfter` or an error's `resumeAfter`). */
  readonly after?: string
}

/** What a list endpoint file declares. */
export interface ListSpec<S extends v.ObjectSchema<v.ObjectEntries, any>, I extends v.GenericSchema> {
  readonly name: string
  readonly api: ApiVersion
  readonly auth: AuthLevel
  /** Filters (without `limit` and `after`, which the engine adds). */
  readonly params: S
  readonly path: (params: v.InferOutput<S>) => string
  readonly query?: (params: v.InferOutput<S>) => Query
  /** Schema of one item of `resources`. */
  readonly item: I
}

const envelope = <I extends v.GenericSchema>(item: I) =>
  v.looseObject({
    resources: v.array(item),
    pagination: v.optional(v.nullable(v.looseObject({ next_uri: v.nullish(v.string()) }))),
    generated_at: v.optional(v.nullable(v.string())),
  })

const paginationError = (
  received: Received,
  path: string,
  message: string,
  body: unknown,
): ResponseValidationError =>
  // The page may echo the request's secrets: the error goes through the one redaction, like every other.
  redactedFor(received, {
    _tag: 'ResponseValidationError',
    status: received.raw.status,
    method: 'GET',
    path,
    message: `Unexpected response from Bridge: pagination.next_uri: ${message}`,
    issues: [{ path: 'pagination.next_uri', message }],
    body,
  })

/** Reads the `after` cursor out of `next_uri`; `null`, `"null"` and absent mean "last page". */
const cursorOf = (nextUri: string | null | undefined): E.Either<string, string | undefined> => {
  if (nextUri === undefined || nextUri === null || nextUri === '' || nextUri === 'null')
    return E.right(undefined)
  let after: string | null
  try {
    after = new URL(nextUri, 'http://bridge.invalid').searchParams.get('after')
  } catch {
    return E.left('is not a URI')
  }
  return after ? E.right(after) : E.left('has no `after` cursor')
}

const withResume = (error: BridgeError, after: string | undefined): ListError =>
  error._tag === 'InputValidationError' || after === undefined ? error : { ...error, resumeAfter: after }

/**
 * Turns a list endpoint declaration into its public function, returning a {@link Paginated}.
 * The original filters are re-sent with every page's `after` cursor.
 */
/* @__NO_SIDE_EFFECTS__ */ export const defineListOperation = <
  S extends v.ObjectSchema<v.ObjectEntries, any>,
  I extends v.GenericSchema,
>(
  spec: ListSpec<S, I>,
) => {
  const paramsSchema = v.object({
    ...spec.params.entries,
    limit: v.optional(LimitParam),
    after: v.optional(CursorParam),
  })
  const pageSchema = envelope(spec.item)
  type Item = v.InferOutput<I>

  const list = (
    ctx: Context,
    params?: v.InferInput<S> & PageParams,
    given?: ListOptions,
  ): Paginated<Item> => {
    // `null` from JavaScript callers means no options, like `undefined`.
    const options = given ?? {}
    const fetchPage = async (
      filters: v.InferOutput<S>,
      limit: number | undefined,
      after: string | undefined,
      seen: Set<string>,
    ): Promise<E.Either<ListError, Page<Item>>> => {
      const path = spec.path(filters)
      const query: Query = { ...spec.query?.(filters), limit, after }
      const sent = await exchange(
        ctx,
        spec.auth,
        { operation: spec.name, api: spec.api, method: 'GET', path, query },
        options,
      )
      if (E.isLeft(sent)) return E.left(withResume(sent.left, after))
      const decoded = decodeBody(sent.right, pageSchema, 'GET', path)
      if (E.isLeft(decoded)) return E.left(withResume(decoded.left, after))
      const page = decoded.right as v.InferOutput<typeof pageSchema>
      const next = cursorOf(page.pagination?.next_uri)
      if (E.isLeft(next)) return E.left(withResume(paginationError(sent.right, path, next.left, page), after))
      // Any cursor seen before (A→B→A, not only A→A) would loop forever: the page is refused whole.
      if (next.right !== undefined && (next.right === after || seen.has(next.right))) {
        const which = next.right === after ? 'the current cursor' : 'an earlier cursor (the list loops)'
        return E.left(withResume(paginationError(sent.right, path, `repeats ${which}`, page), after))
      }
      if (next.right !== undefined) seen.add(next.right)
      let response: RawResponse | undefined
      return E.right({
        items: page.resources as Item[],
        ...(after !== undefined ? { after } : {}),
        ...(next.right !== undefined ? { nextAfter: next.right } : {}),
        ...(page.generated_at ? { generatedAt: page.generated_at } : {}),
        // Redacted on first read: most callers never look, and a 500-item body is long to scan.
        get response() {
          response ??= redactedResponse(sent.right)
          return response
        },
      })
    }

    async function* pages(): AsyncGenerator<E.Either<ListError, Page<Item>>> {
      // Checked once for the whole list: every page is then only sent and decoded.
      const parsed = checkInput(ctx, spec.name, paramsSchema, params, options, LIST_OPTION_KEYS)
      if (E.isLeft(parsed)) {
        yield parsed
        return
      }
      const { limit, after: start, ...filters } = parsed.right
      /** Every cursor of this iteration so far, to detect a `next_uri` cycle. */
      const seen = new Set<string>(start === undefined ? [] : [start])
      let pending: Promise<E.Either<ListError, Page<Item>>> | undefined = fetchPage(
        filters as v.InferOutput<S>,
        limit,
        start,
        seen,
      )
      while (pending) {
        const result: E.Either<ListError, Page<Item>> = await pending
        pending = undefined
        if (E.isLeft(result)) {
          yield result
          return
        }
        const nextAfter: string | undefined = result.right.nextAfter
        const fetchNext = (): Promise<E.Either<ListError, Page<Item>>> =>
          fetchPage(filters as v.InferOutput<S>, limit, nextAfter, seen)
        // With prefetch, the next page is requested before this one is handed to the caller.
        if (nextAfter !== undefined && options.prefetch) pending = fetchNext()
        yield result
        if (nextAfter !== undefined && !pending) pending = fetchNext()
      }
    }

    return {
      pages,
      async *[Symbol.asyncIterator]() {
        for await (const page of pages()) {
          if (E.isLeft(page)) {
            yield page
            return
          }
          for (const item of page.right.items) yield E.right(item)
        }
      },
    }
  }
  return withSpec(list, { ...spec, method: 'GET', list: true }) as {} extends v.InferInput<S>
    ? (ctx: Context, params?: v.InferInput<S> & PageParams, options?: ListOptions) => Paginated<Item>
    : (ctx: Context, params: v.InferInput<S> & PageParams, options?: ListOptions) => Paginated<Item>
}

/** Options of {@link collect}. */
export interface CollectOptions {
  /** Most items to hold in memory; a longer list fails with `CollectLimitError`. Default 10 000. */
  readonly max?: number
}

/**
 * Reads a whole list into an array, refusing to grow past `max` items instead of eating memory.
 *
 * @param list - a list, e.g. `listAccounts(ctx)`.
 * @param options - `max` items (default 10 000).
 * @returns a task of every item, or the first error (a `CollectLimitError` past `max`).
 * @example
 * ```ts
 * import { collect, createContext, listAccounts } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { externalUserId: 'u-1' } })
 * const accounts = await collect(listAccounts(ctx), { max: 1000 })()
 * ```
 */
export const collect = <T>(list: Paginated<T>, options?: CollectOptions): TaskEither<ListError, T[]> =>
  asTask(async () => {
    if (typeof (list as Partial<Paginated<T>> | null | undefined)?.pages !== 'function') {
      const message = 'list must be what a list endpoint returns, e.g. listAccounts(ctx)'
      return E.left(
        inputError('collect', `Invalid list for collect: ${message}`, [{ path: 'list', message }]),
      )
    }
    const max = options?.max ?? 10_000
    const items: T[] = []
    for await (const page of list.pages()) {
      if (E.isLeft(page)) return page
      if (items.length + page.right.items.length > max) {
        const error: CollectLimitError = {
          _tag: 'CollectLimitError',
          max,
          message: `The list has more than ${max} items; iterate it instead, or raise max`,
          ...(page.right.after !== undefined ? { resumeAfter: page.right.after } : {}),
        }
        return E.left(error)
      }
      items.push(...page.right.items)
    }
    return E.right(items)
  })
