// 2025-01-15 payment routes: links, requests, payment account (refunds, beneficiaries, payouts), consents.
import * as v from 'valibot'
import {
  Amount as BaseAmount,
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
import {
  badRequest,
  clientPost,
  instantQuery,
  listResponse,
  Optional,
  readBody,
  readQuery,
  Text,
  textQuery,
} from '../common/requests.js'
import { clientRoute, defined, empty, iso, json, type Route, type RouteContext } from '../http.js'
import {
  type Party,
  type PaymentLinkRecord,
  type PaymentRequestRecord,
  type PayoutRecord,
  requestStatus,
} from '../payments.js'

/** 2025-01-15 payments cap an amount at 35 000. */
const Amount = v.pipe(BaseAmount, v.maxValue(35_000))
const Name = v.pipe(v.string(), v.minLength(1), v.maxLength(35))
const Reference = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,35}$/))

/** The name fields of a payer or beneficiary. */
const Names = { first_name: Optional(Name), last_name: Optional(Name), company_name: Optional(Name) }
const Email = v.pipe(v.string(), v.email())

const Payer = v.pipe(
  v.object({
    ...Names,
    email: Optional(Email),
    external_reference: Optional(Reference),
  }),
  v.check(
    (u) => !!u.company_name || (!!u.first_name && !!u.last_name),
    'first_name and last_name, or company_name',
  ),
)

const Beneficiary = v.object({
  ...Names,
  name: Optional(Name),
  email: Optional(Email),
  iban: Iban,
})

const Line = v.object({
  amount: Amount,
  currency: v.pipe(v.string(), v.regex(/^[A-Z]{3}$/)),
  label: Optional(Text(140)),
  end_to_end_id: Optional(Text(35)),
  client_reference: Optional(Text(100)),
  execution_date: Optional(v.pipe(v.string(), v.isoDate())),
  beneficiary: Optional(Beneficiary),
})

const PaymentLinkBody = v.object({
  user: Payer,
  transactions: v.pipe(v.array(Line), v.minLength(1), v.maxLength(100)),
  client_reference: Optional(Text(100)),
  expired_date: Optional(v.pipe(v.string(), v.isoTimestamp())),
  callback_url: Optional(v.pipe(v.string(), v.url())),
  country: Optional(v.picklist(['fr', 'es', 'de', 'gb'])),
  provider_id: Optional(v.pipe(v.number(), v.integer())),
})

/** Up to 5 keys ≤ 50 characters, string values ≤ 100 (docs.bridgeapi.io/docs/add-metadata-to-your-payments). */
const Metadata = v.pipe(
  v.record(v.pipe(v.string(), v.minLength(1), v.maxLength(50)), v.pipe(v.string(), v.maxLength(100))),
  v.check((metadata) => Object.keys(metadata).length <= 5),
)

const PaymentRequestBody = v.object({
  callback_url: v.pipe(v.string(), v.url()),
  transactions: v.pipe(
    v.array(v.object({ ...Line.entries, label: Text(140), metadata: Optional(Metadata) })),
    v.minLength(1),
    v.maxLength(100),
  ),
  user: Payer,
  provider_id: v.pipe(v.number(), v.integer()),
  client_reference: Optional(Text(100)),
})

const RefundBody = v.object({
  payment_account_transaction_id: v.pipe(v.string(), v.uuid()),
  amount: Amount,
  client_reference: Optional(Text(100)),
  description: Optional(Text(140)),
})

const PaymentConsentBody = v.object({
  external_reference: Text(100),
  redirect_url: v.pipe(v.string(), v.url()),
  transactions: v.pipe(
    v.array(v.object({ amount: Amount, currency: v.picklist(['EUR']), label: Text(140) })),
    v.minLength(1),
  ),
  user: v.object({ ...Names, email: Email }),
})

const CountryCode = v.pipe(v.string(), v.regex(/^[A-Z]{2}$/))

const GuidanceSessionBody = v.object({
  user_uuid: v.pipe(v.string(), v.minLength(1)),
  country_code: CountryCode,
  company_identification_number: v.pipe(v.string(), v.regex(/^\d{9}$/)),
  contact_email: Optional(Email),
  language: Optional(v.pipe(v.string(), v.regex(/^[a-z]{2}$/))),
  contact_phone_number: Optional(v.pipe(v.string(), v.regex(/^\+\d{6,15}$/))),
})

/** `country_code` is optional on consents (the 2026 reference transcription). */
const GuidanceConsentBody = v.object({ ...GuidanceSessionBody.entries, country_code: Optional(CountryCode) })

const ApplicationsBody = v.object({
  dashboard_user_email: Email,
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
  const received = ctx.state.payments.requests
    .list()
    .filter((request) => request.paymentLinkId === link.id)
    .flatMap((request) => {
      const lines = requestStatus(request, now).lines
      return request.transactions.filter((_, index) => lines[index]?.status === 'ACSC')
    })
    .map((line) => receivedTransaction(line.id, line.amount))
  return { status: received.length > 0 ? 'paid' : 'unpaid', payment_account_transactions: received }
}

const linkView = (link: PaymentLinkRecord, ctx: RouteContext) => {
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

const requestView = (request: PaymentRequestRecord, ctx: RouteContext) => {
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
      metadata: line.metadata,
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

const refundJson = refundView(undefined)

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

/** `since`/`until` (creation instant) and `status` filters of a payment list (kept newest first). */
const createdFilter = <T extends { createdAt: number; seq: number }>(
  ctx: RouteContext,
  records: readonly T[],
  status?: (record: T) => string,
  extra?: (record: T) => boolean,
): T[] | Response => {
  const query = readQuery(ctx.query, { since: instantQuery, until: instantQuery, status: textQuery })
  if ('property' in query) return badRequest(ctx, query)
  return records.filter(
    (r) =>
      (query.since === undefined || r.createdAt > query.since) &&
      (query.until === undefined || r.createdAt < query.until) &&
      (query.status === undefined || !status || status(r).toLowerCase() === query.status.toLowerCase()) &&
      (!extra || extra(r)),
  )
}

export const paymentRoutes: readonly Route[] = [
  clientPost('/v3/payment/payment-links', PaymentLinkBody, (ctx, b) => {
    const link = createPaymentLink(
      ctx,
      {
        user: b.user as Party,
        transactions: b.transactions,
        ...defined({ clientReference: b.client_reference, callbackUrl: b.callback_url }),
        ...defined({ providerId: b.provider_id, expiredDate: b.expired_date }),
      },
      () =>
        ctx.error(
          400,
          'payment.invalid_expired_date',
          'expired_date must be in the next 90 days',
          'expired_date',
        ),
    )
    if (link instanceof Response) return link
    return json(200, { id: link.id, url: linkView(link, ctx).link })
  }),

  clientRoute('GET', '/v3/payment/payment-links', (ctx) => {
    const links = createdFilter(ctx, ctx.state.payments.links.list(), (l) => ctx.state.payments.linkStatus(l))
    if (links instanceof Response) return links
    return listResponse(ctx, links, newestFirst, (link) => linkView(link, ctx), { generatedAt: true })
  }),

  clientRoute('GET', '/v3/payment/payment-links/:id', withPaymentRecord('links', linkView)),

  // Bridge answers an unknown link without a body.
  revokeLinkRoute(
    '/v3/payment/payment-links/:id/revoke',
    () => empty(404),
    (ctx) => ctx.error(400, 'payment_link.not_revocable', 'Only a valid payment link can be revoked'),
  ),

  clientPost('/v3/payment/payment-requests', PaymentRequestBody, (ctx, b) => {
    const request = ctx.state.payments.addRequest(
      {
        user: b.user as Record<string, string>,
        providerId: b.provider_id,
        callbackUrl: b.callback_url,
        ...(b.client_reference === undefined ? {} : { clientReference: b.client_reference }),
        transactions: b.transactions,
      },
      ctx.rng,
    )
    return json(200, { id: request.id, url: `${ctx.origin}/_sandbox/pay/payment/${request.id}/initiate` })
  }),

  clientRoute('GET', '/v3/payment/payment-requests', (ctx) => {
    const linkId = ctx.query.get('payment_link_id')
    const now = ctx.clock.now()
    const requests = createdFilter(
      ctx,
      ctx.state.payments.requests.list(),
      (r) => requestStatus(r, now).status,
      (r) => linkId === null || r.paymentLinkId === linkId,
    )
    if (requests instanceof Response) return requests
    return listResponse(ctx, requests, newestFirst, (r) => requestView(r, ctx), { generatedAt: true })
  }),

  // Bridge's documented answer wraps the one payment request in `resources`.
  clientRoute(
    'GET',
    '/v3/payment/payment-requests/:id',
    withPaymentRecord('requests', (request, ctx) => ({ resources: [requestView(request, ctx)] })),
  ),

  clientPost('/v3/payment/payment-account/refunds', RefundBody, (ctx, b) =>
    json(200, refundJson(createRefund(ctx, b, 'paid'))),
  ),

  clientRoute('GET', '/v3/payment/payment-account/refunds', (ctx) =>
    listResponse(ctx, ctx.state.payments.refunds.list(), newestFirst, refundJson, { generatedAt: true }),
  ),

  clientRoute('GET', '/v3/payment/payment-account/refunds/:id', withPaymentRecord('refunds', refundJson)),

  clientRoute('GET', '/v3/payment/payment-account/beneficiaries', (ctx) =>
    json(200, { resources: ctx.state.payments.beneficiaries.map(beneficiaryView) }),
  ),

  payoutRoute('/v3/payment/payment-account/payouts', payoutView, (ctx, id) =>
    ctx.error(404, 'beneficiary.not_found', `Beneficiary ${id} not found`, 'beneficiary_id'),
  ),

  clientRoute('GET', '/v3/payment/payment-account/payouts', (ctx) =>
    listResponse(ctx, ctx.state.payments.payouts.list(), newestFirst, payoutView, { generatedAt: true }),
  ),

  clientRoute('GET', '/v3/payment/payment-account/payouts/:id', withPaymentRecord('payouts', payoutView)),

  clientPost('/v3/payment/consents', PaymentConsentBody, (ctx) =>
    json(200, { consent_url: `${ctx.origin}/_sandbox/pay/consent/${ctx.rng.uuid()}/terms` }),
  ),

  // Guidance answers its errors without a body, as Bridge documents.
  clientRoute('POST', '/v3/guidance/consents', (ctx) => {
    const body = readBody(ctx, GuidanceConsentBody)
    if (!body.ok) return empty(400)
    if (!ctx.state.user(body.value.user_uuid)) return empty(404)
    ctx.state.giveGuidanceConsent(body.value.user_uuid, body.value.company_identification_number)
    return empty(200)
  }),

  // Bridge documents 401 (not 404) for an unknown user on these two.
  clientRoute('DELETE', '/v3/guidance/consents/:uuid', (ctx) => {
    const uuid = ctx.params.uuid as string
    if (!ctx.state.user(uuid)) return empty(401)
    ctx.state.payments.guidanceConsents.delete(uuid)
    return empty(204)
  }),

  clientRoute('POST', '/v3/guidance/sessions', (ctx) => {
    const body = readBody(ctx, GuidanceSessionBody)
    if (!body.ok) return empty(400)
    if (!ctx.state.user(body.value.user_uuid)) return empty(401)
    const id = ctx.rng.uuid()
    return json(200, {
      id,
      url: `${ctx.origin}/_sandbox/guidance/session/${id}`,
      password: ctx.rng.hex(20),
    })
  }),

  clientRoute('GET', '/v3/guidance/health/:uuid', (ctx) => {
    const uuid = ctx.params.uuid as string
    if (!ctx.state.user(uuid) || !ctx.state.payments.guidanceConsents.has(uuid)) return empty(404)
    const count = ctx.state.transactions(uuid, 'updated').length
    const message =
      ctx.language === 'en'
        ? `After analysing ${count} transactions, we recommend building up short-term savings.`
        : `Suite à une analyse portant sur ${count} transactions, nous recommandons de constituer une épargne de court terme.`
    return json(200, { message, domains: { displayed: ['SAVINGS', 'STF'], recommended: ['STF'] } })
  }),

  clientPost('/v3/applications', ApplicationsBody, (ctx, b) => {
    const created = ctx.state.payments.createApplications(b.applications.length)
    if (created === true) return empty(204)
    return ctx.error(
      400,
      'organization.cannot_update_remaining_app_counter_exception',
      `Too few remaining applications to create. You can only create ${created} more.`,
    )
  }),
]
