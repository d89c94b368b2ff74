/** The `createPaymentLink` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { UrlParam } from '../../common/params.js'
import { defineOperation } from '../../core/define/operation.js'
import { DateTimeParam, TextParam } from '../../core/schema.js'
import { v2 } from '../api.js'
import { CreatedPaymentLink, PaymentLinkTransactionParam, PaymentLinkUserParam, partyBody } from './models.js'

/** Parameters of {@link createPaymentLink}. */
export const CreatePaymentLinkParams = v.object({
  /** The payer. */
  user: PaymentLinkUserParam,
  /** One transfer, or several for a bulk payment. */
  transactions: v.pipe(v.array(PaymentLinkTransactionParam), v.minLength(1, 'must not be empty')),
  /** Your reconciliation key (not sent to the bank). */
  clientReference: TextParam(100),
  /** When the link expires (default: 15 minutes after creation, at most 90 days). */
  expiredDate: v.optional(DateTimeParam),
  /** Where the payer returns; its domain must be allowed in your dashboard. */
  callbackUrl: v.optional(UrlParam),
})
/** Parameters of {@link createPaymentLink}. */
export type CreatePaymentLinkParams = v.InferInput<typeof CreatePaymentLinkParams>

/**
 * Creates a payment link to share with a payer (`POST /v2/payment-links`, client credentials).
 * Uncertain: the 2021-06-01 reference lists the fields (amount, currency, label, user,
 * end_to_end_id, client_reference, expired_date, callback_url, beneficiary) but not their nesting;
 * they are sent as 2021-06-01 payment requests and 2025-01-15 links nest them, under `transactions`.
 *
 * @param ctx - the context (client credentials).
 * @param params - `user`, `transactions`, `clientReference`, `expiredDate`, `callbackUrl`.
 * @returns a task of the {@link CreatedPaymentLink} (`id`, `url`).
 * @example
 * ```ts
 * import { createContext, createPaymentLink } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * const link = await createPaymentLink(ctx, {
 *   user: { firstName: 'John', lastName: 'Doe' },
 *   transactions: [{ amount: 99.5, currency: 'EUR', label: 'Order 42', endToEndId: 'E2E-42' }],
 *   clientReference: 'order-42',
 * })()
 * ```
 */
export const createPaymentLink = defineOperation({
  name: 'createPaymentLink',
  api: v2,
  method: 'POST',
  auth: 'client',
  params: CreatePaymentLinkParams,
  path: () => '/v2/payment-links',
  body: (p) => ({
    user: {
      ...partyBody(p.user),
      email: p.user.email,
      external_reference: p.user.externalReference,
    },
    transactions: p.transactions.map((t) => ({
      amount: t.amount,
      currency: t.currency,
      label: t.label,
      end_to_end_id: t.endToEndId,
      beneficiary: t.beneficiary && { ...partyBody(t.beneficiary), iban: t.beneficiary.iban },
    })),
    client_reference: p.clientReference,
    expired_date: p.expiredDate,
    callback_url: p.callbackUrl,
  }),
  response: CreatedPaymentLink,
})
