import * as v from 'valibot'
import { defineListOperation } from '../../core/pagination.js'
import { v3 } from '../api.js'
import { Beneficiary } from './models.js'

/**
 * Lists your payout beneficiaries (`GET /v3/payment/payment-account/beneficiaries`, client credentials).
 * Bridge answers `{ resources }` without a `pagination` object; like every `resources` list it is a
 * `Paginated` (one page then, more if Bridge starts paginating), so `collect` gives an array.
 *
 * @param ctx - the context (client credentials).
 * @param params - `limit` and `after` (only useful if Bridge paginates).
 * @returns a lazy async iterable of `Either<BridgeError, Beneficiary>`.
 * @example
 * ```ts
 * import { collect, createContext, listBeneficiaries } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const beneficiaries = await collect(listBeneficiaries(ctx))()
 * ```
 */
export const listBeneficiaries = defineListOperation({
  name: 'listBeneficiaries',
  api: v3,
  auth: 'client',
  params: v.object({}),
  path: () => '/v3/payment/payment-account/beneficiaries',
  item: Beneficiary,
})
