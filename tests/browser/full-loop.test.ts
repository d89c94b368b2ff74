import { type ServerType, serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLoopApp } from '../../examples/full-loop/app.js'
import { type RunningSandbox, startSandbox } from '../../src/sandbox/index.js'
import { hasChromium, launchBrowser, warnIfNoBrowser } from '../support/browser.js'
import { freePort } from '../support/redis-server.js'

warnIfNoBrowser('tests/browser/full-loop.test.ts')

const SECRET = 'full-loop-secret'

describe.skipIf(!hasChromium)('examples/full-loop end to end in Chromium', () => {
  let server: RunningSandbox
  let app: Awaited<ReturnType<typeof createLoopApp>>
  let http: ServerType
  let appUrl: string
  let browser: Awaited<ReturnType<typeof launchBrowser>>

  beforeAll(async () => {
    // Ports first: the sandbox sends webhooks to the app, and the app calls the sandbox.
    const [sandboxPort, appPort] = [await freePort(), await freePort()]
    appUrl = `http://127.0.0.1:${appPort}`
    app = await createLoopApp({
      clientId: 'sandbox-client-id',
      clientSecret: 'sandbox-client-secret',
      bridgeUrl: `http://127.0.0.1:${sandboxPort}`,
      webhookSecret: SECRET,
      appUrl,
      customerId: 'loop-customer',
    })
    http = serve({ fetch: app.routes.fetch, port: appPort, hostname: '127.0.0.1' })
    server = await startSandbox({
      seed: 6,
      port: sandboxPort,
      webhooks: { urls: [`${appUrl}/webhooks`], secret: SECRET },
    })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await new Promise((resolve) => http?.close(resolve))
  })

  it('Connect your bank → Connect page → callback → webhook → syncTransactions → the list', async () => {
    const page = await browser.context.newPage()
    await page.setViewportSize({ width: 720, height: 760 })
    await page.goto(appUrl)
    await expect(page.getByText('No transactions yet.').count()).resolves.toBe(1)
    await page.getByRole('button', { name: 'Connect your bank' }).click()
    await page.waitForURL(`${server.url}/_sandbox/connect/session/*`)
    await page.getByLabel('Search for your bank').fill('demo')
    await page.getByRole('button', { name: 'Search' }).click()
    await page.getByRole('button', { name: 'Demo bank' }).click()
    await page.getByLabel('Login').fill('success')
    await page.getByLabel('Password').fill('any password')
    await page.locator('details').evaluate((details) => details.setAttribute('open', ''))
    // The README's picture of the Connect page.
    await page.screenshot({ path: 'docs/images/connect.png' })
    await page.getByRole('button', { name: 'Connect', exact: true }).click()
    await page.getByRole('button', { name: 'Share these accounts' }).click()
    await page.waitForURL(`${appUrl}/?notice=*`)
    await expect(page.getByRole('status').textContent()).resolves.toMatch(
      /^Bank connected \(item \d+, status 0\)/,
    )

    await server.sandbox.webhooks.idle()
    const user = server.sandbox.findUser('externalUserId', 'loop-customer')
    // What Bridge lists: the sandbox's transactions but the deleted ones.
    const expected = server.sandbox.transactions(user!.uuid, 'date').filter((tx) => !tx.deleted)
    expect(expected.length).toBeGreaterThan(0)
    expect(app.count()).toBe(expected.length)
    expect(server.sandbox.webhooks.deliveries().every((d) => d.state === 'delivered')).toBe(true)
    await page.reload()
    await expect(page.locator('caption').textContent()).resolves.toBe(`${expected.length} transactions`)
    await expect(page.locator('tbody tr').count()).resolves.toBe(expected.length)

    // A redelivery of the same event is answered 200 and not handled again (dedup).
    const refreshed = server.sandbox.webhooks.deliveries().find((d) => d.type === 'item.refreshed')
    const again = server.sandbox.webhooks.redeliver(refreshed!.id)
    await server.sandbox.webhooks.idle()
    expect(server.sandbox.webhooks.deliveries().find((d) => d.id === again?.id)?.attempts[0]?.status).toBe(
      200,
    )
    expect(app.count()).toBe(expected.length)
    await page.close()
  })
})
