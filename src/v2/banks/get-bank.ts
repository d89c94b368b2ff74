/** The `getBank` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { IdParam } from '../../core/schema.js'
import { v2 } from '../api.js'
import { Bank } from './models.js'

/** Parameters of {@link getBank}. */
export const GetBankParams = v.object({
  /** Bank id (574 = Demo Bank). */
  bankId: IdParam,
})
/** Parameters of {@link getBank}. */
export type GetBankParams = v.InferInput<typeof GetBankParams>

/**
 * Gets one bank (`GET /v2/banks/{id}`, client credentials): the Python client's `get_bank`.
 *
 * @param ctx - the context (client credentials).
 * @param params - `bankId`.
 * @returns a task of the {@link Bank}; an unknown id is an `ApiError` 404 with code `not_found`.
 * @example
 * ```ts
 * import { createContext, getBank } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const demoBank = await getBank(ctx, { bankId: 574 })()
 * ```
 */
export const getBank = defineOperation({
  name: 'getBank',
  api: v2,
  method: 'GET',
  auth: 'client',
  params: GetBankParams,
  path: (p) => path`/v2/banks/${p.bankId}`,
  response: Bank,
})
