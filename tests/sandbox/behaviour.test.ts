import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collect, createContext, listTransactions } from '../../src/index.js'
import { createSandbox, type RunningSandbox, sandboxContext, startSandbox } from '../../src/sandbox/index.js'
import { call, tokenFor } from './helpers.js'

const DAY = 86_400_000

describe('deterministic seeding', () => {
  const snapshot = async (seed: number) => {
    const sandbox = createSandbox({ seed, now: '2026-03-01T12:00:00.000Z' })
    const seeded = sandbox.seedUser({ externalUserId: 'same', transactions: 300, accounts: 2 })
    const ctx = createContext(sandboxContext(sandbox, { user: { uuid: seeded.uuid } }))
    const transactions = await collect(listTransactions(ctx, { limit: 500 }))()
    return { seeded, accounts: sandbox.accounts(seeded.uuid), transactions }
  }

  it('gives the same users, items, accounts and transactions for the same seed', async () => {
    const [a, b] = [await snapshot(42), await snapshot(42)]
    expect(a.transactions._tag).toBe('Right')
    expect(a).toEqual(b)
  })

  it('gives different data for another seed', async () => {
    const [a, b] = [await snapshot(42), await snapshot(43)]
    expect(a.seeded.uuid).not.toBe(b.seeded.uuid)
    const amounts = (s: typeof a) =>
      s.transactions._tag === 'Right' ? s.transactions.right.map((t) => t.amount) : []
    expect(amounts(a)).toHaveLength(300)
    expect(amounts(a)).not.toEqual(amounts(b))
  })

  it('generates realistic transactions: signed amounts, sub-category ids, dates in the past, labels', () => {
    const sandbox = createSandbox({ seed: 1, now: '2026-03-01T12:00:00.000Z' })
    const seeded = sandbox.seedUser({ transactions: 2000, accounts: 3 })
    const txs = sandbox.transactions(seeded.uuid, 'updated')
    expect(txs).toHaveLength(2000)
    expect(txs.some((t) => t.amount > 0)).toBe(true)
    expect(txs.filter((t) => t.amount < 0).length).toBeGreaterThan(1000)
    // 230 Salaries, 273 Supermarkets: sub-category ids, never parents (168 Food & Dining).
    expect(new Set(txs.map((t) => t.categoryId))).toContain(273)
    expect(txs.some((t) => t.categoryId === 168)).toBe(false)
    expect(txs.filter((t) => !t.future).every((t) => t.date <= '2026-03-01')).toBe(true)
    expect(txs.every((t) => t.updatedAt <= Date.parse('2026-03-01T12:00:00.000Z'))).toBe(true)
    expect(txs[0]?.providerDescription).toMatch(/[A-Z]/)
  })
})

describe('over HTTP', () => {
  let server: RunningSandbox
  let uuid: string
  let token: string
  let accountIds: readonly number[]
  beforeAll(async () => {
    server = await startSandbox({ seed: 11 })
    const seeded = server.sandbox.seedUser({ externalUserId: 'u-http', transactions: 260, accounts: 2 })
    uuid = seeded.uuid
    accountIds = seeded.accountIds
    token = tokenFor(server, uuid)
  })
  afterAll(() => server.close())

  describe('pagination', () => {
    it('defaults to 50 and formats next_uri like Bridge: after, limit, then the filters in order', async () => {
      const first = await call(server, 'GET', '/v3/aggregation/transactions', { token })
      expect(first.status).toBe(200)
      expect(first.body.resources).toHaveLength(50)
      expect(first.body.generated_at).toMatch(/^\d{4}-\d\d-\d\dT/)
      expect(first.body.pagination.next_uri).toMatch(
        /^\/v3\/aggregation\/transactions\?after=[A-Za-z0-9_-]+&limit=50$/,
      )
      const filtered = await call(
        server,
        'GET',
        `/v3/aggregation/transactions?min_date=2000-01-01&account_id=${accountIds[0]}&limit=3&account_id=${accountIds[0]}`,
        { token },
      )
      expect(filtered.body.pagination.next_uri).toMatch(
        new RegExp(
          `^/v3/aggregation/transactions\\?after=[A-Za-z0-9_-]+&limit=3&min_date=2000-01-01&account_id=${accountIds[0]}&account_id=${accountIds[0]}$`,
        ),
      )
    })

    it('walks every item once through next_uri, ending with null', async () => {
      const seen: number[] = []
      let next: string | null = '/v3/aggregation/transactions?limit=100'
      let pages = 0
      while (next) {
        const page = await call(server, 'GET', next, { token })
        seen.push(...page.body.resources.map((t: { id: number }) => t.id))
        next = page.body.pagination.next_uri
        pages += 1
      }
      expect(pages).toBe(3)
      expect(seen).toHaveLength(260)
      expect(new Set(seen).size).toBe(260)
      const cursor = await call(server, 'GET', '/v3/aggregation/transactions?limit=1', { token })
      // The cursor is base64url of "<updated_at ms>:<id>", like Bridge's.
      const after = new URL(cursor.body.pagination.next_uri, server.url).searchParams.get('after') as string
      expect(atob(after.replace(/-/g, '+').replace(/_/g, '/'))).toBe(
        `${Date.parse(cursor.body.resources[0].updated_at)}:${cursor.body.resources[0].id}`,
      )
    })

    it('applies since, until, min_date, max_date and account_id like a brute-force filter', async () => {
      const all = server.sandbox.transactions(uuid, 'updated')
      const now = server.sandbox.clock.now()
      const since = new Date(now - 40 * DAY).toISOString()
      const until = new Date(now - 10 * DAY).toISOString()
      const minDate = new Date(now - 60 * DAY).toISOString().slice(0, 10)
      const maxDate = new Date(now - 20 * DAY).toISOString().slice(0, 10)
      const account = accountIds[0] as number
      const cases: [string, (t: (typeof all)[number]) => boolean][] = [
        [`since=${since}`, (t) => t.updatedAt > Date.parse(since)],
        [`until=${until}`, (t) => t.updatedAt <= Date.parse(until)],
        [`min_date=${minDate}&max_date=${maxDate}`, (t) => t.date >= minDate && t.date <= maxDate],
        [
          `account_id=${account}&since=${since}`,
          (t) => t.accountId === account && t.updatedAt > Date.parse(since),
        ],
      ]
      for (const [query, predicate] of cases) {
        const expected = all.filter(predicate).map((t) => t.id)
        const got: number[] = []
        let next: string | null = `/v3/aggregation/transactions?${query}&limit=7`
        while (next) {
          const page = await call(server, 'GET', next, { token })
          expect(page.status).toBe(200)
          got.push(...page.body.resources.map((t: { id: number }) => t.id))
          next = page.body.pagination.next_uri
        }
        expect(expected.length, query).toBeGreaterThan(0)
        expect(got, query).toEqual(expected)
      }
    })

    it('answers 400 for a limit outside 1..500, a bad cursor or a bad filter', async () => {
      for (const query of [
        'limit=0',
        'limit=501',
        'limit=abc',
        'after=%%%',
        'after=bm9wZQ',
        'since=yesterday',
        'min_date=01-02-2026',
        'account_id=x',
      ]) {
        const response = await call(server, 'GET', `/v3/aggregation/transactions?${query}`, { token })
        expect(response.status, query).toBe(400)
        expect(response.body.errors[0].code, query).toBe('invalid_request')
      }
      const limit = await call(server, 'GET', '/v3/aggregation/transactions?limit=501', { token })
      expect(limit.body).toEqual({
        errors: [
          {
            code: 'invalid_request',
            message: 'limit must be an integer between 1 and 500',
            property: 'limit',
          },
        ],
      })
    })
  })

  describe('authentication', () => {
    it("answers 401 with Bridge's body for bad client credentials, on every route", async () => {
      for (const [method, path] of [
        ['GET', '/v3/providers'],
        ['POST', '/v3/aggregation/users'],
        ['GET', '/v3/aggregation/accounts'],
      ] as const) {
        const response = await call(server, method, path, { headers: { 'client-secret': 'wrong' }, token })
        expect(response.status).toBe(401)
        expect(response.body).toEqual({
          errors: [
            { code: 'invalid_client_credentials', message: 'client_id and client_secret are invalid' },
          ],
        })
      }
    })

    it('checks Bridge-Version', async () => {
      const response = await call(server, 'GET', '/v3/providers', {
        headers: { 'bridge-version': '2021-06-01' },
      })
      expect(response.status).toBe(400)
      expect(response.body.errors[0].code).toBe('invalid_version_header')
    })

    it('needs a bearer token on user routes', async () => {
      const response = await call(server, 'GET', '/v3/aggregation/items')
      expect(response.status).toBe(401)
      expect(response.body).toEqual({
        errors: [
          { code: 'invalid_authorization_header', message: 'Authorization header has an invalid format' },
        ],
      })
      const unknown = await call(server, 'GET', '/v3/aggregation/items', { token: 'not-a-token' })
      expect(unknown.status).toBe(401)
    })

    it('expires tokens with the sandbox clock (2 h by default)', async () => {
      const fresh = tokenFor(server, uuid)
      expect((await call(server, 'GET', '/v3/aggregation/items', { token: fresh })).status).toBe(200)
      server.sandbox.clock.advance(2 * 60 * 60 * 1000 - 1000)
      expect((await call(server, 'GET', '/v3/aggregation/items', { token: fresh })).status).toBe(200)
      server.sandbox.clock.advance(1000)
      const expired = await call(server, 'GET', '/v3/aggregation/items', { token: fresh })
      expect(expired.status).toBe(401)
      expect(expired.body.errors[0].code).toBe('invalid_authorization_header')
      token = tokenFor(server, uuid)
    })

    it('lets the SDK renew once after an expiry: exactly one more token request', async () => {
      const ctx = createContext(sandboxContext(server, { user: { uuid } }))
      server.sandbox.clearRequests()
      expect((await collect(listTransactions(ctx, { limit: 500 }))())._tag).toBe('Right')
      server.sandbox.clock.advance(3 * 60 * 60 * 1000)
      expect((await collect(listTransactions(ctx, { limit: 500 }))())._tag).toBe('Right')
      const paths = server.sandbox.requests.map((r) => `${r.method} ${r.path} ${r.status}`)
      expect(paths.filter((p) => p.startsWith('POST /v3/aggregation/authorization/token'))).toEqual([
        'POST /v3/aggregation/authorization/token 201',
        'POST /v3/aggregation/authorization/token 201',
      ])
      token = tokenFor(server, uuid)
    })

    it('answers 404 with the resource-specific body', async () => {
      const item = await call(server, 'GET', '/v3/aggregation/items/123', { token })
      expect(item.status).toBe(404)
      expect(item.body).toEqual({
        errors: [{ code: 'item.not_found', message: `Item 123 not found for user ${uuid}` }],
      })
      const user = await call(server, 'GET', '/v3/aggregation/users/nobody')
      expect(user.body).toEqual({ errors: [{ code: 'user.not_found', message: 'User not found: nobody' }] })
      const provider = await call(server, 'GET', '/v3/providers/999999')
      expect(provider.body).toEqual({
        errors: [{ code: 'not_found', message: "The requested resource doesn't exist" }],
      })
    })

    it('checks bodies: 400 for invalid content, 415 without JSON content type, 422 for broken JSON', async () => {
      const invalid = await call(server, 'POST', '/v3/aggregation/users', {
        body: { external_user_id: 'has spaces' },
      })
      expect(invalid.status).toBe(400)
      expect(invalid.body.errors[0]).toMatchObject({
        code: 'invalid_request',
        message: 'Invalid body content',
      })
      const response = await fetch(`${server.url}/v3/aggregation/users`, {
        method: 'POST',
        headers: {
          ...Object.fromEntries(
            Object.entries({
              'bridge-version': '2025-01-15',
              'client-id': 'sandbox-client-id',
              'client-secret': 'sandbox-client-secret',
            }),
          ),
          'content-type': 'text/plain',
        },
        body: '{}',
      })
      expect(response.status).toBe(415)
      const broken = await fetch(`${server.url}/v3/aggregation/users`, {
        method: 'POST',
        headers: {
          'bridge-version': '2025-01-15',
          'client-id': 'sandbox-client-id',
          'client-secret': 'sandbox-client-secret',
          'content-type': 'application/json',
        },
        body: '{"external_user_id":',
      })
      expect(broken.status).toBe(422)
    })
  })

  describe('recorded requests', () => {
    it('keeps method, path, query, headers with secrets redacted, and body', async () => {
      server.sandbox.clearRequests()
      await call(server, 'POST', '/v3/aggregation/users?x=1&x=2', {
        body: { external_user_id: 'recorded' },
        token: 'secret-token',
      })
      const [recorded] = server.sandbox.requests
      expect(recorded).toMatchObject({
        method: 'POST',
        path: '/v3/aggregation/users',
        search: '?x=1&x=2',
        query: { x: ['1', '2'] },
        body: { external_user_id: 'recorded' },
        status: 201,
      })
      expect(recorded?.headers['client-secret']).toBe('[redacted]')
      expect(recorded?.headers.authorization).toBe('[redacted]')
      expect(recorded?.headers['client-id']).toBe('sandbox-client-id')
      expect(JSON.stringify(server.sandbox.requests)).not.toContain('sandbox-client-secret')
    })

    it('notes each status on its own request when requests overlap', async () => {
      server.sandbox.clearRequests()
      const paths = Array.from({ length: 20 }, (_, i) => (i % 2 ? '/v3/providers/574' : '/v3/providers/1'))
      await Promise.all(paths.map((path) => call(server, 'GET', path)))
      expect(server.sandbox.requests).toHaveLength(20)
      for (const recorded of server.sandbox.requests)
        expect(recorded.status).toBe(recorded.path === '/v3/providers/574' ? 200 : 404)
    })
  })
})

describe('runtime neutrality', () => {
  it('keeps node: imports out of the Web handler (only the Node adapter and the CLI use them)', async () => {
    const { readdir, readFile } = await import('node:fs/promises')
    const root = new URL('../../src/sandbox/', import.meta.url)
    const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.ts'))
    expect(files).toContain('sandbox.ts')
    const offenders: string[] = []
    for (const file of files) {
      const text = await readFile(new URL(file, root), 'utf8')
      if (/from ['"]node:/.test(text) && file !== 'cli.ts') offenders.push(file)
    }
    // node.ts only has a type import; its node:http is loaded lazily inside startSandbox.
    expect(offenders).toEqual(['node.ts'])
    const node = await readFile(new URL('node.ts', root), 'utf8')
    expect(node).toMatch(/^import type \{[^}]+\} from 'node:http'$/m)
    expect(node).toContain("await import('node:http')")
  })
})
