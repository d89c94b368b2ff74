/** The `createPaymentRequest` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { UrlParam } from '../../common/params.js'
import { defineOperation } from '../../core/define/operation.js'
import { IdParam, TextParam } from '../../core/schema.js'
import { v2 } from '../api.js'
import { BeneficiaryParam, CreatedPaymentRequest, PaymentRequestTransactionParam } from './models.js'

/** Parameters of {@link createPaymentRequest}. */
export const CreatePaymentRequestParams = v.object({
  /** The payer's bank (574 = Demo Bank in the sandbox). */
  bankId: IdParam,
  /** Where the payer returns after a successful bank flow. */
  successfulCallbackUrl: v.optional(UrlParam),
  /** Where the payer returns otherwise. */
  unsuccessfulCallbackUrl: v.optional(UrlParam),
  /** One transfer, or several for a bulk payment (when the bank has `bulk_payment`). */
  transactions: v.pipe(v.array(PaymentRequestTransactionParam), v.minLength(1, 'must not be empty')),
  /** The payer: `firstName` + `lastName`, or `name`; `ipAddress` and `externalReference` optional. */
  user: v.object({
    firstName: v.optional(TextParam(70)),
    lastName: v.optional(TextParam(70)),
    name: v.optional(TextParam(140)),
    ipAddress: v.optional(TextParam(45)),
    externalReference: v.optional(TextParam(100)),
  }),
  /** Beneficiary of every transfer, unless your dashboard has a default one. */
  beneficiary: v.optional(BeneficiaryParam),
  clientReference: v.optional(TextParam(100)),
})
/** Parameters of {@link createPaymentRequest}. */
export type CreatePaymentRequestParams = v.InferInput<typeof CreatePaymentRequestParams>

/**
 * Creates a payment request and returns the URL where the payer consents
 * (`POST /v2/payment-requests`, client credentials; for eligible partners). Validation errors come
 * back as 400 with the `{ errors: [{ code, message }] }` body (e.g. `payment.bank_not_found`), which
 * `ApiError.body` holds.
 *
 * @param ctx - the context (client credentials).
 * @param params - `bankId`, `transactions`, `user`, callbacks, `beneficiary`, `clientReference`.
 * @returns a task of the {@link CreatedPaymentRequest} (`id`, `consent_url`).
 * @example
 * ```ts
 * import { createContext, createPaymentRequest } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const request = await createPaymentRequest(ctx, {
 *   bankId: 574,
 *   successfulCallbackUrl: 'https://shop.example/pay/success',
 *   unsuccessfulCallbackUrl: 'https://shop.example/pay/error',
 *   transactions: [{ amount: 99.5, currency: 'EUR', label: 'Order 42', endToEndId: 'E2E-42' }],
 *   user: { firstName: 'John', lastName: 'Doe' },
 * })()
 * ```
 */
export const createPaymentRequest = defineOperation({
  name: 'createPaymentRequest',
  api: v2,
  method: 'POST',
  auth: 'client',
  params: CreatePaymentRequestParams,
  path: () => '/v2/payment-requests',
  body: (p) => ({
    bank_id: p.bankId,
    successful_callback_url: p.successfulCallbackUrl,
    unsuccessful_callback_url: p.unsuccessfulCallbackUrl,
    transactions: p.transactions.map((t) => ({
      amount: t.amount,
      currency: t.currency,
      label: t.label,
      end_to_end_id: t.endToEndId,
      client_reference: t.clientReference,
      beneficiary: t.beneficiary,
    })),
    user: {
      first_name: p.user.firstName,
      last_name: p.user.lastName,
      name: p.user.name,
      ip_address: p.user.ipAddress,
      external_reference: p.user.externalReference,
    },
    beneficiary: p.beneficiary,
    client_reference: p.clientReference,
  }),
  response: CreatedPaymentRequest,
})
