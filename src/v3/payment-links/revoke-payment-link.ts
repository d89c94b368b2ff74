/** The `revokePaymentLink` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { defineOperation } from '../../core/define/operation.js'
import { path } from '../../core/http/query.js'
import { PathStringParam } from '../../core/schema.js'
import { v3 } from '../api.js'

/** Parameters of {@link revokePaymentLink}. */
export const RevokePaymentLinkParams = v.object({
  /** Payment link id (UUID). */
  paymentLinkId: PathStringParam,
})
/** Parameters of {@link revokePaymentLink}. */
export type RevokePaymentLinkParams = v.InferInput<typeof RevokePaymentLinkParams>

/**
 * Revokes a payment link so it can no longer be used
 * (`POST /v3/payment/payment-links/{id}/revoke`, client credentials; 200 with an empty body).
 * Revoking twice is harmless, so the call is retried like a GET.
 *
 * @param ctx - the context (client credentials).
 * @param params - `paymentLinkId`.
 * @returns a task of `undefined` once revoked; an unknown id is an `ApiError` 404 (with an empty body).
 * @example
 * ```ts
 * import { createContext, revokePaymentLink } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * await revokePaymentLink(ctx, { paymentLinkId: '7d4d49e4-a99b-4c18-a58d-b4931c4b79db' })()
 * ```
 */
export const revokePaymentLink = defineOperation({
  name: 'revokePaymentLink',
  api: v3,
  method: 'POST',
  auth: 'client',
  params: RevokePaymentLinkParams,
  path: (p) => path`/v3/payment/payment-links/${p.paymentLinkId}/revoke`,
  response: null,
  idempotent: true,
})
