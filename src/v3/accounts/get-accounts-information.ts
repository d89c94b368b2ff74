import * as v from 'valibot'
import { defineListOperation } from '../../core/pagination.js'
import { v3 } from '../api.js'
import { AccountsInformation } from './models.js'

/**
 * Account check: the IBANs and the holder's identity, one entry per item
 * (`GET /v3/aggregation/accounts-information`, user token; a feature Bridge activates on request).
 * Bridge answers `{ resources }` without a `pagination` object; like every `resources` list it is a
 * `Paginated` (one page then, more if Bridge starts paginating), so `collect` gives an array.
 *
 * @param ctx - a context with a `user`.
 * @param params - `limit` and `after` (only useful if Bridge paginates).
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
