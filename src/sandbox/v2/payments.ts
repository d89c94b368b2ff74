// 2021-06-01 payment routes: payment links, payment requests, refunds and payouts.
import * as v from 'valibot'
import {
  Amount,
  beneficiaryView,
  createPaymentLink,
  createRefund,
  Iban,
  newestFirst,
  payoutRoute,
  refundView,
  revokeLinkRoute,
  withPaymentRecord,
} from '../common/payments.js'
import { clientPost, listResponse, notFound, Optional, Text } from '../common/requests.js'
import { clientRoute, defined, iso, json, type Route, type RouteContext } from '../http.js'
import {
  type PaymentLinkRecord,
  type PaymentRequestRecord,
  type PayoutRecord,
  requestStatus,
} from '../payments.js'

/**
 * 2021-06-01 payments on the shared payment records: payment links, payment requests, refunds
 * and payouts (client credentials). Bridge Transfer (user level) is in `transfers.ts`.
 */

const Party = v.object({
  first_name: Optional(Text(70)),
  last_name: Optional(Text(70)),
  company_name: Optional(Text(70)),
  name: Optional(Text(140)),
  email: Optional(Text(320)),
  external_reference: Optional(Text(100)),
  ip_address: Optional(Text(45)),
  iban: Optional(Iban),
})
const Line = v.object({
  amount: Amount,
  currency: v.pipe(v.string(), v.regex(/^[A-Z]{3}$/)),
  label: Text(140),
  end_to_end_id: Optional(Text(35)),
  client_reference: Optional(Text(100)),
  beneficiary: Optional(Party),
})

const PaymentLinkBody = v.object({
  user: Party,
  transactions: v.pipe(v.array(Line), v.minLength(1)),
  client_reference: Text(100),
  expired_date: Optional(v.pipe(v.string(), v.isoTimestamp())),
  callback_url: Optional(v.pipe(v.string(), v.url())),
})

const PaymentRequestBody = v.object({
  bank_id: v.pipe(v.number(), v.integer()),
  successful_callback_url: Optional(v.pipe(v.string(), v.url())),
  unsuccessful_callback_url: Optional(v.pipe(v.string(), v.url())),
  transactions: v.pipe(v.array(Line), v.minLength(1)),
  user: Party,
  beneficiary: Optional(Party),
  client_reference: Optional(Text(100)),
})

const RefundBody = v.object({
  payment_account_transaction_id: Text(64),
  amount: Amount,
  client_reference: Optional(Text(100)),
  description: Optional(Text(1000)),
})

/** Party fields as given, without the ones that were not sent. */
const party = (given: Record<string, string | undefined>) => defined(given) as Record<string, string>

/** 2021-06-01 spells link statuses in upper case. */
const linkView = (link: PaymentLinkRecord, ctx: RouteContext) => ({
  id: link.id,
  status: ctx.state.payments.linkStatus(link).toUpperCase(),
  url: `${ctx.origin}/_sandbox/pay/link/${link.token}`,
  client_reference: link.clientReference ?? null,
  user: link.user,
  transactions: link.transactions,
  expired_date: iso(link.expiredAt),
  created_at: iso(link.createdAt),
  updated_at: iso(link.updatedAt),
})

const requestView = (request: PaymentRequestRecord, ctx: RouteContext) => {
  const status = requestStatus(request, ctx.clock.now())
  return {
    id: request.id,
    status: status.status,
    status_reason: status.reason ?? null,
    user: request.user,
    sender: {},
    transactions: request.transactions.map((line, index) => ({
      id: line.id,
      status: status.lines[index]?.status ?? status.status,
      status_reason: status.lines[index]?.reason ?? null,
      beneficiary: line.beneficiary ?? null,
      amount: line.amount,
      currency: line.currency,
      label: line.label ?? null,
      client_reference: line.client_reference ?? null,
      end_to_end_id: line.end_to_end_id ?? null,
    })),
    created_at: iso(request.createdAt),
    updated_at: iso(request.createdAt),
    bank_id: request.providerId,
  }
}

/** 2021-06-01 writes `null` for a refund's missing values. */
const refundJson = refundView(null)

const payoutView = (payout: PayoutRecord) => ({
  id: payout.id,
  beneficiary: beneficiaryView(payout.beneficiary),
  status: payout.status,
  status_reason: payout.statusReason ?? null,
  client_reference: payout.clientReference ?? null,
  label: payout.label,
  amount: payout.amount,
  currency: payout.currency,
  created_at: iso(payout.createdAt),
  updated_at: iso(payout.createdAt),
})

/** The 2021-06-01 payment routes. */
export const paymentRoutes: readonly Route[] = [
  clientPost('/v2/payment-links', PaymentLinkBody, (ctx, b) => {
    const link = createPaymentLink(
      ctx,
      {
        user: party(b.user),
        transactions: b.transactions.map((line) => ({
          ...line,
          ...(line.beneficiary ? { beneficiary: party(line.beneficiary) } : {}),
        })),
        clientReference: b.client_reference,
        ...defined({ callbackUrl: b.callback_url, expiredDate: b.expired_date }),
      },
      () => ctx.error(400, 'invalid_request', 'expired_date must be in the next 90 days'),
    )
    if (link instanceof Response) return link
    return json(200, { id: link.id, url: linkView(link, ctx).url })
  }),
  clientRoute('GET', '/v2/payment-links', (ctx) =>
    listResponse(ctx, ctx.state.payments.links.list(), newestFirst, (link) => linkView(link, ctx)),
  ),
  clientRoute('GET', '/v2/payment-links/:id', withPaymentRecord('links', linkView)),
  revokeLinkRoute('/v2/payment-links/:id/revoke', notFound, (ctx) =>
    ctx.error(400, 'invalid_request', 'Only a valid payment link can be revoked'),
  ),

  clientPost('/v2/payment-requests', PaymentRequestBody, (ctx, b) => {
    const beneficiary = b.beneficiary && party(b.beneficiary)
    const request = ctx.state.payments.addRequest(
      {
        user: party(b.user),
        providerId: b.bank_id,
        ...defined({ callbackUrl: b.successful_callback_url, clientReference: b.client_reference }),
        transactions: b.transactions.map((line) => ({
          ...line,
          ...(line.beneficiary || beneficiary
            ? { beneficiary: line.beneficiary ? party(line.beneficiary) : beneficiary }
            : {}),
        })),
      },
      ctx.rng,
    )
    return json(200, {
      id: request.id,
      consent_url: `${ctx.origin}/_sandbox/pay/payment/${request.id}/initiate`,
    })
  }),
  clientRoute('GET', '/v2/payment-requests', (ctx) => {
    const linkId = ctx.query.get('payment_link_id')
    const statuses = ctx.query
      .getAll('status')
      .flatMap((s) => s.split(','))
      .filter((s) => s !== '')
    const now = ctx.clock.now()
    const requests = ctx.state.payments.requests
      .list()
      .filter(
        (r) =>
          (linkId === null || r.paymentLinkId === linkId) &&
          (statuses.length === 0 || statuses.includes(requestStatus(r, now).status)),
      )
    return listResponse(ctx, requests, newestFirst, (r) => requestView(r, ctx))
  }),
  clientRoute('GET', '/v2/payment-requests/:id', withPaymentRecord('requests', requestView)),

  clientPost('/v2/payment-refunds', RefundBody, (ctx, b) => {
    return json(200, refundJson(createRefund(ctx, b, 'created')))
  }),
  clientRoute('GET', '/v2/payment-refunds', (ctx) =>
    listResponse(ctx, ctx.state.payments.refunds.list(), newestFirst, refundJson),
  ),
  clientRoute('GET', '/v2/payment-refunds/:id', withPaymentRecord('refunds', refundJson)),

  clientRoute('GET', '/v2/payment-account/beneficiaries', (ctx) =>
    json(200, { resources: ctx.state.payments.beneficiaries.map(beneficiaryView) }),
  ),
  clientRoute('GET', '/v2/payment-account/payouts', (ctx) =>
    listResponse(ctx, ctx.state.payments.payouts.list(), newestFirst, payoutView),
  ),

  // The documented path ends with a slash.
  payoutRoute('/v2/payment-account/payouts/', payoutView, (ctx, id) =>
    ctx.error(404, 'not_found', `Beneficiary ${id} not found`),
  ),
  clientRoute('GET', '/v2/payment-account/payouts/:id', withPaymentRecord('payouts', payoutView)),
]
