/** The `listRefunds` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineListOperation } from '../../core/lists/pagination.js'
import { v2 } from '../api.js'
import { Refund } from './models.js'

/**
 * Lists refund requests (`GET /v2/payment-refunds`, client credentials): "List of refund requests",
 * https://docs.bridgeapi.io/v2021.06.01/reference/list-of-refund-requests (operationId
 * `list-of-refund-requests`) and the guide https://docs.bridgeapi.io/v2021.06.01/docs/refund-your-customers-from-api.
 * Uncertain: the list envelope is not captured in the 2021-06-01 reference; read as the v2 list
 * (`{ resources, pagination }`), and a page without `pagination` is the last one. No query parameter is
 * documented: `limit` and `after` are sent only when you give them.
 *
 * @param ctx - the context (client credentials).
 * @param params - optional `limit` and `after` (not documented for this list).
 * @returns a lazy async iterable of `Either<BridgeError, Refund>`.
 * @example
 * ```ts
 * import { collect, createContext, listRefunds } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const refunds = await collect(listRefunds(ctx))()
 * ```
 */
export const listRefunds = defineListOperation({
  name: 'listRefunds',
  api: v2,
  auth: 'client',
  params: v.object({}),
  path: () => '/v2/payment-refunds',
  item: Refund,
})
