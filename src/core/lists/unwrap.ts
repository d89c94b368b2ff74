/** unwrap: a TaskEither as a Promise that throws a BridgeException, for code that prefers exceptions. */
import type { TaskEither } from 'fp-ts/TaskEither'
import { type BridgeError, formatError } from '../errors.js'

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

  /** @param error - the typed error the task returned. */
  constructor(error: E) {
    super(formatError(error))
    this.error = error
  }

  /** @returns `{ name, message, error }`, so logging the exception as JSON keeps the typed error. */
  toJSON(): { name: string; message: string; error: E } {
    return { name: this.name, message: this.message, error: this.error }
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
export const unwrap = async <E extends BridgeError, A>(task: TaskEither<E, A>): Promise<A> => {
  const result = await task()
  if (result._tag === 'Left') throw new BridgeException(result.left)
  return result.right
}
