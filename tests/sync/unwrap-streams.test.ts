/**
 * `unwrap` over a list and a sync, as a caller without fp-ts writes it (plain JavaScript: every value
 * goes through `any`), against the sandbox over HTTP on 127.0.0.1.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as v3 from '../../src/index.js'
import { type RunningSandbox, sandboxContext, startSandbox } from '../../src/sandbox/index.js'

const NOW = Date.parse('2026-11-28T10:00:00.000Z')
const TRANSACTIONS = '/v3/aggregation/transactions'

describe('unwrap(list) and unwrap(sync) against the sandbox', () => {
  let server: RunningSandbox
  let ctx: any
  let all: number[]
  const unwrap = v3.unwrap as any

  beforeEach(async () => {
    server = await startSandbox({ seed: 22, now: NOW })
    const { uuid } = server.sandbox.seedUser({ externalUserId: 'unwrap', transactions: 120, accounts: 1 })
    ctx = v3.createContext(sandboxContext(server, { user: { uuid }, retry: 0 }))
    all = server.sandbox.transactions(uuid, 'updated').map((tx) => tx.id)
  })
  afterEach(async () => {
    await server.close()
  })

  it('yields every transaction of every page as a plain value, once', async () => {
    const ids: number[] = []
    for await (const tx of unwrap(v3.listTransactions(ctx, { limit: 50 }))) ids.push(tx.id)
    expect(ids.length).toBeGreaterThan(50)
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort()).toEqual([...all].sort())
    const pages = server.sandbox.requests.filter((request) => request.path === TRANSACTIONS)
    expect(pages.length).toBe(Math.ceil(ids.length / 50))
  })

  it('throws a BridgeException with resumeAfter when a page fails mid-list; resuming from it misses nothing', async () => {
    const ids: number[] = []
    let caught: any
    try {
      for await (const tx of unwrap(v3.listTransactions(ctx, { limit: 50 }))) {
        ids.push(tx.id)
        if (ids.length === 1)
          server.sandbox.faults.add({ path: TRANSACTIONS, times: 1, type: 'status', status: 503 })
      }
    } catch (exception) {
      caught = exception
    }
    expect(caught).toBeInstanceOf(v3.BridgeException)
    expect(caught.error).toMatchObject({ _tag: 'ApiError', status: 503 })
    expect(caught.resumeAfter).toEqual(expect.any(String))
    expect(caught.resumeAfter).toBe(caught.error.resumeAfter)
    expect(ids).toHaveLength(50)
    for await (const tx of unwrap(v3.listTransactions(ctx, { limit: 50, after: caught.resumeAfter })))
      ids.push(tx.id)
    const full: number[] = []
    for await (const tx of unwrap(v3.listTransactions(ctx, { limit: 50 }))) full.push(tx.id)
    expect(ids).toEqual(full)
  })

  it('throws a BridgeException with resumeCursor when a sync page fails', async () => {
    const batches: any[] = []
    let caught: any
    try {
      for await (const batch of unwrap(v3.syncTransactions(ctx, { limit: 50 }))) {
        batches.push(batch)
        if (batches.length === 1) server.sandbox.faults.add({ path: TRANSACTIONS, times: 1, type: 'reset' })
      }
    } catch (exception) {
      caught = exception
    }
    expect(batches).toHaveLength(1)
    expect(Array.isArray(batches[0].upserted)).toBe(true)
    expect(caught).toBeInstanceOf(v3.BridgeException)
    expect(caught.error._tag).toBe('NetworkError')
    expect(caught.resumeCursor).toBe(batches[0].cursor)
    expect(caught.resumeAfter).toBeUndefined()
  })

  it('refuses what it cannot unwrap (a task already called) with a BridgeException, not a TypeError', async () => {
    const called = v3.getProvider(ctx, { providerId: 574 })()
    await expect(unwrap(called)).rejects.toMatchObject({
      error: { _tag: 'InputValidationError', operation: 'unwrap' },
    })
  })
})
