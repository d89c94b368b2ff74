/**
 * unwrap: a task as a Promise, or a list or sync as plain values, that throws a BridgeException: for
 * code that prefers exceptions.
 */
import type { Either } from 'fp-ts/Either'
import type { TaskEither } from 'fp-ts/TaskEither'
import { type BridgeError, formatError, inputError } from '../errors.js'

/**
 * What {@link unwrap} rejects with: one `Error` carrying the SDK's typed error in `error`. Its message is
 * {@link formatError}'s line; like the typed error, it holds no secret (`JSON.stringify` and
 * `util.inspect` show the tag, message and typed error only).
 *
 * @example
 * ```ts
 * import { BridgeException, createContext, getAccount, unwrap } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { externalUserId: 'u-1' } })
 * try {
 *   console.log(await unwrap(getAccount(ctx, { accountId: 123 })))
 * } catch (exception) {
 *   if (exception instanceof BridgeException && exception.error._tag === 'ApiError') console.log(exception.error.status)
 * }
 * ```
 */
export class BridgeException<E extends BridgeError = BridgeError> extends Error {
  override readonly name = 'BridgeException'
  /** The typed error: switch on `error._tag`. */
  readonly error: E
  /** From a list: the cursor of the page that failed; pass it as `after` to resume (see `ListError`). */
  readonly resumeAfter?: string
  /** From a sync: the cursor to start the sync again from (see `SyncError`). */
  readonly resumeCursor?: string

  /** @param error - the typed error the task, list or sync returned. */
  constructor(error: E) {
    super(formatError(error))
    this.error = error
    const { resumeAfter, resumeCursor } = error as { resumeAfter?: unknown; resumeCursor?: unknown }
    if (typeof resumeAfter === 'string') this.resumeAfter = resumeAfter
    if (typeof resumeCursor === 'string') this.resumeCursor = resumeCursor
  }

  /** @returns `{ name, message, error }`, so logging the exception as JSON keeps the typed error. */
  toJSON(): { name: string; message: string; error: E } {
    return { name: this.name, message: this.message, error: this.error }
  }
}

const notUnwrappable = (): BridgeException => {
  const message =
    'unwrap takes a task (getAccount(ctx, params), not its result), a list or a sync (listTransactions(ctx))'
  return new BridgeException(inputError('unwrap', message, [{ path: 'task', message }]))
}

const unwrapTask = async <E extends BridgeError, A>(task: TaskEither<E, A>): Promise<A> => {
  const result = await task()
  if (result._tag === 'Left') throw new BridgeException(result.left)
  return result.right
}

async function* unwrapStream<E extends BridgeError, A>(
  stream: AsyncIterable<Either<E, A>>,
): AsyncGenerator<A> {
  for await (const result of stream) {
    if (result._tag === 'Left') throw new BridgeException(result.left)
    yield result.right
  }
}

/**
 * Runs a task and resolves with its value, or rejects with a {@link BridgeException}: for code that
 * uses `async`/`await` and `try`/`catch` rather than fp-ts. Not importing it costs nothing (tree-shaken).
 *
 * @param task - any task the SDK returns, e.g. `getAccount(ctx, { accountId })` or `collect(list)`.
 * @returns a promise of the value; it rejects with a `BridgeException` whose `error` is the typed error.
 * @example
 * ```ts
 * import { collect, createContext, listAccounts, unwrap } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { externalUserId: 'u-1' } })
 * const accounts = await unwrap(collect(listAccounts(ctx)))
 * ```
 */
export function unwrap<E extends BridgeError, A>(task: TaskEither<E, A>): Promise<A>
/**
 * Iterates a list or a sync as plain values: each item (or sync batch), and on the first error a thrown
 * {@link BridgeException} whose `resumeAfter` (list) or `resumeCursor` (sync) says where to resume.
 * `break` stops all further requests, as with the list itself.
 *
 * @param stream - a list (`listTransactions(ctx)`), its `pages()`, or a sync (`syncTransactions(ctx)`).
 * @returns an async iterable of the values; iterating it throws a `BridgeException` on the first error.
 * @example
 * ```ts
 * import { BridgeException, createContext, listTransactions, unwrap } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { externalUserId: 'u-1' } })
 * try {
 *   for await (const tx of unwrap(listTransactions(ctx))) console.log(tx.amount)
 * } catch (exception) {
 *   if (exception instanceof BridgeException) console.error(exception.message, exception.resumeAfter)
 * }
 * ```
 */
export function unwrap<E extends BridgeError, A>(stream: AsyncIterable<Either<E, A>>): AsyncIterable<A>
/**
 * Runs a task (a promise of its value) or iterates a list or sync (its plain values), throwing a
 * {@link BridgeException} on an error; see the two signatures above.
 *
 * @param source - a task, a list or a sync the SDK returns.
 * @returns a promise of the task's value, or an async iterable of the list's or sync's values.
 * @example
 * ```ts
 * import { createContext, getProvider, unwrap } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const provider = await unwrap(getProvider(ctx, { providerId: 574 }))
 * ```
 */
export function unwrap<E extends BridgeError, A>(
  source: TaskEither<E, A> | AsyncIterable<Either<E, A>>,
): Promise<A> | AsyncIterable<A> {
  if (typeof source !== 'function')
    return typeof (source as Partial<AsyncIterable<unknown>> | null)?.[Symbol.asyncIterator] === 'function'
      ? unwrapStream(source)
      : Promise.reject(notUnwrappable())
  return unwrapTask(source)
}
