/** The `createPaymentLink` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { HttpUrlParam } from '../../common/params.js'
import { defineOperation } from '../../core/define/operation.js'
import { DateTimeParam, IdParam, openEnum } from '../../core/schema.js'
import { v3 } from '../api.js'
import {
  ClientReferenceParam,
  PaymentLabelParam,
  PaymentUserParam,
  paymentTransactionsParam,
  toPaymentBody,
} from '../payments/models.js'
import { PaymentLinkCreated } from './models.js'

/** Bridge wants `yyyy-MM-ddThh:mm:ssZ`: UTC, no milliseconds. */
const withoutMilliseconds = (instant: string): string =>
  new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z')

/** Parameters of {@link createPaymentLink}. */
export const CreatePaymentLinkParams = v.object({
  /** The payer: `firstName` + `lastName`, or `companyName`; optional `email`, `externalReference`. */
  user: PaymentUserParam,
  /** One transaction (single payment) or several (bulk, up to the provider's `nb_max_transactions`). */
  transactions: paymentTransactionsParam({
    /** Shown on the payer's statement; when omitted Bridge may use a default ("Bridge Payment dd-mm"). */
    label: v.optional(PaymentLabelParam),
  }),
  /** Your reference for reconciliation (≤ 100 characters). Bridge's guide asks for it. */
  clientReference: v.optional(ClientReferenceParam),
  /** When the link expires (default 15 minutes, at most 90 days). Sent as UTC without milliseconds. */
  expiredDate: v.optional(v.pipe(DateTimeParam, v.transform(withoutMilliseconds))),
  /** Where the payer is sent back after paying. */
  callbackUrl: v.optional(HttpUrlParam),
  /** Country whose banks are listed first: `fr` (default), `es`, `de`, `gb`. */
  country: v.optional(
    v.pipe(
      openEnum(['fr', 'es', 'de', 'gb'] as const),
      v.regex(/^[a-z]{2}$/, 'must be a lower-case country code, e.g. fr'),
    ),
  ),
  /** Skip the bank list: the payer's bank (it must have the `single_payment` capability). */
  providerId: v.optional(IdParam),
})
/** Parameters of {@link createPaymentLink}. */
export type CreatePaymentLinkParams = v.InferInput<typeof CreatePaymentLinkParams>

/**
 * Creates a payment link, a hosted page where the payer picks a bank and pays
 * (`POST /v3/payment/payment-links`, client credentials; Bridge answers 200).
 * Amounts are checked before sending: > 0, at most 2 decimals, ≤ 35 000. The body has exactly the
 * fields of the reference's table (mindcloud-inc/universal-api-reference,
 * `apis/b/bridge/native-api/actions/create-payment-link.md`, 2026-07, and Bridge's Postman collection,
 * yabafre/pekulo `docs/ressources/Bridge API.postman_collection.json`); `execution_date` and
 * `beneficiary` per line are from https://docs.bridgeapi.io/docs/create-a-payment-link-dynamic-beneficiary.
 * There is no `sender_iban`: no source documents it on links.
 *
 * @param ctx - the context (client credentials).
 * @param params - `user`, `transactions`, and optional link settings.
 * @returns a task of the link's `id` and `url` ({@link PaymentLinkCreated}).
 * @example
 * ```ts
 * import { createContext, createPaymentLink } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const link = await createPaymentLink(ctx, {
 *   user: { firstName: 'Jane', lastName: 'Doe' },
 *   transactions: [{ amount: 12.5, currency: 'EUR', label: 'Order 42', endToEndId: 'ORDER-42' }],
 *   clientReference: 'order-42',
 * })()
 * ```
 */
export const createPaymentLink = defineOperation({
  name: 'createPaymentLink',
  api: v3,
  method: 'POST',
  auth: 'client',
  params: CreatePaymentLinkParams,
  path: () => '/v3/payment/payment-links',
  body: (p) => ({
    ...toPaymentBody(p),
    expired_date: p.expiredDate,
    callback_url: p.callbackUrl,
    country: p.country,
    provider_id: p.providerId,
  }),
  response: PaymentLinkCreated,
})
