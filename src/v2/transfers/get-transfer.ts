/** The `getTransfer` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { PathStringParam } from '../../core/schema.js'
import { v2 } from '../api.js'
import { Transfer } from './models.js'

/** Parameters of {@link getTransfer}. */
export const GetTransferParams = v.object({
  transferId: PathStringParam,
})
/** Parameters of {@link getTransfer}. */
export type GetTransferParams = v.InferInput<typeof GetTransferParams>

/**
 * Gets one transfer by its uuid (`GET /v2/transfers/{id}`, user token).
 *
 * @param ctx - a context with a `user`.
 * @param params - `transferId`.
 * @returns a task of the {@link Transfer}.
 * @example
 * ```ts
 * import { createContext, getTransfer } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * const result = await getTransfer(ctx, { transferId: '02d5b0b6-37e2-4684-aca9-4ede5fb9d7da' })()
 * ```
 */
export const getTransfer = defineOperation({
  name: 'getTransfer',
  api: v2,
  method: 'GET',
  auth: 'user',
  params: GetTransferParams,
  path: (p) => path`/v2/transfers/${p.transferId}`,
  response: Transfer,
})
