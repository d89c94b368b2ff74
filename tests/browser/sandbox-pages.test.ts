import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningSandbox, startSandbox } from '../../src/sandbox/index.js'
import { call, tokenFor } from '../sandbox/helpers.js'
import {
  browserRequired,
  CHROMIUM,
  hasChromium,
  launchBrowser,
  startCallbackServer,
  warnIfNoBrowser,
} from '../support/browser.js'

warnIfNoBrowser('tests/browser/sandbox-pages.test.ts')

describe.runIf(browserRequired)('BRIDGEAPI_REQUIRE_BROWSER=1', () => {
  it('finds Chromium', () => {
    expect(hasChromium, `no ${CHROMIUM}`).toBe(true)
  })
})

describe.skipIf(!hasChromium)('the sandbox’s Connect and payment pages in Chromium', () => {
  let server: RunningSandbox
  let app: Awaited<ReturnType<typeof startCallbackServer>>
  let browser: Awaited<ReturnType<typeof launchBrowser>>
  let context: BrowserContext
  /** Content-Security-Policy violations any page reported. */
  const consoleErrors: string[] = []

  beforeAll(async () => {
    server = await startSandbox({ seed: 24 })
    app = await startCallbackServer()
    browser = await launchBrowser()
    context = browser.context
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
    await server?.close()
  })

  /** A new user, a token, and a Connect session whose callback is the stand-in app. */
  const connectSession = async (options: Record<string, unknown> = {}) => {
    const uuid = (await call(server, 'POST', '/v3/aggregation/users', { body: {} })).body.uuid as string
    const token = tokenFor(server, uuid)
    const session = await call(server, 'POST', '/v3/aggregation/connect-sessions', {
      body: { user_email: 'person@example.com', callback_url: `${app.url}/bridge/done`, ...options },
      token,
    })
    expect(session.status).toBe(201)
    return { uuid, token, url: session.body.url as string }
  }

  const open = async (url: string): Promise<Page> => {
    const page = await context.newPage()
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) consoleErrors.push(message.text())
    })
    await page.goto(url)
    return page
  }

  /** Waits for the stand-in app's callback page and returns its query. */
  const callbackOf = async (page: Page): Promise<Record<string, string>> => {
    await page.waitForURL(`${app.url}/bridge/done?**`)
    return Object.fromEntries(new URL(page.url()).searchParams)
  }

  const logIn = async (page: Page, login: string, password = 'any password') => {
    await page.getByLabel('Login').fill(login)
    await page.getByLabel('Password').fill(password)
  }

  it('success: search a bank, log in, keep some accounts, back to the app with the item', async () => {
    const { uuid, token, url } = await connectSession({ context: 'signup-7' })
    const page = await open(url)
    await page.getByLabel('Search for your bank').fill('demo')
    await page.getByRole('button', { name: 'Search' }).click()
    await expect(page.getByRole('button', { name: 'Fortuneo' }).count()).resolves.toBe(0)
    await page.getByRole('button', { name: 'Demo bank' }).click()
    await expect(page.locator('h1').textContent()).resolves.toBe('Log in to Demo bank')
    await logIn(page, 'success')
    await page.getByRole('button', { name: 'Connect' }).click()
    await page.getByLabel('PEA').uncheck()
    await page.getByLabel('Crédit Immobilier').uncheck()
    await page.getByRole('button', { name: 'Share these accounts' }).click()
    const query = await callbackOf(page)
    expect(query).toEqual({
      user_uuid: uuid,
      item_id: expect.stringMatching(/^\d+$/),
      success: 'true',
      source: 'connect',
      context: 'signup-7',
    })
    const item = await call(server, 'GET', `/v3/aggregation/items/${query.item_id}`, { token })
    expect([item.body.status, item.body.provider_id]).toEqual([0, 574])
    const accounts = await call(server, 'GET', `/v3/aggregation/accounts?item_id=${query.item_id}`, { token })
    expect(accounts.body.resources.map((a: { name: string }) => a.name)).toEqual([
      'Compte Courant',
      'Compte Joint',
      'Carte Visa Premier (débit différé)',
      'Livret A',
    ])
    await page.close()
  })

  it('wrong credentials (402): the error, a retry that fails again, then quit', async () => {
    const { token, url } = await connectSession({ provider_id: 574 })
    const page = await open(url)
    await logIn(page, '402')
    await page.getByRole('button', { name: 'Connect' }).click()
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/Wrong credentials/)
    await logIn(page, '402')
    await page.getByRole('button', { name: 'Connect' }).click()
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/Wrong credentials/)
    await page.getByRole('button', { name: 'Quit' }).click()
    const query = await callbackOf(page)
    expect(query).toMatchObject({ success: 'false', step: 'bank_creds_form', source: 'connect' })
    const item = await call(server, 'GET', `/v3/aggregation/items/${query.item_id}`, { token })
    expect([item.body.status, item.body.status_code_info]).toEqual([402, 'invalid_creds'])
    await page.close()
  })

  it('abort: quitting at the bank list leaves no item', async () => {
    const { uuid, token, url } = await connectSession()
    const page = await open(url)
    await page.getByRole('button', { name: 'Quit' }).click()
    expect(await callbackOf(page)).toEqual({
      user_uuid: uuid,
      success: 'false',
      step: 'highlighted_banks',
      source: 'connect',
    })
    expect((await call(server, 'GET', '/v3/aggregation/items', { token })).body.resources).toEqual([])
    await page.close()
  })

  it('OTP: a wrong code first (otp_fail is always wrong), then the otp login with any code', async () => {
    const failing = await connectSession({ provider_id: 574, allow_account_selection: false })
    const page = await open(failing.url)
    await logIn(page, 'otp_fail')
    await page.getByRole('button', { name: 'Connect' }).click()
    await page.getByLabel('One-time code').fill('123456')
    await page.getByRole('button', { name: 'Validate' }).click()
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/code is wrong/)
    await page.getByRole('button', { name: 'Quit' }).click()
    expect(await callbackOf(page)).toMatchObject({ success: 'false', step: 'otp_form' })

    const { token, url } = await connectSession({ provider_id: 574, allow_account_selection: false })
    await page.goto(url)
    await logIn(page, 'OTP')
    await page.getByRole('button', { name: 'Connect' }).click()
    await page.getByLabel('One-time code').fill('000000')
    await page.getByRole('button', { name: 'Validate' }).click()
    const query = await callbackOf(page)
    expect(query.success).toBe('true')
    const accounts = await call(server, 'GET', `/v3/aggregation/accounts?item_id=${query.item_id}`, { token })
    expect(accounts.body.resources).toHaveLength(6)
    await page.close()
  })

  it('pays a payment link: Demo Bank, login, sender account with OTP, pay; the link is completed', async () => {
    const created = await call(server, 'POST', '/v3/payment/payment-links', {
      body: {
        user: { first_name: 'Jane', last_name: 'Doe' },
        transactions: [{ amount: 42.5, currency: 'EUR', label: 'Order <42>' }],
        callback_url: `${app.url}/bridge/done`,
      },
    })
    expect(created.status).toBe(200)
    const page = await open(created.body.url)
    // The label is shown escaped, as text.
    await expect(page.getByText('42.50 EUR · Order <42>').count()).resolves.toBe(1)
    await page.getByRole('button', { name: 'Demo bank' }).click()
    await logIn(page, 'id-rjct-am18', 'password-1')
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByRole('button', { name: 'Pay', exact: true }).click()
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/rejected the payment \(AM18\)/)
    const valid = await call(server, 'GET', `/v3/payment/payment-links/${created.body.id}`)
    expect(valid.body.status).toBe('valid')
    await page.getByRole('button', { name: 'Try again' }).click()
    await logIn(page, 'id-acsc', 'password-1')
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByLabel('Account with OTP SMS').check()
    await page.getByRole('button', { name: 'Pay', exact: true }).click()
    await page.getByLabel('One-time code').fill('1234567')
    await page.getByRole('button', { name: 'Confirm' }).click()
    const query = await callbackOf(page)
    expect(query).toEqual({
      payment_link_id: created.body.id,
      payment_request_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      status: 'success',
    })
    const link = await call(server, 'GET', `/v3/payment/payment-links/${created.body.id}`)
    expect(link.body.status).toBe('completed')
    // Two attempts, each a payment request: the rejected one, then the executed one.
    const requests = await call(
      server,
      'GET',
      `/v3/payment/payment-requests?payment_link_id=${created.body.id}`,
    )
    expect(
      requests.body.resources.map((r: { id: string; status: string; status_reason?: string }) => [
        r.id === query.payment_request_id,
        r.status,
        r.status_reason,
      ]),
    ).toEqual([
      [true, 'ACSC', undefined],
      [false, 'RJCT', 'AM18'],
    ])
    await page.close()
  })

  it('reported no Content-Security-Policy violation on any page (the style sheet carries its nonce)', () => {
    expect(consoleErrors).toEqual([])
  })
})
