import * as v from 'valibot'
import { clientRoute, empty, iso, json, type Route, type RouteContext } from '../http.js'
import { byNumber } from '../pagination.js'
import {
  type PaymentLinkRecord,
  type PaymentRequestRecord,
  type PayoutRecord,
  requestStatus,
} from '../payments.js'
import { listResponse, readBody, Text } from '../v3/common.js'

/**
 * 2021-06-01 payments on the shared payment records: payment links, payment requests, refunds
 * and payouts (client credentials). Bridge Transfer (user level) is in `transfers.ts`.
 */

const MINUTE = 60_000
const DAY = 86_400_000

const Amount = v.pipe(
  v.number(),
  v.minValue(0.01),
  v.check((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, 'at most 2 decimals'),
)
const Iban = v.pipe(v.string(), v.regex(/^[A-Z]{2}[0-9A-Z]{13,32}$/))
const Party = v.object({
  first_name: v.optional(Text(70)),
  last_name: v.optional(Text(70)),
  company_name: v.optional(Text(70)),
  name: v.optional(Text(140)),
  email: v.optional(Text(320)),
  external_reference: v.optional(Text(100)),
  ip_address: v.optional(Text(45)),
  iban: v.optional(Iban),
})
const Line = v.object({
  amount: Amount,
  currency: v.pipe(v.string(), v.regex(/^[A-Z]{3}$/)),
  label: Text(140),
  end_to_end_id: v.optional(Text(35)),
  client_reference: v.optional(Text(100)),
  beneficiary: v.optional(Party),
})

const PaymentLinkBody = v.object({
  user: Party,
  transactions: v.pipe(v.array(Line), v.minLength(1)),
  client_reference: Text(100),
  expired_date: v.optional(v.pipe(v.string(), v.isoTimestamp())),
  callback_url: v.optional(v.pipe(v.string(), v.url())),
})

const PaymentRequestBody = v.object({
  bank_id: v.pipe(v.number(), v.integer()),
  successful_callback_url: v.optional(v.pipe(v.string(), v.url())),
  unsuccessful_callback_url: v.optional(v.pipe(v.string(), v.url())),
  transactions: v.pipe(v.array(Line), v.minLength(1)),
  user: Party,
  beneficiary: v.optional(Party),
  client_reference: v.optional(Text(100)),
})

/** Party fields as given, without the ones that were not sent. */
const party = (given: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(given).filter((entry): entry is [string, string] => entry[1] !== undefined),
  )

const notFound = (ctx: RouteContext) => ctx.error(404, 'not_found', "The requested resource doesn't exist")

const newestFirst = byNumber((r: { seq: number }) => r.seq, 'desc')

/** 2021-06-01 spells link statuses in upper case. */
const linkView = (ctx: RouteContext, link: PaymentLinkRecord) => ({
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

const requestView = (ctx: RouteContext, request: PaymentRequestRecord) => {
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

const payoutView = (payout: PayoutRecord) => ({
  id: payout.id,
  beneficiary: {
    id: payout.beneficiary.id,
    company_name: payout.beneficiary.companyName,
    bank_name: payout.beneficiary.bankName,
    iban: payout.beneficiary.iban,
    bic: payout.beneficiary.bic,
  },
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
  clientRoute('POST', '/v2/payment-links', (ctx) => {
    const body = readBody(ctx, PaymentLinkBody)
    if (!body.ok) return body.response
    const b = body.value
    const now = ctx.clock.now()
    const expiredAt = b.expired_date === undefined ? now + 15 * MINUTE : Date.parse(b.expired_date)
    if (expiredAt <= now || expiredAt > now + 90 * DAY)
      return ctx.error(400, 'invalid_request', 'expired_date must be in the next 90 days')
    const payments = ctx.state.payments
    const link: PaymentLinkRecord = {
      id: ctx.rng.uuid(),
      seq: payments.nextSeq(),
      token: ctx.rng.hex(64),
      status: 'valid',
      user: party(b.user),
      transactions: b.transactions.map((line) => ({
        ...line,
        ...(line.beneficiary ? { beneficiary: party(line.beneficiary) } : {}),
      })),
      clientReference: b.client_reference,
      ...(b.callback_url === undefined ? {} : { callbackUrl: b.callback_url }),
      expiredAt,
      createdAt: now,
      updatedAt: now,
    }
    payments.links.set(link.id, link)
    return json(200, { id: link.id, url: linkView(ctx, link).url })
  }),
  clientRoute('GET', '/v2/payment-links', (ctx) =>
    listResponse(
      ctx,
      [...ctx.state.payments.links.values()].sort((a, b) => b.seq - a.seq),
      newestFirst,
      (link) => linkView(ctx, link),
    ),
  ),
  clientRoute('GET', '/v2/payment-links/:id', (ctx) => {
    const link = ctx.state.payments.links.get(ctx.params.id as string)
    return link ? json(200, linkView(ctx, link)) : notFound(ctx)
  }),
  clientRoute('POST', '/v2/payment-links/:id/revoke', (ctx) => {
    const link = ctx.state.payments.links.get(ctx.params.id as string)
    if (!link) return notFound(ctx)
    if (ctx.state.payments.linkStatus(link) !== 'valid')
      return ctx.error(400, 'invalid_request', 'Only a valid payment link can be revoked')
    link.status = 'revoked'
    link.updatedAt = ctx.clock.now()
    return empty(200)
  }),

  clientRoute('POST', '/v2/payment-requests', (ctx) => {
    const body = readBody(ctx, PaymentRequestBody)
    if (!body.ok) return body.response
    const b = body.value
    const beneficiary = b.beneficiary && party(b.beneficiary)
    const payments = ctx.state.payments
    const request: PaymentRequestRecord = {
      id: ctx.rng.hex(32),
      seq: payments.nextSeq(),
      user: party(b.user),
      providerId: b.bank_id,
      ...(b.successful_callback_url === undefined ? {} : { callbackUrl: b.successful_callback_url }),
      ...(b.client_reference === undefined ? {} : { clientReference: b.client_reference }),
      transactions: b.transactions.map((line) => ({
        ...line,
        ...(line.beneficiary || beneficiary
          ? { beneficiary: line.beneficiary ? party(line.beneficiary) : beneficiary }
          : {}),
        id: ctx.rng.hex(32),
      })),
      createdAt: ctx.clock.now(),
    }
    payments.requests.set(request.id, request)
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
    const requests = [...ctx.state.payments.requests.values()]
      .filter(
        (r) =>
          (linkId === null || r.paymentLinkId === linkId) &&
          (statuses.length === 0 || statuses.includes(requestStatus(r, now).status)),
      )
      .sort((a, b) => b.seq - a.seq)
    return listResponse(ctx, requests, newestFirst, (r) => requestView(ctx, r))
  }),
  clientRoute('GET', '/v2/payment-requests/:id', (ctx) => {
    const request = ctx.state.payments.requests.get(ctx.params.id as string)
    return request ? json(200, requestView(ctx, request)) : notFound(ctx)
  }),

  clientRoute('POST', '/v2/payment-refunds', (ctx) => {
    const body = readBody(
      ctx,
      v.object({
        payment_account_transaction_id: Text(64),
        amount: Amount,
        client_reference: v.optional(Text(100)),
        description: v.optional(Text(1000)),
      }),
    )
    if (!body.ok) return body.response
    const b = body.value
    const payments = ctx.state.payments
    const refund = {
      id: ctx.rng.hex(32),
      seq: payments.nextSeq(),
      paymentAccountTransactionId: b.payment_account_transaction_id,
      amount: b.amount,
      currency: 'EUR',
      status: 'created',
      ...(b.client_reference === undefined ? {} : { clientReference: b.client_reference }),
      ...(b.description === undefined ? {} : { description: b.description }),
      createdAt: ctx.clock.now(),
    }
    payments.refunds.set(refund.id, refund)
    return json(200, {
      id: refund.id,
      payment_account_transaction_id: refund.paymentAccountTransactionId,
      amount: refund.amount,
      currency: refund.currency,
      status: refund.status,
      client_reference: b.client_reference ?? null,
      description: b.description ?? null,
      created_at: iso(refund.createdAt),
      updated_at: iso(refund.createdAt),
    })
  }),

  // The documented path ends with a slash.
  clientRoute('POST', '/v2/payment-account/payouts/', (ctx) => {
    const body = readBody(
      ctx,
      v.object({
        beneficiary_id: Text(64),
        amount: Amount,
        label: Text(140),
        client_reference: v.optional(Text(100)),
      }),
    )
    if (!body.ok) return body.response
    const b = body.value
    const payments = ctx.state.payments
    const beneficiary = payments.beneficiaries.find((x) => x.id === b.beneficiary_id)
    if (!beneficiary) return ctx.error(404, 'not_found', `Beneficiary ${b.beneficiary_id} not found`)
    // Sandbox rule from Bridge's docs: a payout above the payment account's balance fails.
    const funded = b.amount <= payments.balance
    if (funded) payments.balance = Math.round((payments.balance - b.amount) * 100) / 100
    const payout: PayoutRecord = {
      id: ctx.rng.uuid(),
      seq: payments.nextSeq(),
      beneficiary,
      status: funded ? 'paid' : 'fail',
      ...(funded ? {} : { statusReason: 'insufficient_funds' }),
      ...(b.client_reference === undefined ? {} : { clientReference: b.client_reference }),
      label: b.label,
      amount: b.amount,
      currency: 'EUR',
      createdAt: ctx.clock.now(),
    }
    payments.payouts.set(payout.id, payout)
    return json(200, payoutView(payout))
  }),
  clientRoute('GET', '/v2/payment-account/payouts/:id', (ctx) => {
    const payout = ctx.state.payments.payouts.get(ctx.params.id as string)
    return payout ? json(200, payoutView(payout)) : notFound(ctx)
  }),
]
