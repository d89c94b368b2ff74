/** The `getProvider` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { IdParam } from '../../core/schema.js'
import { v3 } from '../api.js'
import { Provider } from './models.js'

/** Parameters of {@link getProvider}. */
export const GetProviderParams = v.object({
  /** Provider id (574 = Demo Bank). */
  providerId: IdParam,
})
/** Parameters of {@link getProvider}. */
export type GetProviderParams = v.InferInput<typeof GetProviderParams>

/**
 * Gets one provider (`GET /v3/providers/{id}`, client credentials).
 *
 * @param ctx - the context (client credentials).
 * @param params - `providerId`.
 * @returns a task of the {@link Provider}; a 404 is an `ApiError` with code `not_found`.
 * @example
 * ```ts
 * import { createContext, getProvider } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const demoBank = await getProvider(ctx, { providerId: 574 })()
 * ```
 */
export const getProvider = defineOperation({
  name: 'getProvider',
  api: v3,
  method: 'GET',
  auth: 'client',
  params: GetProviderParams,
  path: (p) => path`/v3/providers/${p.providerId}`,
  response: Provider,
})
