/** The `revokePaymentLink` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { PathStringParam } from '../../core/schema.js'
import { v2 } from '../api.js'

/** Parameters of {@link revokePaymentLink}. */
export const RevokePaymentLinkParams = v.object({
  /** Payment link id (UUID). */
  paymentLinkId: PathStringParam,
})
/** Parameters of {@link revokePaymentLink}. */
export type RevokePaymentLinkParams = v.InferInput<typeof RevokePaymentLinkParams>

/**
 * Revokes a payment link so it can no longer be used (`POST /v2/payment-links/{id}/revoke`, client
 * credentials). Uncertain: the path is inferred from 2025-01-15, which answers with an empty body;
 * any body is ignored.
 *
 * @param ctx - the context (client credentials).
 * @param params - `paymentLinkId`.
 * @returns a task of `undefined` once revoked.
 * @example
 * ```ts
 * import { createContext, revokePaymentLink } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * await revokePaymentLink(ctx, { paymentLinkId: '697aa2b2-a65f-473b-a5c9-4bd9a2ecefbd' })()
 * ```
 */
export const revokePaymentLink = defineOperation({
  name: 'revokePaymentLink',
  api: v2,
  method: 'POST',
  auth: 'client',
  params: RevokePaymentLinkParams,
  path: (p) => path`/v2/payment-links/${p.paymentLinkId}/revoke`,
  response: null,
  // Revoking twice leaves the link revoked.
  idempotent: true,
})
