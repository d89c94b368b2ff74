/** The `getBankConnectorsStatus` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { v2 } from '../api.js'
import { ConnectorStatus } from './models.js'

/**
 * Gets the health of every bank connector (`GET /v2/banks/insights`, client credentials): the Python
 * client's `get_bank_connectors_status`, typed here. The answer is a bare array, not a paginated list.
 * Uncertain: the endpoint is undocumented; the schema is built from one recorded response.
 *
 * @param ctx - the context (client credentials).
 * @returns a task of the {@link ConnectorStatus} list (groups carry their banks in `children`).
 * @example
 * ```ts
 * import { createContext, getBankConnectorsStatus } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const statuses = await getBankConnectorsStatus(ctx)()
 * ```
 */
export const getBankConnectorsStatus = defineOperation({
  name: 'getBankConnectorsStatus',
  api: v2,
  method: 'GET',
  auth: 'client',
  params: v.object({}),
  path: () => '/v2/banks/insights',
  response: v.array(ConnectorStatus),
})
