/**
 * The Durable Object coordinator in workerd (Miniflare): caller Workers, each its own isolate, share
 * one coordinator; the SDK calls go over HTTP to the sandbox, which counts token requests and
 * requests over Bridge's limits.
 */
import { resolve } from 'node:path'
import { build } from 'esbuild'
import { Miniflare } from 'miniflare'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { getAccount, memoryTokenStore } from '../../../src/index.js'
import { type RunningSandbox, sandboxContext, startSandbox } from '../../../src/sandbox/index.js'
import {
  type DurableObjectNamespaceLike,
  durableObjectRateLimitStore,
  durableObjectTokenStore,
} from '../../../src/stores/index.js'
import { START, startLimitedSandbox, userContext, virtualLimiter } from '../../limiter/helpers.js'
import type { CallerJob } from './caller-worker.js'

vi.setConfig({ testTimeout: 120_000 })

const CALLERS = ['caller-1', 'caller-2', 'caller-3']
const TOKEN_PATH = '/v3/aggregation/authorization/token'
const HOUR = 3_600_000

const bundle = async () => {
  const result = await build({
    entryPoints: [resolve(import.meta.dirname, 'caller-worker.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  })
  return result.outputFiles[0]?.text ?? ''
}

describe('BridgeCoordinator (Durable Object, in workerd)', () => {
  let mf: Miniflare
  let namespace: DurableObjectNamespaceLike
  beforeAll(async () => {
    const script = await bundle()
    const binding = { className: 'BridgeCoordinator', scriptName: 'coordinator' }
    mf = new Miniflare({
      workers: [
        {
          name: 'coordinator',
          modules: true,
          script,
          compatibilityDate: '2025-01-15',
          durableObjects: { COORDINATOR: 'BridgeCoordinator' },
        },
        ...CALLERS.map((name) => ({
          name,
          modules: true,
          script,
          compatibilityDate: '2025-01-15',
          durableObjects: { COORDINATOR: binding },
        })),
      ],
    })
    namespace = (await mf.getDurableObjectNamespace(
      'COORDINATOR',
      'coordinator',
    )) as unknown as DurableObjectNamespaceLike
  })
  afterAll(() => mf.dispose())

  let server: RunningSandbox | undefined
  afterEach(async () => {
    await server?.close()
    server = undefined
  })

  /** Posts `job` twice to every caller Worker at once; resolves to every call's result. */
  const callEverywhere = async (job: CallerJob) => {
    const answers = await Promise.all(
      CALLERS.flatMap((name) =>
        [1, 2].map(async () => {
          const worker = await mf.getWorker(name)
          const response = await worker.fetch('http://caller/', { method: 'POST', body: JSON.stringify(job) })
          return (await response.json()) as string[]
        }),
      ),
    )
    return answers.flat()
  }

  it('3 isolates × 2 requests × 8 users × 3 calls: one token request per user per expiry, 0 over any limit', async () => {
    server = await startSandbox({ seed: 25, enforceRateLimits: true })
    const sandbox = server.sandbox
    const users = Array.from({ length: 8 }, () => {
      const seeded = sandbox.seedUser({ accounts: 1, transactions: 1 })
      return { uuid: seeded.uuid, accountId: seeded.accountIds[0] as number }
    })
    const { clientId, clientSecret, baseUrl } = sandboxContext(server)
    const job = { options: { clientId, clientSecret, baseUrl }, users, callsPerUser: 3 }
    const tokenRequestsPerUser = () =>
      users.map(
        ({ uuid }) =>
          sandbox.requests.filter(
            (request) =>
              request.path === TOKEN_PATH && (request.body as { user_uuid?: string })?.user_uuid === uuid,
          ).length,
      )

    expect(await callEverywhere({ ...job, offsetMs: 0 })).toEqual(Array(6 * 8 * 3).fill('Right'))
    expect(tokenRequestsPerUser()).toEqual(Array(8).fill(1))
    // Two hours later (the tokens' lifetime) on Bridge's clock and the SDK's: each user renews once more.
    sandbox.clock.advance(2 * HOUR)
    expect(await callEverywhere({ ...job, offsetMs: 2 * HOUR })).toEqual(Array(6 * 8 * 3).fill('Right'))
    expect(tokenRequestsPerUser()).toEqual(Array(8).fill(2))
    expect(sandbox.rateLimitReport()).toMatchObject({ requests: 6 * 8 * 3 * 2 + 16, overLimit: 0 })
  })

  it('the lease: others wait for the renewer’s token; if the renewer dies, the next waiter renews', async () => {
    const token = { accessToken: 'tok-renewed', expiresAt: new Date(Date.now() + 2 * HOUR).toISOString() }
    const renewer = durableObjectTokenStore(namespace, { prefix: 'lease:' })
    const waiter = durableObjectTokenStore(namespace, { prefix: 'lease:' })
    expect(await renewer.get('a')).toBeUndefined() // the lease
    expect(await renewer.get('a')).toBeUndefined() // the renewer reads again (as the SDK does): no wait
    const waiting = waiter.get('a')
    await renewer.set('a', token)
    expect(await waiting).toEqual(token)

    // A renewer that dies: after its 300 ms lease, the first waiter renews, and the second gets its token.
    const dying = durableObjectTokenStore(namespace, { prefix: 'lease:', leaseMs: 300 })
    const next = durableObjectTokenStore(namespace, { prefix: 'lease:', leaseMs: 300 })
    const last = durableObjectTokenStore(namespace, { prefix: 'lease:', leaseMs: 300 })
    expect(await dying.get('b')).toBeUndefined()
    const nextTurn = next.get('b')
    const lastTurn = last.get('b')
    expect(await nextTurn).toBeUndefined()
    await next.set('b', token)
    expect(await lastTurn).toEqual(token)
  })

  it('exact limits across store instances: 150 concurrent reads for one user through 3 stores', async () => {
    const started = await startLimitedSandbox()
    server = started.server
    const user = server.sandbox.seedUser({ transactions: 5, accounts: 1 })
    const accountId = user.accountIds[0] as number
    const tokenStore = memoryTokenStore()
    // Three limiters, each with its own store instance: only the coordinator is shared.
    const contexts = [1, 2, 3].map(() =>
      userContext(
        started.server,
        started.time,
        { uuid: user.uuid },
        {
          tokenStore,
          rateLimiter: virtualLimiter(
            started.time,
            durableObjectRateLimitStore(namespace, { name: 'exact' }),
          ),
        },
      ),
    )
    const results = await Promise.all(
      Array.from(
        { length: 150 },
        async (_, index) => (await getAccount(contexts[index % 3]!, { accountId })())._tag,
      ),
    )
    expect(results.filter((tag) => tag !== 'Right')).toEqual([])
    expect(server.sandbox.rateLimitReport()).toMatchObject({
      requests: 151,
      overLimit: 0,
      peak: { user: 60 },
    })
    expect(server.sandbox.clock.now() - START).toBe(120_000)
  })

  it('refuses what the stores never send', async () => {
    const stub = namespace.get(namespace.idFromName('refusals') as never)
    const post = (route: string, body: string) =>
      stub
        .fetch(`https://x/${route}`, { method: 'POST', headers: {}, body })
        .then(async (r) => [r.status, await r.text()])
    expect(await post('limits/acquire', '{"windows":[],"request":{}}')).toEqual([
      400,
      'limits/acquire needs windows and request',
    ])
    expect(await post('token/get', 'not json')).toEqual([400, 'The body must be JSON'])
    expect(await post('nope', '{}')).toEqual([404, 'No such route'])
  })
})
