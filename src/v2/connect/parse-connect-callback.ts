/** The `parseConnectCallback` helper (2021-06-01): reads the URL Connect redirects the user back to. */
import * as v from 'valibot'
import { type ConnectCallbackStep, callbackEntries, readCallback } from '../../common/connect-callback.js'
import * as E from '../../core/either.js'
import type { InputValidationError } from '../../core/errors.js'
import { ConnectOptionsParams } from '../params.js'

/**
 * What Bridge Connect appended to your redirect URL (2021-06-01): `success`, `user_uuid`, `item_id`,
 * `step`, `source`, `context`, `iban_matching`. `success` is absent when Bridge appended only the
 * user (the user quit, or the sync failed). Untrusted: it came from the user's browser (see
 * {@link parseConnectCallback}).
 *
 * @example
 * ```ts
 * import type { ConnectCallback } from 'bridgeapi/v2'
 * const describe = (callback: ConnectCallback) =>
 *   callback.success ? `item ${callback.itemId} connected` : `stopped at ${callback.step ?? 'an unknown step'}`
 * ```
 */
export type ConnectCallback = {
  /** The Bridge user (`user_uuid`). */
  readonly userUuid: string
  /** Where the user left the flow (`step`; Bridge sends it when `success` is `false`). */
  readonly step?: ConnectCallbackStep
  /** The flow (`source`): `connect`, `pay` or `manage`. */
  readonly source?: 'connect' | 'pay' | 'manage' | (string & {})
  /** Your `context`, as given to `connectItem` (or another Connect URL). */
  readonly context?: string
  /** How the IBAN was matched (`iban_matching`), with `connectItem`'s `iban` only. */
  readonly ibanMatching?: 'auto' | 'manual' | 'none' | (string & {})
} & (
  | {
      readonly success: true
      /** The item added, edited or refreshed (`item_id`). */
      readonly itemId: number
    }
  | { readonly success?: false; readonly itemId?: number }
)

const NAMES = ['success', 'user_uuid', 'item_id', 'step', 'source', 'context', 'iban_matching'] as const

const NAME = /^[a-z0-9_]{1,64}$/
const CallbackQuery = v.object({
  ...callbackEntries,
  // "If the user exits or the sync fails, only user_uuid may be appended" (docs, first synchronisation).
  success: v.optional(callbackEntries.success),
  context: ConnectOptionsParams.context,
  iban_matching: v.optional(v.pipe(v.string(), v.regex(NAME, 'must be a lower-case name'))),
})

/**
 * Reads the query parameters Bridge Connect adds to your redirect URL when the user leaves a Connect
 * URL (`connectItem`, `editItem`, `manageScaSyncItem`…; docs.bridgeapi.io/v2021.06.01/docs/out-of-the-bridge-connect).
 * Strict on what Bridge documents: `success` must be `true` or `false` when present, `user_uuid` a
 * UUID, `item_id` a positive integer (required when `success` is `true`), none of them twice. Other
 * parameters are ignored: your redirect URL may carry its own, and Bridge may add some. Bridge sends
 * no error parameter: a failure is `success: false` with the `step` the user left at.
 *
 * **The result is not proof of anything:** anyone can open your redirect URL with any parameters.
 * Confirm with `getItem` before acting on it, and rely on webhooks for the item's progress. Never throws.
 *
 * @param url - the callback request's URL (absolute, or a path with its query).
 * @returns the {@link ConnectCallback}, or an `InputValidationError` naming each bad parameter.
 * @example
 * ```ts
 * import { createContext, getItem, parseConnectCallback } from 'bridgeapi/v2'
 *
 * const onRedirect = async (request: Request): Promise<Response> => {
 *   const callback = parseConnectCallback(request.url)
 *   if (callback._tag === 'Left') return new Response('Bad callback', { status: 400 })
 *   if (!callback.right.success) return new Response(`Connection stopped at ${callback.right.step}`)
 *   // Untrusted until Bridge confirms the item belongs to this user.
 *   const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 *   const item = await getItem(ctx, { itemId: callback.right.itemId })()
 *   if (item._tag === 'Left') return new Response('Unknown item', { status: 404 })
 *   return new Response(`Connected: item ${item.right.id}, status ${item.right.status}`)
 * }
 * ```
 */
export const parseConnectCallback = (url: string | URL): E.Either<InputValidationError, ConnectCallback> => {
  const read = readCallback(url, CallbackQuery, NAMES)
  if (E.isLeft(read)) return read
  const { success, user_uuid, item_id, step, source, context, iban_matching } = read.right
  const fields = {
    userUuid: user_uuid,
    ...(step !== undefined && { step }),
    ...(source !== undefined && { source }),
    ...(context !== undefined && { context }),
    ...(iban_matching !== undefined && { ibanMatching: iban_matching }),
  }
  if (success && item_id !== undefined) return E.right({ success, itemId: item_id, ...fields })
  return E.right({
    ...(success === false && { success }),
    ...(item_id !== undefined && { itemId: item_id }),
    ...fields,
  })
}
