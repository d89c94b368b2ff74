/** The `parseConnectCallback` helper (2025-01-15): reads the URL Connect redirects the user back to. */
import * as v from 'valibot'
import { type ConnectCallbackStep, callbackEntries, readCallback } from '../../common/connect-callback.js'
import * as E from '../../core/either.js'
import type { InputValidationError } from '../../core/errors.js'
import { sessionOptionEntries } from './models.js'

/**
 * What Bridge Connect appended to your `callback_url` (2025-01-15): `success`, `user_uuid`, `item_id`,
 * `step`, `source`, `context`. Untrusted: it came from the user's browser (see {@link parseConnectCallback}).
 *
 * @example
 * ```ts
 * import type { ConnectCallback } from 'bridgeapi'
 * const describe = (callback: ConnectCallback) =>
 *   callback.success ? `item ${callback.itemId} connected` : `left at ${callback.step ?? 'an unknown step'}`
 * ```
 */
export type ConnectCallback = {
  /** The Bridge user (`user_uuid`). */
  readonly userUuid: string
  /** Where the user left the flow (`step`; Bridge sends it when `success` is `false`). */
  readonly step?: ConnectCallbackStep
  /** The flow (`source`): `connect`. */
  readonly source?: 'connect' | (string & {})
  /** Your `context`, as given to `createConnectSession`. */
  readonly context?: string
} & (
  | {
      readonly success: true
      /** The item added or updated (`item_id`). */
      readonly itemId: number
    }
  | { readonly success: false; readonly itemId?: number }
)

const NAMES = ['success', 'user_uuid', 'item_id', 'step', 'source', 'context'] as const

const CallbackQuery = v.object({ ...callbackEntries, context: sessionOptionEntries.context })

/**
 * Reads the query parameters Bridge Connect adds to your `callback_url` at the end of a Connect session
 * (docs.bridgeapi.io/docs/end-of-the-connect-flow). Strict on what Bridge documents: `success` must be
 * `true` or `false`, `user_uuid` a UUID, `item_id` a positive integer (required when `success` is
 * `true`), `context` as `createConnectSession` accepts it, none of them twice. Other parameters are
 * ignored: your callback URL may carry its own, and Bridge may add some. Bridge sends no error
 * parameter: a failure is `success: false` with the `step` the user left at.
 *
 * **The result is not proof of anything:** anyone can open your callback URL with any parameters.
 * Confirm with `getItem` (for the user you expect) before acting on it, and rely on webhooks for the
 * item's progress. Never throws.
 *
 * @param url - the callback request's URL (absolute, or a path with its query).
 * @returns the {@link ConnectCallback}, or an `InputValidationError` naming each bad parameter.
 * @example
 * ```ts
 * import { createContext, getItem, parseConnectCallback } from 'bridgeapi'
 *
 * const onCallback = async (request: Request, customerId: string): Promise<Response> => {
 *   const callback = parseConnectCallback(request.url)
 *   if (callback._tag === 'Left') return new Response('Bad callback', { status: 400 })
 *   if (!callback.right.success) return new Response(`Connection stopped at ${callback.right.step}`)
 *   // Untrusted until Bridge confirms the item belongs to this customer.
 *   const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { externalUserId: customerId } })
 *   const item = await getItem(ctx, { itemId: callback.right.itemId })()
 *   if (item._tag === 'Left') return new Response('Unknown item', { status: 404 })
 *   return new Response(`Connected: item ${item.right.id}, status ${item.right.status}`)
 * }
 * ```
 */
export const parseConnectCallback = (url: string | URL): E.Either<InputValidationError, ConnectCallback> => {
  const read = readCallback(url, CallbackQuery, NAMES)
  if (E.isLeft(read)) return read
  const { success, user_uuid, item_id, step, source, context } = read.right
  const fields = {
    userUuid: user_uuid,
    ...(step !== undefined && { step }),
    ...(source !== undefined && { source }),
    ...(context !== undefined && { context }),
  }
  return E.right(
    success && item_id !== undefined
      ? { success, itemId: item_id, ...fields }
      : { success: false, ...(item_id !== undefined && { itemId: item_id }), ...fields },
  )
}
