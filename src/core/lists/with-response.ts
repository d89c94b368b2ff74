/** withResponse: a call whose result comes with the HTTP response behind it. */
import type { TaskEither } from 'fp-ts/TaskEither'
import type { Context } from '../context.js'
import * as E from '../either.js'
import type { BridgeError } from '../errors.js'
import type { CallOptions, RawResponse } from '../http/request.js'
import { asTask } from '../task.js'

/** A result together with the HTTP response it came from. */
export interface WithResponse<T> {
  readonly data: T
  readonly response: RawResponse
}

type AnyOperation = (ctx: Context, params?: any, options?: CallOptions) => TaskEither<BridgeError, unknown>
type ResultOf<F> = F extends (...args: any[]) => TaskEither<BridgeError, infer R> ? R : never

/**
 * Wraps an endpoint function so that its result also carries the raw HTTP response (status,
 * headers, body) — the Python client's `result.response` — without weighing down other endpoints.
 *
 * @param operation - any non-list endpoint function, e.g. `getAccount`.
 * @returns the same function, resolving to `{ data, response }`.
 * @example
 * ```ts
 * import { createContext, getProvider, withResponse } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const result = await withResponse(getProvider)(ctx, { providerId: 574 })()
 * ```
 */
export const withResponse =
  <F extends AnyOperation>(operation: F) =>
  // `Parameters<F>` keeps the wrapped function's own signature: required params stay required.
  (...[ctx, params, options = {}]: Parameters<F>): TaskEither<BridgeError, WithResponse<ResultOf<F>>> =>
    asTask(async () => {
      let response: RawResponse | undefined
      const result = await operation(ctx, params, {
        ...options,
        onRawResponse: (raw: RawResponse) => {
          response = raw
          options.onRawResponse?.(raw)
        },
      })()
      if (E.isLeft(result)) return result
      return E.right({ data: result.right as ResultOf<F>, response: response as RawResponse })
    })
