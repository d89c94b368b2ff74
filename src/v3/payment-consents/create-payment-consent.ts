/** The `createPaymentConsent` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { CurrencyParam, HttpUrlParam } from '../../common/params.js'
import { defineOperation } from '../../core/define/operation.js'
import { v3 } from '../api.js'
import {
  ExternalReferenceParam,
  PaymentAmountParam,
  PaymentConsentUserParam,
  PaymentLabelParam,
  toUserBody,
} from '../payments/models.js'
import { PaymentConsent } from './models.js'

/** Parameters of {@link createPaymentConsent}. All are required by Bridge. */
export const CreatePaymentConsentParams = v.object({
  /** Your reference for this consent (1–35 letters, digits, `-`, `_`). */
  externalReference: ExternalReferenceParam,
  /** Where the payer is sent after accepting. */
  redirectUrl: HttpUrlParam,
  /** The payments consented to. */
  transactions: v.pipe(
    v.array(v.object({ amount: PaymentAmountParam, currency: CurrencyParam, label: PaymentLabelParam })),
    v.minLength(1, 'must hold at least one transaction'),
  ),
  /** The payer: names or `companyName`, and an `email` (required here); no `externalReference`. */
  user: PaymentConsentUserParam,
})
/** Parameters of {@link createPaymentConsent}. */
export type CreatePaymentConsentParams = v.InferInput<typeof CreatePaymentConsentParams>

/**
 * Creates a payment consent, for eligible partners: the payer accepts Bridge's terms for future payments
 * (`POST /v3/payment/consents`, client credentials; 200). The `user` has exactly `first_name`,
 * `last_name`, `company_name` and `email` (mindcloud-inc/universal-api-reference,
 * `apis/b/bridge/native-api/actions/create-payment-consent.md`; the Postman collection agrees): no
 * `external_reference`, which only exists at the top level.
 *
 * @param ctx - the context (client credentials).
 * @param params - `externalReference`, `redirectUrl`, `transactions`, `user` (with `email`).
 * @returns a task of the {@link PaymentConsent} and its `consent_url`.
 * @example
 * ```ts
 * import { createContext, createPaymentConsent } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const consent = await createPaymentConsent(ctx, {
 *   externalReference: 'payment-test-123',
 *   redirectUrl: 'https://example.com/callback',
 *   transactions: [{ amount: 150, currency: 'EUR', label: 'Payment for goods' }],
 *   user: { companyName: 'ACME', email: 'user@company.com' },
 * })()
 * ```
 */
export const createPaymentConsent = defineOperation({
  name: 'createPaymentConsent',
  api: v3,
  method: 'POST',
  auth: 'client',
  params: CreatePaymentConsentParams,
  path: () => '/v3/payment/consents',
  body: (p) => ({
    external_reference: p.externalReference,
    redirect_url: p.redirectUrl,
    transactions: p.transactions.map((t) => ({ amount: t.amount, currency: t.currency, label: t.label })),
    user: toUserBody(p.user),
  }),
  response: PaymentConsent,
})
