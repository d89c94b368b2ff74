/** The `listBeneficiaries` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineListOperation } from '../../core/lists/pagination.js'
import { v2 } from '../api.js'
import { Beneficiary } from './models.js'

/**
 * Lists the payout beneficiaries of your payment account (`GET /v2/payment-account/beneficiaries`, client
 * credentials): "List of payout beneficiaries", https://docs.bridgeapi.io/v2021.06.01/reference/payout-beneficiaries
 * and the guide https://docs.bridgeapi.io/v2021.06.01/docs/payouts-from-the-api. Named like 2025-01-15's
 * `listBeneficiaries` (not the Bridge Transfer or payment-request beneficiaries).
 * Uncertain: the list envelope is not captured in the 2021-06-01 reference; read as the v2 list
 * (`{ resources, pagination }`), and a page without `pagination` is the last one. No query parameter is
 * documented: `limit` and `after` are sent only when you give them.
 *
 * @param ctx - the context (client credentials).
 * @param params - optional `limit` and `after` (not documented for this list).
 * @returns a lazy async iterable of `Either<BridgeError, Beneficiary>`.
 * @example
 * ```ts
 * import { collect, createContext, listBeneficiaries } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const beneficiaries = await collect(listBeneficiaries(ctx))()
 * ```
 */
export const listBeneficiaries = defineListOperation({
  name: 'listBeneficiaries',
  api: v2,
  auth: 'client',
  params: v.object({}),
  path: () => '/v2/payment-account/beneficiaries',
  item: Beneficiary,
})
