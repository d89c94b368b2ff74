import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { type RunningSandbox, startSandbox } from '../../src/sandbox/index.js'
import { prepare, runtimes } from './runtimes.js'
import type { ScenarioConfig, ScenarioResult } from './scenario.js'

/*
 * The runtime matrix: one scenario (token, account, transactions over several pages, a typed 404) on
 * every runtime, against the packed package and the sandbox over loopback HTTP.
 */

const externalUserId = 'runtime-matrix'
const pageSize = 10
let running: RunningSandbox
let config: ScenarioConfig
let expected: Omit<ScenarioResult, 'runtime'>
const dir = () => join(inject('packed').projectDir, 'runtimes')
const started: Record<string, number> = {}

beforeAll(async () => {
  running = await startSandbox({
    port: 0,
    seed: 'runtimes',
    users: [{ externalUserId, transactions: 25, accounts: 2 }],
  })
  const { sandbox } = running
  const user = sandbox.findUser('externalUserId', externalUserId)!
  const [account] = sandbox.accounts(user.uuid)
  const ids = sandbox.transactions(user.uuid, 'updated').map((tx) => tx.id)
  config = {
    baseUrl: running.url,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    externalUserId,
    accountId: account!.id,
    missingAccountId: 999_999_999,
    pageSize,
  }
  const pages = Math.ceil(ids.length / pageSize)
  expected = {
    token: { tag: 'Right', expiresInMs: 2 * 60 * 60 * 1000, secretHidden: true },
    account: { id: account!.id, name: account!.name, balance: account!.balance },
    transactionIds: ids,
    pages,
    error: {
      _tag: 'ApiError',
      status: 404,
      code: 'account.not_found',
      path: '/v3/aggregation/accounts/999999999',
    },
    requests: [
      'POST /v3/aggregation/authorization/token',
      `GET /v3/aggregation/accounts/${account!.id}`,
      `GET /v3/aggregation/transactions?limit=${pageSize}`,
      ...Array.from({ length: pages - 1 }, () =>
        expect.stringMatching(/^GET \/v3\/aggregation\/transactions\?limit=10&after=[^&]+$/),
      ),
      'GET /v3/aggregation/accounts/999999999',
    ],
  }
  expect(ids.length).toBe(25)
  await prepare(dir())
})

afterAll(async () => {
  await running?.close()
})

describe.each(Object.entries(runtimes))('%s', (name, runtime) => {
  test('runs the scenario against the sandbox, with the built package', async () => {
    started[name] = performance.now()
    const before = running.sandbox.requests.length
    const { runtime: ranOn, ...result } = await runtime.run(dir(), config)
    console.log(`${name}: ${Math.round(performance.now() - started[name]!)} ms`)
    expect(ranOn).toMatch(runtime.name)
    expect(result).toEqual(expected)
    // The requests really reached the sandbox over HTTP, with the SDK's headers.
    const received = running.sandbox.requests.slice(before)
    expect(received.map((r) => `${r.method} ${r.path}${r.search}`)).toEqual(result.requests)
    expect(received.every((r) => r.headers['bridge-version'] === '2025-01-15')).toBe(true)
  })
})
