/** The `createPaymentRequest` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { HttpUrlParam } from '../../common/params.js'
import { defineOperation } from '../../core/define/operation.js'
import { IdParam } from '../../core/schema.js'
import { v3 } from '../api.js'
import {
  ClientReferenceParam,
  PaymentLabelParam,
  PaymentMetadataParam,
  PaymentUserParam,
  paymentTransactionsParam,
  toPaymentBody,
} from '../payments/models.js'
import { PaymentRequestCreated } from './models.js'

/** Parameters of {@link createPaymentRequest}. */
export const CreatePaymentRequestParams = v.object({
  /** Where the payer is sent after initiation; must be allowed in Bridge's dashboard. */
  callbackUrl: HttpUrlParam,
  /** The payer's bank, e.g. 574 (Demo Bank). */
  providerId: IdParam,
  /** The payer: `firstName` + `lastName`, or `companyName`; optional `email`, `externalReference`. */
  user: PaymentUserParam,
  /** One transaction, or several for a bulk payment. */
  transactions: paymentTransactionsParam({
    /** Shown on the payer's statement (required; some banks accept fewer than 140 characters). */
    label: PaymentLabelParam,
    /**
     * Your own string values (≤ 5 keys, key ≤ 50 characters, value ≤ 100 characters), sent as given:
     * https://docs.bridgeapi.io/docs/add-metadata-to-your-payments. Payment requests only (links are not documented).
     */
    metadata: v.optional(PaymentMetadataParam),
  }),
  /** Your reference for the whole request. */
  clientReference: v.optional(ClientReferenceParam),
})
/** Parameters of {@link createPaymentRequest}. */
export type CreatePaymentRequestParams = v.InferInput<typeof CreatePaymentRequestParams>

/**
 * Creates a payment request, for eligible partners (`POST /v3/payment/payment-requests`, client credentials;
 * 200). Others use {@link createPaymentLink}. Amounts are checked before sending: > 0, at most 2 decimals, ≤ 35 000.
 * Each transaction may carry `metadata` (up to 5 keys, key names up to 50 characters, values up to 100
 * characters: https://docs.bridgeapi.io/docs/add-metadata-to-your-payments). The body follows
 * mindcloud-inc/universal-api-reference `apis/b/bridge/native-api/actions/create-payment-request.md`
 * (2026-07); `client_reference` is from https://docs.bridgeapi.io/docs/initiate-your-first-payment-1.
 *
 * @param ctx - the context (client credentials).
 * @param params - `callbackUrl`, `providerId`, `user`, `transactions`, optional `clientReference`.
 * @returns a task of the request's `id` and consent `url` ({@link PaymentRequestCreated}).
 * @example
 * ```ts
 * import { createContext, createPaymentRequest } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const request = await createPaymentRequest(ctx, {
 *   callbackUrl: 'https://shop.example/paid',
 *   providerId: 574,
 *   user: { companyName: 'ACME' },
 *   transactions: [{ amount: 10.5, currency: 'EUR', label: 'Invoice 7', metadata: { internal_id: '123456789' } }],
 * })()
 * ```
 */
export const createPaymentRequest = defineOperation({
  name: 'createPaymentRequest',
  api: v3,
  method: 'POST',
  auth: 'client',
  params: CreatePaymentRequestParams,
  path: () => '/v3/payment/payment-requests',
  body: (p) => ({
    ...toPaymentBody(p),
    callback_url: p.callbackUrl,
    provider_id: p.providerId,
  }),
  response: PaymentRequestCreated,
})
