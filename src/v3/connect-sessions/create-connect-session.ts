/** The `createConnectSession` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { IdParam } from '../../core/schema.js'
import { v3 } from '../api.js'
import { ConnectSession, sessionOptionEntries, toSessionOptionsBody } from './models.js'

/** Parameters of {@link createConnectSession}. All optional; Bridge asks for `userEmail` except for temporary bank synchronisation. */
export const CreateConnectSessionParams = v.object({
  ...sessionOptionEntries,
  /** Most accounts the user may select. */
  maxSelectableAccounts: v.optional(
    v.pipe(v.number('must be a number'), v.integer('must be an integer'), v.minValue(1, 'must be ≥ 1')),
  ),
  /** Skip the bank list: this provider (e.g. 574, Demo Bank). */
  providerId: v.optional(IdParam),
  /** Manage or re-authenticate (renew SCA for) this existing item. */
  itemId: v.optional(IdParam),
  /** Force a new strong customer authentication on `itemId`. */
  forceReauthentication: v.optional(v.boolean('must be a boolean')),
})
/** Parameters of {@link createConnectSession}. */
export type CreateConnectSessionParams = v.InferInput<typeof CreateConnectSessionParams>

/**
 * Creates a Connect session, where the user connects a bank or renews an item's authentication
 * (`POST /v3/aggregation/connect-sessions`, user token; 201).
 *
 * @param ctx - a context with a `user`.
 * @param params - Connect options (see {@link CreateConnectSessionParams}).
 * @returns a task of the {@link ConnectSession}: send the user to its `url`.
 * @example
 * ```ts
 * import { createConnectSession, createContext } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { externalUserId: 'u-1' } })
 * const session = await createConnectSession(ctx, { userEmail: 'j.doe@mail.com', callbackUrl: 'https://app.example/done' })()
 * ```
 */
export const createConnectSession = defineOperation({
  name: 'createConnectSession',
  api: v3,
  method: 'POST',
  auth: 'user',
  params: CreateConnectSessionParams,
  path: () => '/v3/aggregation/connect-sessions',
  body: (p) => ({
    ...toSessionOptionsBody(p),
    max_selectable_accounts: p.maxSelectableAccounts,
    provider_id: p.providerId,
    item_id: p.itemId,
    force_reauthentication: p.forceReauthentication,
  }),
  response: ConnectSession,
})
