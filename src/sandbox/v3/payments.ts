import * as v from 'valibot'
import { clientRoute, empty, iso, json, type Route, type RouteContext } from '../http.js'
import { byNumber } from '../pagination.js'
import {
  type PaymentLinkRecord,
  type PaymentRequestRecord,
  type PayoutRecord,
  type RefundRecord,
  requestStatus,
} from '../payments.js'
import {
  badRequest,
  instantQuery,
  listResponse,
  notFound,
  readBody,
  readQuery,
  Text,
  textQuery,
} from './common.js'

/** Payment links, payment requests, payment account (refunds, beneficiaries, payouts), partner consents. */

const MINUTE = 60_000
const DAY = 86_400_000

const Amount = v.pipe(
  v.number(),
  v.minValue(0.01),
  v.maxValue(35_000),
  v.check(
    (n) => Math.round(n * 100) === n * 100 || Math.abs(Math.round(n * 100) - n * 100) < 1e-6,
    'at most 2 decimals',
  ),
)
const Name = v.pipe(v.string(), v.minLength(1), v.maxLength(35))
const Reference = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,35}$/))
const Iban = v.pipe(v.string(), v.regex(/^[A-Z]{2}[0-9A-Z]{13,32}$/))

const Payer = v.pipe(
  v.object({
    first_name: v.optional(Name),
    last_name: v.optional(Name),
    company_name: v.optional(Name),
    email: v.optional(v.pipe(v.string(), v.email())),
    external_reference: v.optional(Reference),
  }),
  v.check(
    (u) => !!u.company_name || (!!u.first_name && !!u.last_name),
    'first_name and last_name, or company_name',
  ),
)

const Beneficiary = v.object({
  first_name: v.optional(Name),
  last_name: v.optional(Name),
  company_name: v.optional(Name),
  name: v.optional(Name),
  email: v.optional(v.pipe(v.string(), v.email())),
  iban: Iban,
})

const Line = v.object({
  amount: Amount,
  currency: v.pipe(v.string(), v.regex(/^[A-Z]{3}$/)),
  label: v.optional(Text(140)),
  end_to_end_id: v.optional(Text(35)),
  client_reference: v.optional(Text(100)),
  execution_date: v.optional(v.pipe(v.string(), v.isoDate())),
  beneficiary: v.optional(Beneficiary),
})

const PaymentLinkBody = v.object({
  user: Payer,
  transactions: v.pipe(v.array(Line), v.minLength(1), v.maxLength(100)),
  client_reference: v.optional(Text(100)),
  expired_date: v.optional(v.pipe(v.string(), v.isoTimestamp())),
  callback_url: v.optional(v.pipe(v.string(), v.url())),
  country: v.optional(v.picklist(['fr', 'es', 'de', 'gb'])),
  provider_id: v.optional(v.pipe(v.number(), v.integer())),
  sender_iban: v.optional(Iban),
})

const PaymentRequestBody = v.object({
  callback_url: v.pipe(v.string(), v.url()),
  transactions: v.pipe(
    v.array(v.object({ ...Line.entries, label: Text(140) })),
    v.minLength(1),
    v.maxLength(100),
  ),
  user: Payer,
  provider_id: v.pipe(v.number(), v.integer()),
  client_reference: v.optional(Text(100)),
})

const RefundBody = v.object({
  payment_account_transaction_id: v.pipe(v.string(), v.uuid()),
  amount: Amount,
  client_reference: v.optional(Text(100)),
  description: v.optional(Text(140)),
})

const PayoutBody = v.object({
  beneficiary_id: v.pipe(v.string(), v.minLength(1)),
  amount: Amount,
  label: Text(140),
  client_reference: v.optional(Text(100)),
})

const PaymentConsentBody = v.object({
  external_reference: Text(100),
  redirect_url: v.pipe(v.string(), v.url()),
  transactions: v.pipe(
    v.array(v.object({ amount: Amount, currency: v.picklist(['EUR']), label: Text(140) })),
    v.minLength(1),
  ),
  user: v.object({
    first_name: v.optional(Name),
    last_name: v.optional(Name),
    company_name: v.optional(Name),
    email: v.pipe(v.string(), v.email()),
  }),
})

const GuidanceConsentBody = v.object({
  user_uuid: v.pipe(v.string(), v.minLength(1)),
  country_code: v.pipe(v.string(), v.regex(/^[A-Z]{2}$/)),
  company_identification_number: v.pipe(v.string(), v.regex(/^\d{9}$/)),
  contact_email: v.optional(v.pipe(v.string(), v.email())),
  language: v.optional(v.pipe(v.string(), v.regex(/^[a-z]{2}$/))),
  contact_phone_number: v.optional(v.pipe(v.string(), v.regex(/^\+\d{6,15}$/))),
})

const ApplicationsBody = v.object({
  dashboard_user_email: v.pipe(v.string(), v.email()),
  applications: v.pipe(v.array(v.object({ name: Text(100) })), v.minLength(1), v.maxLength(50)),
})

/**
 * The payment-account transaction of an executed payment line: the money arrives on the payment account.
 * Its id is the line's, shaped as a UUID, so a link and its payment requests name the same transaction.
 */
const receivedTransaction = (lineId: string, amount: number) => ({
  id: lineId.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
  status: 'received',
  amount,
})

/** What the payment account received for a link: from its payment requests' executed lines. */
const fundInformation = (ctx: RouteContext, link: PaymentLinkRecord) => {
  const now = ctx.clock.now()
  const received = [...ctx.state.payments.requests.values()]
    .filter((request) => request.paymentLinkId === link.id)
    .flatMap((request) => {
      const lines = requestStatus(request, now).lines
      return request.transactions.filter((_, index) => lines[index]?.status === 'ACSC')
    })
    .map((line) => receivedTransaction(line.id, line.amount))
  return { status: received.length > 0 ? 'paid' : 'unpaid', payment_account_transactions: received }
}

const linkView = (ctx: RouteContext, link: PaymentLinkRecord) => {
  const status = ctx.state.payments.linkStatus(link)
  return {
    id: link.id,
    status,
    payment_status: status === 'expired' || status === 'revoked' ? 'not_paid' : 'in_progress',
    user: link.user,
    link: `${ctx.origin}/_sandbox/pay/link/${link.token}`,
    client_reference: link.clientReference,
    transactions: link.transactions,
    fund_information: fundInformation(ctx, link),
    expired_at: iso(link.expiredAt),
    created_at: iso(link.createdAt),
    updated_at: iso(link.updatedAt),
  }
}

const requestView = (ctx: RouteContext, request: PaymentRequestRecord) => {
  const now = ctx.clock.now()
  const status = requestStatus(request, now)
  const paid = status.status === 'ACSC' || status.status === 'PDNG' || status.status === 'PART'
  const payer =
    [request.user.first_name, request.user.last_name].filter(Boolean).join(' ') || request.user.company_name
  return {
    id: request.id,
    status: status.status,
    status_reason: status.reason,
    user: request.user,
    sender: paid ? { iban: 'FR7630004000031234567890143', name: payer } : {},
    transactions: request.transactions.map((line, index) => ({
      id: line.id,
      status: status.lines[index]?.status,
      status_reason: status.lines[index]?.reason,
      beneficiary: line.beneficiary,
      amount: line.amount,
      end_to_end_id: line.end_to_end_id,
      currency: line.currency,
      label: line.label,
      client_reference: line.client_reference,
      execution_date: line.execution_date,
      ...(status.lines[index]?.status === 'ACSC'
        ? { payment_account_transaction: receivedTransaction(line.id, line.amount) }
        : {}),
    })),
    provider_id: request.providerId,
    client_reference: request.clientReference,
    payment_link_id: request.paymentLinkId,
    created_at: iso(request.createdAt),
    // Pending payments settle an hour after creation (Demo Bank): that is when they last change.
    updated_at: iso(
      status.status === 'PDNG' ? request.createdAt : Math.min(now, request.createdAt + 3_600_000),
    ),
  }
}

const refundView = (refund: RefundRecord) => ({
  id: refund.id,
  payment_account_transaction_id: refund.paymentAccountTransactionId,
  amount: refund.amount,
  currency: refund.currency,
  status: refund.status,
  client_reference: refund.clientReference,
  description: refund.description,
  created_at: iso(refund.createdAt),
  updated_at: iso(refund.createdAt),
})

const beneficiaryView = (b: PayoutRecord['beneficiary']) => ({
  id: b.id,
  iban: b.iban,
  bic: b.bic,
  bank_name: b.bankName,
  company_name: b.companyName,
})

const payoutView = (payout: PayoutRecord) => ({
  id: payout.id,
  beneficiary: beneficiaryView(payout.beneficiary),
  status: payout.status,
  status_reason: payout.statusReason,
  client_reference: payout.clientReference,
  label: payout.label,
  amount: payout.amount,
  currency: payout.currency,
  type: 'manual',
  created_at: iso(payout.createdAt),
  updated_at: iso(payout.createdAt),
})

/** `since`/`until` (creation instant) and `status` filters of payment lists, newest first. */
const createdFilter = <T extends { createdAt: number; seq: number }>(
  ctx: RouteContext,
  records: Iterable<T>,
  status?: (record: T) => string,
  extra?: (record: T) => boolean,
): T[] | Response => {
  const query = readQuery<{ since: number; until: number; status: string }>(ctx.query, {
    since: instantQuery,
    until: instantQuery,
    status: textQuery,
  })
  if ('property' in query) return badRequest(ctx, query)
  return [...records]
    .filter(
      (r) =>
        (query.since === undefined || r.createdAt > query.since) &&
        (query.until === undefined || r.createdAt < query.until) &&
        (query.status === undefined || !status || status(r).toLowerCase() === query.status.toLowerCase()) &&
        (!extra || extra(r)),
    )
    .sort((a, b) => b.seq - a.seq)
}

const newestFirst = byNumber((r: { seq: number }) => r.seq, 'desc')

export const paymentRoutes: readonly Route[] = [
  clientRoute('POST', '/v3/payment/payment-links', (ctx) => {
    const body = readBody(ctx, PaymentLinkBody)
    if (!body.ok) return body.response
    const b = body.value
    const now = ctx.clock.now()
    const expiredAt = b.expired_date === undefined ? now + 15 * MINUTE : Date.parse(b.expired_date)
    if (expiredAt <= now || expiredAt > now + 90 * DAY)
      return ctx.error(
        400,
        'payment.invalid_expired_date',
        'expired_date must be in the next 90 days',
        'expired_date',
      )
    const payments = ctx.state.payments
    const link: PaymentLinkRecord = {
      id: ctx.rng.uuid(),
      seq: payments.nextSeq(),
      token: ctx.rng.hex(64),
      status: 'valid',
      user: b.user as Record<string, string>,
      transactions: b.transactions,
      ...(b.client_reference === undefined ? {} : { clientReference: b.client_reference }),
      ...(b.callback_url === undefined ? {} : { callbackUrl: b.callback_url }),
      ...(b.provider_id === undefined ? {} : { providerId: b.provider_id }),
      expiredAt,
      createdAt: now,
      updatedAt: now,
    }
    payments.links.set(link.id, link)
    return json(200, { id: link.id, url: linkView(ctx, link).link })
  }),

  clientRoute('GET', '/v3/payment/payment-links', (ctx) => {
    const links = createdFilter(ctx, ctx.state.payments.links.values(), (l) =>
      ctx.state.payments.linkStatus(l),
    )
    if (links instanceof Response) return links
    return listResponse(ctx, links, newestFirst, (link) => linkView(ctx, link), { generatedAt: true })
  }),

  clientRoute('GET', '/v3/payment/payment-links/:id', (ctx) => {
    const link = ctx.state.payments.links.get(ctx.params.id as string)
    return link ? json(200, linkView(ctx, link)) : notFound(ctx)
  }),

  clientRoute('POST', '/v3/payment/payment-links/:id/revoke', (ctx) => {
    const link = ctx.state.payments.links.get(ctx.params.id as string)
    // Bridge answers both outcomes without a body.
    if (!link) return empty(404)
    if (ctx.state.payments.linkStatus(link) !== 'valid')
      return ctx.error(400, 'payment_link.not_revocable', 'Only a valid payment link can be revoked')
    link.status = 'revoked'
    link.updatedAt = ctx.clock.now()
    return empty(200)
  }),

  clientRoute('POST', '/v3/payment/payment-requests', (ctx) => {
    const body = readBody(ctx, PaymentRequestBody)
    if (!body.ok) return body.response
    const b = body.value
    const payments = ctx.state.payments
    const request: PaymentRequestRecord = {
      id: ctx.rng.hex(32),
      seq: payments.nextSeq(),
      user: b.user as Record<string, string>,
      providerId: b.provider_id,
      callbackUrl: b.callback_url,
      ...(b.client_reference === undefined ? {} : { clientReference: b.client_reference }),
      transactions: b.transactions.map((line) => ({ ...line, id: ctx.rng.hex(32) })),
      createdAt: ctx.clock.now(),
    }
    payments.requests.set(request.id, request)
    return json(200, { id: request.id, url: `${ctx.origin}/_sandbox/pay/payment/${request.id}/initiate` })
  }),

  clientRoute('GET', '/v3/payment/payment-requests', (ctx) => {
    const linkId = ctx.query.get('payment_link_id')
    const now = ctx.clock.now()
    const requests = createdFilter(
      ctx,
      ctx.state.payments.requests.values(),
      (r) => requestStatus(r, now).status,
      (r) => linkId === null || r.paymentLinkId === linkId,
    )
    if (requests instanceof Response) return requests
    return listResponse(ctx, requests, newestFirst, (r) => requestView(ctx, r), { generatedAt: true })
  }),

  // Bridge's documented answer wraps the one payment request in `resources`.
  clientRoute('GET', '/v3/payment/payment-requests/:id', (ctx) => {
    const request = ctx.state.payments.requests.get(ctx.params.id as string)
    return request ? json(200, { resources: [requestView(ctx, request)] }) : notFound(ctx)
  }),

  clientRoute('POST', '/v3/payment/payment-account/refunds', (ctx) => {
    const body = readBody(ctx, RefundBody)
    if (!body.ok) return body.response
    const b = body.value
    const payments = ctx.state.payments
    const refund: RefundRecord = {
      id: ctx.rng.hex(32),
      seq: payments.nextSeq(),
      paymentAccountTransactionId: b.payment_account_transaction_id,
      amount: b.amount,
      currency: 'EUR',
      status: 'paid',
      ...(b.client_reference === undefined ? {} : { clientReference: b.client_reference }),
      ...(b.description === undefined ? {} : { description: b.description }),
      createdAt: ctx.clock.now(),
    }
    payments.refunds.set(refund.id, refund)
    return json(200, refundView(refund))
  }),

  clientRoute('GET', '/v3/payment/payment-account/refunds', (ctx) => {
    const refunds = [...ctx.state.payments.refunds.values()].sort((a, b) => b.seq - a.seq)
    return listResponse(ctx, refunds, newestFirst, refundView, { generatedAt: true })
  }),

  clientRoute('GET', '/v3/payment/payment-account/refunds/:id', (ctx) => {
    const refund = ctx.state.payments.refunds.get(ctx.params.id as string)
    return refund ? json(200, refundView(refund)) : notFound(ctx)
  }),

  clientRoute('GET', '/v3/payment/payment-account/beneficiaries', (ctx) =>
    json(200, { resources: ctx.state.payments.beneficiaries.map(beneficiaryView) }),
  ),

  clientRoute('POST', '/v3/payment/payment-account/payouts', (ctx) => {
    const body = readBody(ctx, PayoutBody)
    if (!body.ok) return body.response
    const b = body.value
    const payments = ctx.state.payments
    const beneficiary = payments.beneficiaries.find((x) => x.id === b.beneficiary_id)
    if (!beneficiary)
      return ctx.error(
        404,
        'beneficiary.not_found',
        `Beneficiary ${b.beneficiary_id} not found`,
        'beneficiary_id',
      )
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

  clientRoute('GET', '/v3/payment/payment-account/payouts', (ctx) => {
    const payouts = [...ctx.state.payments.payouts.values()].sort((a, b) => b.seq - a.seq)
    return listResponse(ctx, payouts, newestFirst, payoutView, { generatedAt: true })
  }),

  clientRoute('GET', '/v3/payment/payment-account/payouts/:id', (ctx) => {
    const payout = ctx.state.payments.payouts.get(ctx.params.id as string)
    return payout ? json(200, payoutView(payout)) : notFound(ctx)
  }),

  clientRoute('POST', '/v3/payment/consents', (ctx) => {
    const body = readBody(ctx, PaymentConsentBody)
    if (!body.ok) return body.response
    return json(200, { consent_url: `${ctx.origin}/_sandbox/pay/consent/${ctx.rng.uuid()}/terms` })
  }),

  // Guidance answers its errors without a body, as Bridge documents.
  clientRoute('POST', '/v3/guidance/consents', (ctx) => {
    const body = readBody(ctx, GuidanceConsentBody)
    if (!body.ok) return empty(400)
    if (!ctx.state.users.has(body.value.user_uuid)) return empty(404)
    ctx.state.payments.guidanceConsents.add(body.value.user_uuid)
    return empty(200)
  }),

  // Bridge documents 401 (not 404) for an unknown user on these two.
  clientRoute('DELETE', '/v3/guidance/consents/:uuid', (ctx) => {
    const uuid = ctx.params.uuid as string
    if (!ctx.state.users.has(uuid)) return empty(401)
    ctx.state.payments.guidanceConsents.delete(uuid)
    return empty(204)
  }),

  clientRoute('POST', '/v3/guidance/sessions', (ctx) => {
    const body = readBody(ctx, GuidanceConsentBody)
    if (!body.ok) return empty(400)
    if (!ctx.state.users.has(body.value.user_uuid)) return empty(401)
    const id = ctx.rng.uuid()
    return json(200, {
      id,
      url: `${ctx.origin}/_sandbox/guidance/session/${id}`,
      password: ctx.rng.hex(20),
    })
  }),

  clientRoute('GET', '/v3/guidance/health/:uuid', (ctx) => {
    const uuid = ctx.params.uuid as string
    if (!ctx.state.users.has(uuid) || !ctx.state.payments.guidanceConsents.has(uuid)) return empty(404)
    const count = ctx.state.transactions(uuid, 'updated').length
    const message =
      ctx.language === 'en'
        ? `After analysing ${count} transactions, we recommend building up short-term savings.`
        : `Suite à une analyse portant sur ${count} transactions, nous recommandons de constituer une épargne de court terme.`
    return json(200, { message, domains: { displayed: ['SAVINGS', 'STF'], recommended: ['STF'] } })
  }),

  clientRoute('POST', '/v3/applications', (ctx) => {
    const body = readBody(ctx, ApplicationsBody)
    if (!body.ok) return body.response
    const payments = ctx.state.payments
    const wanted = body.value.applications.length
    if (wanted > payments.applicationsLeft)
      return ctx.error(
        400,
        'organization.cannot_update_remaining_app_counter_exception',
        `Too few remaining applications to create. You can only create ${payments.applicationsLeft} more.`,
      )
    payments.applicationsLeft -= wanted
    return empty(204)
  }),
]
