// Payment route logic (links, payouts, lookups) shared by both API versions.
import * as v from 'valibot'
import { clientRoute, defined, empty, iso, json, type Route, type RouteContext } from '../http.js'
import { byNumber } from '../pagination.js'
import type { PaymentLinkRecord, PaymentStore, PayoutRecord, RefundRecord } from '../payments.js'
import { clientPost, notFound, Optional, Text } from './requests.js'

/**
 * Payment logic both API versions share (links, payouts, lookups by id); each version keeps its
 * own body schemas, JSON and error wording.
 */

const MINUTE = 60_000
const DAY = 86_400_000

/** A positive amount with at most 2 decimals. */
export const Amount = v.pipe(
  v.number(),
  v.minValue(0.01),
  v.check((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, 'at most 2 decimals'),
)

/** An IBAN's shape: country, check digits and 11 to 30 letters or digits. */
export const Iban = v.pipe(v.string(), v.regex(/^[A-Z]{2}[0-9A-Z]{13,32}$/))

const PayoutBody = v.object({
  beneficiary_id: Text(64),
  amount: Amount,
  label: Text(140),
  client_reference: Optional(Text(100)),
})

/** A payment-account beneficiary's JSON (the same in both versions). */
export const beneficiaryView = (b: PayoutRecord['beneficiary']) => ({
  id: b.id,
  iban: b.iban,
  bic: b.bic,
  bank_name: b.bankName,
  company_name: b.companyName,
})

/** Payment records newest first, by creation order. */
export const newestFirst = byNumber((r: { seq: number }) => r.seq, 'desc')

/** The payment tables whose records a path names by `:id`. */
type PaymentTables = Pick<PaymentStore, 'links' | 'requests' | 'refunds' | 'payouts'>

/** A client-level handler for the record of `table` the path's `:id` names, or Bridge's generic 404. */
export const withPaymentRecord =
  <K extends keyof PaymentTables>(
    table: K,
    answer: (record: NonNullable<ReturnType<PaymentTables[K]['get']>>, ctx: RouteContext) => unknown,
  ) =>
  (ctx: RouteContext): Response => {
    const record = ctx.state.payments[table].get(ctx.params.id as string)
    return record === undefined ? notFound(ctx) : json(200, answer(record as never, ctx))
  }

/** What a payment link body gives, whatever its version's field names. */
export type LinkFields = Pick<
  PaymentLinkRecord,
  'user' | 'transactions' | 'clientReference' | 'callbackUrl' | 'providerId'
> & {
  /** ISO 8601; default 15 minutes from now. */
  readonly expiredDate?: string
}

/**
 * Creates a payment link, valid 15 minutes unless `expiredDate` says otherwise (in the next 90
 * days, or `badExpiry` answers).
 */
export const createPaymentLink = (
  ctx: RouteContext,
  { expiredDate, ...fields }: LinkFields,
  badExpiry: () => Response,
): PaymentLinkRecord | Response => {
  const now = ctx.clock.now()
  const expiredAt = expiredDate === undefined ? now + 15 * MINUTE : Date.parse(expiredDate)
  if (expiredAt <= now || expiredAt > now + 90 * DAY) return badExpiry()
  const payments = ctx.state.payments
  const link: PaymentLinkRecord = {
    id: ctx.rng.uuid(),
    seq: payments.nextSeq(),
    token: ctx.rng.hex(64),
    status: 'valid',
    ...fields,
    expiredAt,
    createdAt: now,
    updatedAt: now,
  }
  payments.links.add(link)
  return link
}

/** A route revoking the link its `:id` names; `missing` or `notRevocable` answer when it cannot be. */
export const revokeLinkRoute = (
  pattern: string,
  missing: (ctx: RouteContext) => Response,
  notRevocable: (ctx: RouteContext) => Response,
): Route =>
  clientRoute('POST', pattern, (ctx) => {
    const link = ctx.state.payments.links.get(ctx.params.id as string)
    if (!link) return missing(ctx)
    return ctx.state.payments.revokeLink(link) ? empty(200) : notRevocable(ctx)
  })

/**
 * The payout route at `pattern`: pays out to a beneficiary of the payment account; `unknown` answers
 * when there is no such beneficiary.
 */
export const payoutRoute = (
  pattern: string,
  view: (payout: PayoutRecord) => unknown,
  unknown: (ctx: RouteContext, id: string) => Response,
): Route =>
  clientPost(pattern, PayoutBody, (ctx, body) => {
    const payments = ctx.state.payments
    const beneficiary = payments.beneficiaries.find((x) => x.id === body.beneficiary_id)
    if (!beneficiary) return unknown(ctx, body.beneficiary_id)
    const payout = payments.addPayout({
      id: ctx.rng.uuid(),
      beneficiary,
      ...(body.client_reference === undefined ? {} : { clientReference: body.client_reference }),
      label: body.label,
      amount: body.amount,
      currency: 'EUR',
    })
    return json(200, view(payout))
  })

/** What a refund body gives. */
interface RefundFields {
  readonly payment_account_transaction_id: string
  readonly amount: number
  readonly client_reference?: string | undefined
  readonly description?: string | undefined
}

/** Refunds a payment-account transaction in euros, with the status the version reports. */
export const createRefund = (ctx: RouteContext, b: RefundFields, status: string): RefundRecord => {
  const payments = ctx.state.payments
  const refund: RefundRecord = {
    id: ctx.rng.hex(32),
    seq: payments.nextSeq(),
    paymentAccountTransactionId: b.payment_account_transaction_id,
    amount: b.amount,
    currency: 'EUR',
    status,
    ...defined({ clientReference: b.client_reference, description: b.description }),
    createdAt: ctx.clock.now(),
  }
  payments.refunds.add(refund)
  return refund
}

/** A refund's JSON, `absent` standing for a missing value (2021-06-01 writes `null`, 2025-01-15 omits it). */
export const refundView = (absent: null | undefined) => (refund: RefundRecord) => ({
  id: refund.id,
  payment_account_transaction_id: refund.paymentAccountTransactionId,
  amount: refund.amount,
  currency: refund.currency,
  status: refund.status,
  client_reference: refund.clientReference ?? absent,
  description: refund.description ?? absent,
  created_at: iso(refund.createdAt),
  updated_at: iso(refund.createdAt),
})
