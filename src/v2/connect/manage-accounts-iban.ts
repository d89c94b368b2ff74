/** The `manageAccountsIban` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { v2 } from '../api.js'
import { ConnectOptionsParams, toConnectOptions } from '../params.js'
import { ConnectUrl } from './models.js'

/** Parameters of {@link manageAccountsIban}. */
export const ManageAccountsIbanParams = v.object({
  ...ConnectOptionsParams,
})
/** Parameters of {@link manageAccountsIban}. */
export type ManageAccountsIbanParams = v.InferInput<typeof ManageAccountsIbanParams>

/**
 * Gets a Bridge Manage URL where the user sets their accounts' IBANs, a feature Bridge activates
 * on request (`GET /v2/connect/manage/accounts/iban`, user token): the Python client's
 * `manage_accounts_iban`. The parameters go in the query string (the Python client put them in a
 * JSON body of this GET).
 *
 * @param ctx - a context with a `user`.
 * @param params - `redirectUrl`, `context`.
 * @returns a task of the {@link ConnectUrl}.
 * @example
 * ```ts
 * import { createContext, manageAccountsIban } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * const url = await manageAccountsIban(ctx, { redirectUrl: 'https://example.com/back' })()
 * ```
 */
export const manageAccountsIban = defineOperation({
  name: 'manageAccountsIban',
  api: v2,
  method: 'GET',
  auth: 'user',
  params: ManageAccountsIbanParams,
  path: () => '/v2/connect/manage/accounts/iban',
  query: toConnectOptions,
  response: ConnectUrl,
})
