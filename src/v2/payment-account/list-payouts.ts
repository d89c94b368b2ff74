/** The `listPayouts` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineListOperation } from '../../core/lists/pagination.js'
import { v2 } from '../api.js'
import { Payout } from './models.js'

/**
 * Lists payout requests (`GET /v2/payment-account/payouts`, no trailing slash, unlike `createPayout`; client
 * credentials): "List of payout requests", https://docs.bridgeapi.io/v2021.06.01/reference/payout-requests
 * (operationId `payout-requests`).
 * Uncertain: the list envelope is not captured in the 2021-06-01 reference; read as the v2 list
 * (`{ resources, pagination }`), and a page without `pagination` is the last one. No query parameter is
 * documented: `limit` and `after` are sent only when you give them.
 *
 * @param ctx - the context (client credentials).
 * @param params - optional `limit` and `after` (not documented for this list).
 * @returns a lazy async iterable of `Either<BridgeError, Payout>`.
 * @example
 * ```ts
 * import { collect, createContext, listPayouts } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const payouts = await collect(listPayouts(ctx))()
 * ```
 */
export const listPayouts = defineListOperation({
  name: 'listPayouts',
  api: v2,
  auth: 'client',
  params: v.object({}),
  path: () => '/v2/payment-account/payouts',
  item: Payout,
})
