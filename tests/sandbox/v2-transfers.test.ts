import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningSandbox, sandboxContext, startSandbox } from '../../src/sandbox/index.js'
import {
  createContext,
  getBulkTransfer,
  getCategoryInsights,
  getTransfer,
  listAccounts,
  listBulkTransfers,
  listSenderAccounts,
  listTransactions,
  listTransfers,
  refreshSenderAccounts,
  sendBulkTransfer,
  sendTransfer,
} from '../../src/v2/index.js'
import { leftOf, rightOf } from '../support/either.js'
import { itemsOf } from '../v2/support.js'

/**
 * 2021-06-01 Bridge Transfer and category insights on the sandbox, through the SDK over real HTTP
 * (so every answer also passes the SDK's schemas): state per user, statuses, pagination, values.
 */

const HOUR = 3_600_000
let running: RunningSandbox
beforeAll(async () => {
  running = await startSandbox({ seed: 'v2-transfers', now: '2026-03-02T09:00:00Z' })
})
afterAll(() => running.close())

const userCtx = (externalUserId: string) =>
  createContext(sandboxContext(running, { retry: 0, user: { externalUserId } }))

const beneficiary = { name: 'Michel Dupont', iban: 'FR7630006000011234567890189' }

describe('Bridge Transfer (2021-06-01)', () => {
  it('derives sender accounts from the checking accounts with an IBAN', async () => {
    running.sandbox.seedUser({
      externalUserId: 'senders',
      accounts: ['checking', 'savings', 'card', 'checking'],
    })
    const ctx = userCtx('senders')
    rightOf(await refreshSenderAccounts(ctx)())
    const accounts = await itemsOf(listAccounts(ctx))
    const expected = accounts
      .filter((a) => a.type === 'checking' && a.iban)
      .map((a) => ({ id: a.id, iban: a.iban, item_id: a.item_id, bank_id: 574, balance: a.balance }))
    expect(expected).toHaveLength(2)
    const senders = await itemsOf(listSenderAccounts(ctx))
    expect(
      senders.map(({ id, iban, item_id, bank_id, balance }) => ({ id, iban, item_id, bank_id, balance })),
    ).toEqual(expected)
  })

  it('keeps transfers per user, with statuses that follow the label scenarios', async () => {
    const seeded = running.sandbox.seedUser({ externalUserId: 'payer', accounts: ['checking'] })
    const ctx = userCtx('payer')
    const [sender] = await itemsOf(listSenderAccounts(ctx))
    const send = async (label: string) => {
      const url = rightOf(
        await sendTransfer(ctx, { beneficiary, amount: 12.5, label, clientReference: `ref-${label}` })(),
      )
      const confirm = await fetch(url.redirect_url)
      expect(confirm.status).toBe(200)
      const [newest] = await itemsOf(listTransfers(ctx, { limit: 1 }).pages()).then(
        (pages) => pages[0]!.items,
      )
      expect(url.redirect_url).toBe(`${running.url}/_sandbox/pay/transfer/${newest!.uuid}`)
      return newest!.uuid
    }
    const executed = await send('id-acsc')
    const pending = await send('id-pdng-acsc')
    const rejected = await send('id-rjct')

    const got = async (transferId: string) => rightOf(await getTransfer(ctx, { transferId })())
    expect(await got(executed)).toMatchObject({
      amount: 12.5,
      label: 'id-acsc',
      status: 'executed',
      status_reason: null,
      sender_account_id: sender!.id,
      item_id: seeded.itemId,
      beneficiary,
      client_reference: 'ref-id-acsc',
      bulk_transfer_id: null,
      created_at: '2026-03-02T09:00:00.000Z',
    })
    expect((await got(executed)).bank_reference).toMatch(/^[0-9A-F]{12}$/)
    expect(await got(pending)).toMatchObject({ status: 'initiated', bank_reference: null })
    expect(await got(rejected)).toMatchObject({ status: 'failed', status_reason: 'regulatory_reason' })
    running.sandbox.clock.advance(HOUR)
    expect((await got(pending)).status).toBe('executed')

    // Newest first, two a page, following next_uri.
    const pages = await itemsOf(listTransfers(ctx, { limit: 2 }).pages())
    expect(pages.map((p) => p.items.map((t) => t.uuid))).toEqual([[rejected, pending], [executed]])

    // Another user sees none of them.
    running.sandbox.seedUser({ externalUserId: 'other', accounts: ['checking'] })
    expect(leftOf(await getTransfer(userCtx('other'), { transferId: executed })())).toMatchObject({
      status: 404,
      code: 'not_found',
    })
    expect(await itemsOf(listTransfers(userCtx('other')))).toEqual([])
  })

  it('refuses an unknown sender account, and a user without one', async () => {
    running.sandbox.seedUser({ externalUserId: 'nosender', accounts: ['savings'] })
    const refused = leftOf(await sendTransfer(userCtx('nosender'), { beneficiary, amount: 1 })())
    expect(refused).toMatchObject({ status: 400, code: 'invalid_request' })
    const unknown = leftOf(
      await sendTransfer(userCtx('payer'), { beneficiary, amount: 1, senderAccountId: 1 })(),
    )
    expect(unknown).toMatchObject({ status: 404, code: 'not_found' })
  })

  it('holds several transfers in a bulk transfer, each also listed as a transfer', async () => {
    running.sandbox.seedUser({ externalUserId: 'bulk', accounts: ['checking'] })
    const ctx = userCtx('bulk')
    const url = rightOf(
      await sendBulkTransfer(ctx, {
        clientReference: 'salaries-03',
        transfers: [
          { amount: 1500, label: 'id-acsc', beneficiary, clientReference: 'a' },
          { amount: 1600.5, label: 'id-rjct-ac01', beneficiary: { ...beneficiary, name: 'Jane Doe' } },
        ],
      })(),
    )
    const [bulk] = await itemsOf(listBulkTransfers(ctx))
    expect(url.redirect_url).toBe(`${running.url}/_sandbox/pay/transfer/${bulk!.id}`)
    const fetched = rightOf(await getBulkTransfer(ctx, { bulkTransferId: bulk!.id })())
    expect(fetched).toEqual(bulk)
    expect(fetched.client_reference).toBe('salaries-03')
    expect(fetched.status).toBe('executed')
    expect(fetched.transfers.map((t) => [t.amount, t.status, t.client_reference])).toEqual([
      [1500, 'executed', 'a'],
      [1600.5, 'failed', null],
    ])
    const transfers = await itemsOf(listTransfers(ctx))
    expect(transfers.map((t) => [t.uuid, t.bulk_transfer_id, t.status_reason]).sort()).toEqual(
      [
        [fetched.transfers[0]!.id, bulk!.id, null],
        [fetched.transfers[1]!.id, bulk!.id, 'ac01'],
      ].sort(),
    )
    expect(leftOf(await getBulkTransfer(ctx, { bulkTransferId: 'nope' })())).toMatchObject({ status: 404 })
  })
})

describe('category insights (2021-06-01)', () => {
  it('computes per-category indicators over the last complete months of transactions', async () => {
    running.sandbox.seedUser({ externalUserId: 'insights', transactions: 400, historyDays: 200 })
    const ctx = userCtx('insights')
    const now = new Date(running.sandbox.clock.now())
    expect(now.toISOString().slice(0, 7)).toBe('2026-03')
    const insights = rightOf(await getCategoryInsights(ctx, { fullyAnalyzedMonth: 2 })())
    const all = (await itemsOf(listTransactions(ctx, { limit: 500 }))).filter(
      (tx) => !tx.is_deleted && !tx.is_future,
    )
    const analysed = all.filter((tx) => tx.date >= '2026-01-01' && tx.date < '2026-03-01' && tx.category_id)

    expect(insights).toMatchObject({
      fully_analyzed_month: 2,
      fully_analyzed_day: 59,
      oldest_existing_transaction: all.map((tx) => tx.date).sort()[0],
      updated_at: now.toISOString(),
    })
    const monthly = insights.monthly_kpis as {
      month: string
      categories: { category_id: number; frequency: number }[]
    }[]
    expect(monthly.map((m) => m.month)).toEqual(['2026-01', '2026-02'])
    const counted = monthly.flatMap((m) => m.categories).reduce((n, c) => n + c.frequency, 0)
    expect(counted).toBe(analysed.length)
    expect(counted).toBeGreaterThan(0)

    const global = insights.global_kpis as { category_id: number; min: number; max: number; mean: number }[]
    const categories = [...new Set(analysed.map((tx) => tx.category_id!))].sort((a, b) => a - b)
    expect(global.map((g) => g.category_id)).toEqual(categories)
    for (const entry of global) {
      const amounts = analysed.filter((tx) => tx.category_id === entry.category_id).map((tx) => tx.amount)
      expect(entry).toEqual({
        category_id: entry.category_id,
        min: Math.min(...amounts),
        max: Math.max(...amounts),
        mean: Math.round((amounts.reduce((a, b) => a + b, 0) / amounts.length) * 100) / 100,
      })
    }

    expect(rightOf(await getCategoryInsights(ctx)())).toMatchObject({
      fully_analyzed_month: 3,
      fully_analyzed_day: 90,
    })
  })
})
