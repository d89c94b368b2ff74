/** The `connectItem` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { EmailParam } from '../../common/params.js'
import { defineOperation } from '../../core/define/operation.js'
import { IdParam, TextParam } from '../../core/schema.js'
import { v2 } from '../api.js'
import { BankCapability } from '../banks/models.js'
import { ConnectOptionsParams, openParam, toConnectOptions } from '../params.js'
import { ConnectUrl } from './models.js'

/** Parameters of {@link connectItem}; all optional. */
export const ConnectItemParams = v.object({
  /** Pre-fills the e-mail page of the funnel. */
  prefillEmail: v.optional(EmailParam),
  /** Lower-case ISO country code, e.g. `fr`. */
  country: v.optional(TextParam(10)),
  /** Preselects a bank (574 = Demo Bank). */
  bankId: v.optional(IdParam),
  /** Capabilities the bank must offer, e.g. `['ais', 'bulk_transfer']`. */
  capabilities: v.optional(v.array(openParam(BankCapability))),
  /** Connect the account with this IBAN. */
  iban: v.optional(TextParam(64)),
  ...ConnectOptionsParams,
})
/** Parameters of {@link connectItem}. */
export type ConnectItemParams = v.InferInput<typeof ConnectItemParams>

/**
 * Gets a Bridge Connect URL where the user adds a bank connection (`POST /v2/connect/items/add`,
 * user token): the Python client's `connect_item`. Absent parameters are left out of the body.
 *
 * @param ctx - a context with a `user`.
 * @param params - `prefillEmail`, `country`, `bankId`, `capabilities`, `iban`, `redirectUrl`, `context`.
 * @returns a task of the {@link ConnectUrl}.
 * @example
 * ```ts
 * import { connectItem, createContext } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
 * const url = await connectItem(ctx, { prefillEmail: 'john@doe.com', country: 'fr' })()
 * ```
 */
export const connectItem = defineOperation({
  name: 'connectItem',
  api: v2,
  method: 'POST',
  auth: 'user',
  params: ConnectItemParams,
  path: () => '/v2/connect/items/add',
  body: (p) => ({
    prefill_email: p.prefillEmail,
    country: p.country,
    bank_id: p.bankId,
    capabilities: p.capabilities,
    iban: p.iban,
    ...toConnectOptions(p),
  }),
  response: ConnectUrl,
})
