/** The `getAccountsInformation` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { v2 } from '../api.js'
import { AccountsInformation } from './models.js'

/**
 * Account check: the identity of the account holders and the IBANs of the user's items
 * (`GET /v2/accounts-information`, user token; a feature Bridge activates). Uncertain: the reference
 * does not show whether the answer is a list (`{ resources: [...] }`, as in 2025-01-15) or one
 * object, so both are accepted and the result is always a list.
 *
 * @param ctx - a context with a `user`.
 * @returns a task of the {@link AccountsInformation} list, one per item.
 * @example
 * ```ts
 * import { createContext, getAccountsInformation } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * const check = await getAccountsInformation(ctx)()
 * ```
 */
export const getAccountsInformation = defineOperation({
  name: 'getAccountsInformation',
  api: v2,
  method: 'GET',
  auth: 'user',
  params: v.object({}),
  path: () => '/v2/accounts-information',
  response: v.union([
    v.pipe(
      v.object({ resources: v.array(AccountsInformation) }),
      v.transform((page) => page.resources),
    ),
    v.pipe(
      AccountsInformation,
      v.transform((one) => [one]),
    ),
  ]),
})
