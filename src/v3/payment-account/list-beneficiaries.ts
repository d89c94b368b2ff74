/** The `listBeneficiaries` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineListOperation } from '../../core/lists/pagination.js'
import { v3 } from '../api.js'
import { Beneficiary } from './models.js'

/**
 * Lists your payout beneficiaries (`GET /v3/payment/payment-account/beneficiaries`, client credentials).
 * Bridge answers `{ resources }` without a `pagination` object (the examples of Bridge's Postman collection,
 * yabafre/pekulo `docs/ressources/Bridge API.postman_collection.json`); no source documents a query parameter
 * (mindcloud-inc/universal-api-reference `apis/b/bridge/native-api/actions/list-beneficiaries.md` has none). It stays
 * a `Paginated` like every `resources` list: without `pagination` it yields each item once and ends, and it
 * follows `next_uri` if Bridge starts paginating; `collect` gives an array.
 *
 * @param ctx - the context (client credentials).
 * @param params - optional `limit` and `after`: not documented for this list, sent only when given.
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
