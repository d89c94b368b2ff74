import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONNECT_SCENARIOS, type RunningSandbox, startSandbox } from '../../src/sandbox/index.js'
import { connectScenarioOf } from '../../src/sandbox/pages/banks.js'
import { call, tokenFor } from './helpers.js'

/** The sandbox's pages over HTTP, as a browser's requests look (the browser tests click through them). */
describe('the sandbox’s Connect and payment pages', () => {
  let server: RunningSandbox
  let token: string
  beforeAll(async () => {
    server = await startSandbox({ seed: 3 })
    const uuid = (await call(server, 'POST', '/v3/aggregation/users', { body: {} })).body.uuid as string
    token = tokenFor(server, uuid)
  })
  afterAll(() => server.close())

  const session = async (body: Record<string, unknown> = {}) =>
    (
      await call(server, 'POST', '/v3/aggregation/connect-sessions', {
        body: { user_email: 'a@example.com', callback_url: 'https://app.example/done', ...body },
        token,
      })
    ).body as { id: string; url: string }

  /** The page's HTML and the nonce of its forms. */
  const open = async (url: string) => {
    const response = await fetch(url)
    const html = await response.text()
    return { response, html, nonce: /name="nonce" value="([0-9a-f]+)"/.exec(html)?.[1] as string }
  }

  /** A same-origin form post, as a browser sends it. */
  const post = (
    url: string,
    fields: Record<string, string> | [string, string][],
    headers: Record<string, string> = {},
  ) =>
    fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: server.url,
        'sec-fetch-site': 'same-origin',
        ...headers,
      },
      body: new URLSearchParams(fields),
    })

  it('serves the bank list with a strict Content-Security-Policy and no script', async () => {
    const { url } = await session()
    const { response, html } = await open(url)
    expect(response.status).toBe(200)
    const csp = response.headers.get('content-security-policy') as string
    const nonce = /style-src 'nonce-([0-9a-f]{32})'/.exec(csp)?.[1]
    expect(csp).toBe(
      `default-src 'none'; style-src 'nonce-${nonce}'; form-action 'self' https://app.example; base-uri 'none'; frame-ancestors 'none'`,
    )
    expect(html).toContain(`<style nonce="${nonce}">`)
    expect(html).not.toMatch(/<script|https?:\/\/(?!app\.example)/)
    expect(html).toContain('<label for="f-q">Search for your bank</label>')
    const searched = await (await fetch(`${url}?q=${encodeURIComponent('crédit MUTUEL')}`)).text()
    expect([...searched.matchAll(/name="provider_id" value="(\d+)"/g)].map((m) => m[1])).toEqual([
      '16',
      '141',
      '130',
    ])
  })

  it('refuses a form post from another site, without the nonce, or with a wrong one', async () => {
    const { id, url } = await session()
    const { nonce } = await open(url)
    const quit = { nonce, action: 'quit' }
    expect(
      (await post(url, quit, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).status,
    ).toBe(403)
    expect((await post(url, quit, { origin: 'null' })).status).toBe(403)
    expect((await post(url, { action: 'quit' })).status).toBe(403)
    expect(
      (await post(url, { ...quit, nonce: nonce.replace(/.$/, (c) => (c === '0' ? '1' : '0')) })).status,
    ).toBe(403)
    expect((await post(url, quit, { 'content-type': 'text/plain' })).status).toBe(415)
    expect(server.sandbox.session(id)?.completedItemId).toBeUndefined()
    const done = await post(url, quit)
    expect(done.status).toBe(303)
    expect(done.headers.get('location')).toContain('step=highlighted_banks')
  })

  it('walks a session through login, retry after 402, OTP and account selection with form posts', async () => {
    const { url } = await session({ max_selectable_accounts: 2 })
    const { nonce } = await open(url)
    const step = async (fields: Record<string, string>) => {
      const answer = await post(url, { nonce, ...fields })
      expect(answer.status).toBe(303)
      return answer.headers.get('location') as string
    }
    expect(await step({ action: 'provider', provider_id: '574' })).toBe(new URL(url).pathname)
    await step({ action: 'login', login: '402', password: 'x' })
    expect((await open(url)).html).toContain('Wrong credentials')
    await step({ action: 'login', login: 'otp', password: 'x' })
    expect((await open(url)).html).toContain('<label for="f-code">One-time code</label>')
    await step({ action: 'otp', code: '1' })
    // Three accounts are over the session's limit of 2: the page says so and nothing is created.
    const accounts = (...kinds: string[]) =>
      post(url, [
        ['nonce', nonce],
        ['action', 'accounts'],
        ...kinds.map((k): [string, string] => ['account', k]),
      ])
    expect((await accounts('checking', 'savings', 'card')).status).toBe(303)
    expect((await open(url)).html).toContain('Select from 1 to 2 of the accounts listed.')
    const done = await accounts('checking', 'savings')
    const query = new URL(done.headers.get('location') as string).searchParams
    expect([query.get('success'), query.get('source')]).toEqual(['true', 'connect'])
    const listed = await call(server, 'GET', `/v3/aggregation/accounts?item_id=${query.get('item_id')}`, {
      token,
    })
    expect(listed.body.resources.map((a: { name: string }) => a.name)).toEqual(['Compte Courant', 'Livret A'])
    expect((await post(url, { nonce, action: 'quit' })).status).toBe(409)
  })

  it('maps every Demo Bank login to its scenario, unknown logins to success', () => {
    const logins = CONNECT_SCENARIOS.filter((scenario) => scenario !== 'abort')
    expect(logins.map(connectScenarioOf)).toEqual(logins)
    expect(
      ['SUCCESS', 'Otp', '1005_CLOSED_ACCOUNT', '402_x', 'anything', 'abort'].map(connectScenarioOf),
    ).toEqual(['success', 'otp', '1005', '402', 'success', 'success'])
  })

  it('sends Bridge’s callback parameters for every scenario a script completes', async () => {
    const outcomes: Record<string, string | undefined>[] = []
    for (const scenario of CONNECT_SCENARIOS) {
      const { url } = await session({ context: 'ctx-1' })
      const answer = await fetch(`${url}?scenario=${scenario}`, { redirect: 'manual' })
      const query = new URL(answer.headers.get('location') as string).searchParams
      outcomes.push({
        scenario,
        success: query.get('success') ?? undefined,
        step: query.get('step') ?? undefined,
        item: query.has('item_id') ? 'yes' : 'no',
        source: query.get('source') ?? undefined,
      })
    }
    const row = (scenario: string, success: string, step: string | undefined, item = 'yes') => ({
      scenario,
      success,
      step,
      item,
      source: 'connect',
    })
    expect(outcomes).toEqual([
      row('success', 'true', undefined),
      row('otp', 'true', undefined),
      row('app2app', 'true', undefined),
      row('success.1010', 'true', undefined),
      row('402', 'false', 'bank_creds_form'),
      row('429', 'false', 'sync_error'),
      row('1003', 'false', 'sync_error'),
      row('1005', 'false', 'sync_error'),
      row('1010', 'false', 'otp_form'),
      row('otp_fail', 'false', 'otp_form'),
      row('app2app_expiry', 'false', 'otp_form'),
      row('abort', 'false', 'highlighted_banks', 'no'),
    ])
  })

  it('payment link: labels are escaped, a rejection leaves the link valid, ?scenario=abort calls back', async () => {
    const created = await call(server, 'POST', '/v3/payment/payment-links', {
      body: {
        user: { first_name: 'Jane', last_name: 'Doe' },
        client_reference: 'order-9',
        transactions: [{ amount: 3, currency: 'EUR', label: '<script>alert(1)</script>' }],
        callback_url: 'https://shop.example/paid',
      },
    })
    const link = created.body as { id: string; url: string }
    const { html } = await open(link.url)
    expect(html).not.toContain('<script>')
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;')
    const rejected = await fetch(`${link.url}?scenario=id-rjct-ac01`)
    expect(await rejected.text()).toContain('The bank rejected the payment (AC01)')
    expect((await call(server, 'GET', `/v3/payment/payment-links/${link.id}`)).body.status).toBe('valid')
    const aborted = await fetch(`${link.url}?scenario=abort`, { redirect: 'manual' })
    expect(Object.fromEntries(new URL(aborted.headers.get('location') as string).searchParams)).toEqual({
      payment_link_id: link.id,
      status: 'abort',
      step: 'bank_page',
      client_reference: 'order-9',
    })
    const paid = await fetch(`${link.url}?scenario=id-pdng-acsc`, { redirect: 'manual' })
    expect(new URL(paid.headers.get('location') as string).searchParams.get('status')).toBe('success')
    expect((await call(server, 'GET', `/v3/payment/payment-links/${link.id}`)).body.status).toBe('completed')
    expect((await fetch(link.url)).status).toBe(410)
  })
})
