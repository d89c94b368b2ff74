// The Connect page a person clicks through: bank list, Demo Bank login, OTP or app validation, accounts.
import * as v from 'valibot'
import { type CompleteOptions, CompleteSchema, ConnectError, type ConnectScenario } from '../connect.js'
import { type AccountKind, accountKindName, DEMO_BANK_ACCOUNTS } from '../generate.js'
import { describeIssues } from '../input.js'
import type { SessionRecord } from '../state.js'
import {
  bankById,
  bankList,
  CONNECT_LOGINS,
  chosenBank,
  connectScenarioOf,
  loginFields,
  loginTable,
} from './banks.js'
import { callbackOrigins, type PageContext, problemPage } from './context.js'
import { flowOf, readFormPost } from './forms.js'
import { errorBox, field, type Html, h, pageResponse, postForm, quitForm, seeOther } from './html.js'

/**
 * A Connect session's page. The steps follow Bridge's sandbox: choose a bank (search), log in (the
 * login chooses the outcome, see {@link connectScenarioOf}), enter an OTP or validate in the bank's
 * app when the scenario has that step, select accounts when the session allows it, then back to the
 * app's `callback_url` with Bridge's parameters. Each post answers with a redirect (post, redirect,
 * get), so reloading a page never posts again. `?scenario=…` completes at once, for scripts.
 */

/** Where a person is in Connect. */
type ConnectStep =
  | { readonly at: 'banks' }
  | { readonly at: 'login'; readonly providerId: number; readonly error?: string; readonly failed?: true }
  | {
      readonly at: 'otp'
      readonly providerId: number
      readonly scenario: ConnectScenario
      readonly error?: string
    }
  | { readonly at: 'app2app'; readonly providerId: number; readonly scenario: ConnectScenario }
  | {
      readonly at: 'accounts'
      readonly providerId: number
      readonly scenario: ConnectScenario
      readonly error?: string
    }
  | { readonly at: 'done'; readonly message: string }

const WRONG_CREDENTIALS = 'Wrong credentials (item status 402). Try again, or quit.'
const WRONG_CODE = 'This code is wrong. Try again, or quit.'

/** Where a session's Connect starts: at the login of its item's or its provider's bank, else at the bank list. */
const firstStep = (ctx: PageContext, session: SessionRecord): ConnectStep => {
  const item =
    session.itemId === undefined ? undefined : ctx.state.find('item', session.userUuid, session.itemId)
  const providerId = item?.providerId ?? session.providerId
  return providerId === undefined ? { at: 'banks' } : { at: 'login', providerId }
}

/** The session's page: the session, or a 404 page. */
const connectSession = (ctx: PageContext): SessionRecord | Response => {
  const session = ctx.state.session(ctx.params.id as string)
  return session?.kind === 'connect' ? session : problemPage(404, 'Unknown Connect session.')
}

/** A summary of a completion, for the page shown when the session has no callback. */
const summary = (result: { itemId?: number; status?: number }): string =>
  result.itemId === undefined
    ? 'Connection abandoned.'
    : `Item ${result.itemId} connected (status ${result.status}).`

/** Completes the session as a script asked (`?scenario=…&transactions=…`): the former behaviour of the URL. */
const completeForScript = (ctx: PageContext, session: SessionRecord): Response => {
  const scenario = ctx.url.searchParams.get('scenario')
  const transactions = ctx.url.searchParams.get('transactions')
  const options = v.safeParse(CompleteSchema, {
    scenario,
    ...(transactions === null ? {} : { transactions: Number(transactions) }),
  })
  if (!options.success) return problemPage(400, `Invalid completion: ${describeIssues(options.issues)}`)
  try {
    const result = ctx.sandbox.completeConnectSession(session.id, options.output)
    if (result.callbackUrl)
      return new Response(null, { status: 302, headers: { location: result.callbackUrl } })
    return pageResponse('Connection finished', h`<p>${summary(result)}</p>`)
  } catch (error) {
    if (!(error instanceof ConnectError)) throw error
    return problemPage(error.reason === 'not_found' ? 404 : 409, error.message)
  }
}

const quit = (nonce: string): Html => h`<p>${quitForm(nonce)}</p>`

/** The page of the step a person is at. */
const render = (ctx: PageContext, session: SessionRecord, nonce: string, step: ConnectStep): Response => {
  const formTargets = callbackOrigins(session.callbackUrl)
  const page = (title: string, content: Html) => pageResponse(title, content, { formTargets })
  switch (step.at) {
    case 'banks':
      return page(
        'Choose your bank',
        h`${bankList(nonce, 'aggregation', ctx.url.searchParams.get('q') ?? '')}${quit(nonce)}`,
      )
    case 'login': {
      const bank = bankById(step.providerId)?.name ?? `Bank ${step.providerId}`
      return page(
        `Log in to ${bank}`,
        h`${errorBox(step.error)}${postForm(nonce, 'login', loginFields(), 'Connect')}${loginTable(CONNECT_LOGINS)}${quit(nonce)}`,
      )
    }
    case 'otp':
      return page(
        'Strong authentication',
        h`<p>Enter the one-time code your bank sent you (any code).</p>${errorBox(step.error)}${postForm(nonce, 'otp', field('One-time code', 'code', { autocomplete: 'one-time-code' }), 'Validate')}${quit(nonce)}`,
      )
    case 'app2app':
      return page(
        'Validate in your bank’s app',
        h`<p>Open your bank’s app and validate the connection there.</p>${postForm(nonce, 'app2app', h``, 'I validated in the app')}${quit(nonce)}`,
      )
    case 'accounts': {
      const max = session.maxSelectableAccounts
      const boxes = DEMO_BANK_ACCOUNTS.map(
        (kind) =>
          h`<label class="check"><input type="checkbox" name="account" value="${kind}" checked> ${accountKindName(kind)}</label>`,
      )
      const limit = max === undefined ? h`` : h`<p class="hint">Select at most ${max}.</p>`
      return page(
        'Choose the accounts to share',
        h`${errorBox(step.error)}${limit}${postForm(nonce, 'accounts', h`<fieldset><legend>Accounts</legend>${boxes}</fieldset>`, 'Share these accounts')}`,
      )
    }
    case 'done':
      return page('Connection finished', h`<p>${step.message}</p>`)
  }
}

/** GET: the page of the step the person is at (or, with `?scenario=`, an immediate completion). */
export const showConnectPage = (ctx: PageContext): Response => {
  const session = connectSession(ctx)
  if (session instanceof Response) return session
  if (ctx.url.searchParams.has('scenario')) return completeForScript(ctx, session)
  const flow = flowOf<ConnectStep>(ctx.state, `connect:${session.id}`, () => firstStep(ctx, session))
  if (session.completedItemId !== undefined && flow.step.at !== 'done')
    return problemPage(409, 'This Connect session is already completed.')
  return render(ctx, session, flow.nonce, flow.step)
}

/** POST: one step's form. */
export const postConnectPage = async (ctx: PageContext): Promise<Response> => {
  const session = connectSession(ctx)
  if (session instanceof Response) return session
  const flow = flowOf<ConnectStep>(ctx.state, `connect:${session.id}`, () => firstStep(ctx, session))
  const post = await readFormPost(ctx.request, ctx.origin, flow.nonce)
  if (!post.ok) return problemPage(post.status, post.message)
  if (flow.step.at === 'done' || session.completedItemId !== undefined)
    return problemPage(409, 'This Connect session is already completed.')
  const fields = post.fields
  const step = flow.step
  const here = seeOther(ctx.url.pathname)

  /** Completes the session and sends the browser to the callback (or to the summary page). */
  const finish = (scenario: ConnectScenario, options: Omit<CompleteOptions, 'scenario'> = {}): Response => {
    const providerId = 'providerId' in step ? step.providerId : undefined
    const result = ctx.sandbox.completeConnectSession(session.id, {
      scenario,
      ...options,
      ...(providerId === undefined ? {} : { providerId }),
    })
    flow.step = { at: 'done', message: summary(result) }
    return result.callbackUrl ? seeOther(result.callbackUrl) : here
  }
  /** After a successful login (and OTP): account selection when the session allows it, else done. */
  const proceed = (providerId: number, scenario: ConnectScenario): Response => {
    if (session.allowAccountSelection !== true || session.itemId !== undefined) return finish(scenario)
    flow.step = { at: 'accounts', providerId, scenario }
    return here
  }

  const action = fields.get('action')
  if (action === 'quit') {
    // The outcome of quitting depends on the step: before credentials there is no item.
    if (step.at === 'banks') return finish('abort', { quitStep: 'highlighted_banks' })
    if (step.at === 'login')
      return step.failed ? finish('402') : finish('abort', { quitStep: 'bank_creds_form' })
    if (step.at === 'otp') return finish(step.scenario === 'otp_fail' ? 'otp_fail' : '1010')
    if (step.at === 'app2app') return finish('1010')
  }
  if (step.at === 'banks' && action === 'provider') {
    const bank = chosenBank(fields, 'aggregation')
    if (!bank) return problemPage(400, 'Unknown bank.')
    flow.step = { at: 'login', providerId: bank.id }
    return here
  }
  if (step.at === 'login' && action === 'login') {
    const login = fields.get('login') ?? ''
    if (login.trim() === '' || (fields.get('password') ?? '') === '') {
      flow.step = { ...step, error: 'Enter a login and a password.' }
      return here
    }
    const scenario = connectScenarioOf(login)
    const providerId = step.providerId
    if (scenario === '402') flow.step = { at: 'login', providerId, error: WRONG_CREDENTIALS, failed: true }
    else if (scenario === 'otp' || scenario === 'otp_fail') flow.step = { at: 'otp', providerId, scenario }
    else if (scenario === 'app2app' || scenario === 'app2app_expiry')
      flow.step = { at: 'app2app', providerId, scenario }
    else if (scenario === 'success' || scenario === 'success.1010') return proceed(providerId, scenario)
    else return finish(scenario)
    return here
  }
  if (step.at === 'otp' && action === 'otp') {
    if ((fields.get('code') ?? '').trim() === '') flow.step = { ...step, error: 'Enter the code.' }
    else if (step.scenario === 'otp_fail') flow.step = { ...step, error: WRONG_CODE }
    else return proceed(step.providerId, step.scenario)
    return here
  }
  if (step.at === 'app2app' && action === 'app2app')
    return step.scenario === 'app2app_expiry'
      ? finish('app2app_expiry')
      : proceed(step.providerId, step.scenario)
  if (step.at === 'accounts' && action === 'accounts') {
    const chosen = fields.getAll('account')
    const kinds = DEMO_BANK_ACCOUNTS.filter((kind) => chosen.includes(kind)) as AccountKind[]
    const max = session.maxSelectableAccounts ?? DEMO_BANK_ACCOUNTS.length
    if (kinds.length === 0 || kinds.length > max || kinds.length !== chosen.length) {
      flow.step = { ...step, error: `Select from 1 to ${max} of the accounts listed.` }
      return here
    }
    return finish(step.scenario, { accounts: kinds })
  }
  return problemPage(409, 'This step is over: reload the page.')
}
