/** The `validateProItems` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { v2 } from '../api.js'
import { ConnectOptionsParams, toConnectOptions } from '../params.js'
import { ConnectUrl } from './models.js'

/** Parameters of {@link validateProItems}. */
export const ValidateProItemsParams = v.object({
  ...ConnectOptionsParams,
})
/** Parameters of {@link validateProItems}. */
export type ValidateProItemsParams = v.InferInput<typeof ValidateProItemsParams>

/**
 * Gets a Bridge Connect URL where the user confirms their business accounts (item status 1100)
 * (`GET /v2/connect/items/pro/confirmation`, user token): the Python client's `validate_pro_items`.
 * The parameters go in the query string (the Python client put them in a JSON body of this GET).
 * Uncertain: Bridge answered it in 2023, but the 2021-06-01 reference does not list it.
 *
 * @param ctx - a context with a `user`.
 * @param params - `redirectUrl`, `context`.
 * @returns a task of the {@link ConnectUrl}.
 * @example
 * ```ts
 * import { createContext, validateProItems } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * const url = await validateProItems(ctx, { redirectUrl: 'https://example.com/back' })()
 * ```
 */
export const validateProItems = defineOperation({
  name: 'validateProItems',
  api: v2,
  method: 'GET',
  auth: 'user',
  params: ValidateProItemsParams,
  path: () => '/v2/connect/items/pro/confirmation',
  query: toConnectOptions,
  response: ConnectUrl,
})
