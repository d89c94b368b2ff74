/** The `getAccountsInformation` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineListOperation } from '../../core/lists/pagination.js'
import { v3 } from '../api.js'
import { AccountsInformation } from './models.js'

/**
 * Account check: the IBANs and the holder's identity, one entry per item
 * (`GET /v3/aggregation/accounts-information`, user token; a feature Bridge activates on request).
 * Bridge answers `{ resources }` without a `pagination` object (the examples of Bridge's Postman collection,
 * yabafre/pekulo `docs/ressources/Bridge API.postman_collection.json`); no source documents a query parameter
 * (mindcloud-inc/universal-api-reference `apis/b/bridge/native-api/actions/get-accounts-information.md` has none). It stays
 * a `Paginated` like every `resources` list: without `pagination` it yields each item once and ends, and it
 * follows `next_uri` if Bridge starts paginating; `collect` gives an array.
 *
 * @param ctx - a context with a `user`.
 * @param params - optional `limit` and `after`: not documented for this list, sent only when given.
 * @returns a lazy async iterable of `Either<BridgeError, AccountsInformation>`.
 * @example
 * ```ts
 * import { collect, createContext, getAccountsInformation } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { externalUserId: 'u-1' } })
 * const items = await collect(getAccountsInformation(ctx))()
 * ```
 */
export const getAccountsInformation = defineListOperation({
  name: 'getAccountsInformation',
  api: v3,
  auth: 'user',
  params: v.object({}),
  path: () => '/v3/aggregation/accounts-information',
  item: AccountsInformation,
})
