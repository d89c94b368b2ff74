// The payment link page a payer clicks through: bank, Demo Bank login, sender account (+ OTP), pay or cancel.
import { isPaymentScenario, type PaymentLinkRecord, requestStatus } from '../payments.js'
import { bankById, bankList, chosenBank, loginFields, loginTable, PAYMENT_LOGINS } from './banks.js'
import { callbackOrigins, type PageContext, problemPage } from './context.js'
import { flowOf, readFormPost } from './forms.js'
import { errorBox, field, type Html, h, pageResponse, postForm, quitForm, seeOther } from './html.js'

/**
 * A payment link's page, after Bridge's sandbox (docs.bridgeapi.io/docs/testing-your-payment-flow-2):
 * choose the bank, log in (the login picks the outcome: `id-acsc`, `id-pdng-acsc`, `id-pdng-rjct`,
 * `id-rjct[-REASON]`; any other login lets the lines' labels decide), pick a sender account with or
 * without an OTP, then pay or cancel. A payment the bank rejects at once leaves the link valid: the
 * payer may try again or quit. `?scenario=…` (a login, `pay` or `abort`) acts at once, for scripts.
 */

/** Where a payer is. */
type PayStep =
  | { readonly at: 'banks' }
  | { readonly at: 'login'; readonly providerId: number; readonly error?: string }
  | { readonly at: 'confirm'; readonly providerId: number; readonly login: string }
  | { readonly at: 'otp'; readonly providerId: number; readonly login: string; readonly error?: string }
  | { readonly at: 'rejected'; readonly providerId: number; readonly reason?: string }
  | { readonly at: 'done'; readonly message: string }

/** Bridge's credentials rule for its sandbox payments: "more than 6 characters". */
const MIN_LENGTH = 7

/** The link a page's token names. */
const linkOf = (ctx: PageContext): PaymentLinkRecord | undefined =>
  ctx.state.payments.links.find((l) => l.token === ctx.params.token)

/** The callback of a payment link: `success` with the request, or `abort` with the step (docs first-payment-link-from-the-api). */
const linkCallback = (
  link: PaymentLinkRecord,
  outcome: { status: 'success'; paymentRequestId: string } | { status: 'abort'; step: string },
): string | undefined => {
  if (!link.callbackUrl) return undefined
  const url = new URL(link.callbackUrl)
  url.searchParams.set('payment_link_id', link.id)
  if (outcome.status === 'success') url.searchParams.set('payment_request_id', outcome.paymentRequestId)
  url.searchParams.set('status', outcome.status)
  if (outcome.status === 'abort') {
    url.searchParams.set('step', outcome.step)
    if (link.clientReference) url.searchParams.set('client_reference', link.clientReference)
  }
  return url.toString()
}

/** The outcome of paying: `done` (callback or summary), or `rejected` with the bank's reason. */
type PayOutcome =
  | { readonly kind: 'done'; readonly callbackUrl?: string; readonly message: string }
  | { readonly kind: 'rejected'; readonly reason?: string }
  | { readonly kind: 'gone' }

/** Pays the link with the payer's login: a payment request whose status the login (or the labels) sets. */
const pay = (ctx: PageContext, link: PaymentLinkRecord, login: string): PayOutcome => {
  const request = ctx.state.payments.payLink(link, isPaymentScenario(login) ? login : undefined)
  if (!request) return { kind: 'gone' }
  const status = requestStatus(request, request.createdAt)
  if (status.status === 'RJCT')
    return { kind: 'rejected', ...(status.reason ? { reason: status.reason } : {}) }
  const callbackUrl = linkCallback(link, { status: 'success', paymentRequestId: request.id })
  return {
    kind: 'done',
    ...(callbackUrl ? { callbackUrl } : {}),
    message: `Payment request ${request.id} initiated (${status.status}).`,
  }
}

const rejectedMessage = (reason: string | undefined): string =>
  `The bank rejected the payment${reason ? ` (${reason})` : ''}. You can try again or quit.`

/** The script path: `?scenario=abort`, or pay with the scenario as the login (`pay`: the labels decide). */
const actForScript = (ctx: PageContext, link: PaymentLinkRecord, scenario: string): Response => {
  if (scenario === 'abort') {
    const callbackUrl = linkCallback(link, { status: 'abort', step: 'bank_page' })
    return callbackUrl
      ? seeOther(callbackUrl)
      : pageResponse('Payment cancelled', h`<p>Payment cancelled.</p>`)
  }
  const outcome = pay(ctx, link, scenario)
  if (outcome.kind === 'gone') return goneLink(ctx, link)
  if (outcome.kind === 'rejected')
    return pageResponse('Payment rejected', h`<p>${rejectedMessage(outcome.reason)}</p>`)
  return outcome.callbackUrl
    ? new Response(null, { status: 302, headers: { location: outcome.callbackUrl } })
    : pageResponse('Payment initiated', h`<p>${outcome.message}</p>`)
}

const goneLink = (ctx: PageContext, link: PaymentLinkRecord): Response =>
  problemPage(410, `This payment link is ${ctx.state.payments.linkStatus(link)}.`)

/** What the link asks to pay: its lines' amounts and labels. */
const linkSummary = (link: PaymentLinkRecord): Html =>
  h`<ul>${link.transactions.map((line) => h`<li>${line.amount.toFixed(2)} ${line.currency}${line.label ? h` · ${line.label}` : ''}</li>`)}</ul>`

const render = (ctx: PageContext, link: PaymentLinkRecord, nonce: string, step: PayStep): Response => {
  const page = (title: string, content: Html) =>
    pageResponse(title, content, { formTargets: callbackOrigins(link.callbackUrl) })
  const cancel = h`<p>${quitForm(nonce, 'Cancel the payment')}</p>`
  const bank = 'providerId' in step ? (bankById(step.providerId)?.name ?? `Bank ${step.providerId}`) : ''
  switch (step.at) {
    case 'banks':
      return page(
        'Pay with your bank',
        h`${linkSummary(link)}${bankList(nonce, 'single_payment', ctx.url.searchParams.get('q') ?? '')}${cancel}`,
      )
    case 'login': {
      return page(
        `Log in to ${bank}`,
        h`${linkSummary(link)}${errorBox(step.error)}<p class="hint">Login and password: more than 6 characters.</p>${postForm(nonce, 'login', loginFields(), 'Log in')}${loginTable(PAYMENT_LOGINS)}${cancel}`,
      )
    }
    case 'confirm': {
      const accounts = h`<fieldset><legend>Sender account</legend><label class="check"><input type="radio" name="sender" value="no-sca" checked> Account without SCA</label><label class="check"><input type="radio" name="sender" value="otp"> Account with OTP SMS</label></fieldset>`
      return page(
        'Confirm the payment',
        h`${linkSummary(link)}${postForm(nonce, 'pay', accounts, 'Pay')}${cancel}`,
      )
    }
    case 'otp':
      return page(
        'Strong authentication',
        h`<p>Enter the code sent by SMS (more than 6 characters).</p>${errorBox(step.error)}${postForm(nonce, 'otp', field('One-time code', 'code', { autocomplete: 'one-time-code' }), 'Confirm')}${cancel}`,
      )
    case 'rejected':
      return page(
        'Payment rejected',
        h`${errorBox(rejectedMessage(step.reason))}${postForm(nonce, 'retry', h``, 'Try again')}${h`<p>${quitForm(nonce)}</p>`}`,
      )
    case 'done':
      return page('Payment', h`<p>${step.message}</p>`)
  }
}

const firstStep = (link: PaymentLinkRecord): PayStep =>
  link.providerId === undefined ? { at: 'banks' } : { at: 'login', providerId: link.providerId }

/** GET: the step the payer is at (or, with `?scenario=`, an immediate outcome). */
export const showPaymentLinkPage = (ctx: PageContext): Response => {
  const link = linkOf(ctx)
  if (!link) return problemPage(404, 'Unknown payment link.')
  const flow = flowOf<PayStep>(ctx.state, `link:${link.id}`, () => firstStep(link))
  if (flow.step.at === 'done') return render(ctx, link, flow.nonce, flow.step)
  if (ctx.state.payments.linkStatus(link) !== 'valid') return goneLink(ctx, link)
  const scenario = ctx.url.searchParams.get('scenario')
  if (scenario !== null) return actForScript(ctx, link, scenario)
  return render(ctx, link, flow.nonce, flow.step)
}

/** POST: one step's form. */
export const postPaymentLinkPage = async (ctx: PageContext): Promise<Response> => {
  const link = linkOf(ctx)
  if (!link) return problemPage(404, 'Unknown payment link.')
  const flow = flowOf<PayStep>(ctx.state, `link:${link.id}`, () => firstStep(link))
  const post = await readFormPost(ctx.request, ctx.origin, flow.nonce)
  if (!post.ok) return problemPage(post.status, post.message)
  if (flow.step.at === 'done' || ctx.state.payments.linkStatus(link) !== 'valid') return goneLink(ctx, link)
  const fields = post.fields
  const step = flow.step
  const here = seeOther(ctx.url.pathname)
  const end = (message: string, callbackUrl: string | undefined): Response => {
    flow.step = { at: 'done', message }
    return callbackUrl ? seeOther(callbackUrl) : here
  }
  const payNow = (providerId: number, login: string): Response => {
    const outcome = pay(ctx, link, login)
    if (outcome.kind === 'gone') return goneLink(ctx, link)
    if (outcome.kind === 'done') return end(outcome.message, outcome.callbackUrl)
    flow.step = { at: 'rejected', providerId, ...(outcome.reason ? { reason: outcome.reason } : {}) }
    return here
  }

  const action = fields.get('action')
  if (action === 'quit') {
    // Bridge's abort steps: the bank list, or the bank's pages.
    const callbackUrl = linkCallback(link, {
      status: 'abort',
      step: step.at === 'banks' ? 'banks_list' : 'bank_page',
    })
    return end('Payment cancelled.', callbackUrl)
  }
  if (step.at === 'banks' && action === 'provider') {
    const bank = chosenBank(fields, 'single_payment')
    if (!bank) return problemPage(400, 'Unknown bank.')
    flow.step = { at: 'login', providerId: bank.id }
    return here
  }
  if (step.at === 'login' && action === 'login') {
    const login = (fields.get('login') ?? '').trim()
    if (login.length < MIN_LENGTH || (fields.get('password') ?? '').length < MIN_LENGTH)
      flow.step = { ...step, error: 'The login and the password need more than 6 characters.' }
    else flow.step = { at: 'confirm', providerId: step.providerId, login }
    return here
  }
  if (step.at === 'confirm' && action === 'pay') {
    if (fields.get('sender') !== 'otp') return payNow(step.providerId, step.login)
    flow.step = { at: 'otp', providerId: step.providerId, login: step.login }
    return here
  }
  if (step.at === 'otp' && action === 'otp') {
    if ((fields.get('code') ?? '').trim().length >= MIN_LENGTH) return payNow(step.providerId, step.login)
    flow.step = { ...step, error: 'The code needs more than 6 characters.' }
    return here
  }
  if (step.at === 'rejected' && action === 'retry') {
    flow.step = { at: 'login', providerId: step.providerId }
    return here
  }
  return problemPage(409, 'This step is over: reload the page.')
}
