/**
 * A deliberately simple, independent model of Bridge's change listings, served through an injected
 * `fetch`: one current version per transaction (deletions stay as tombstones), a manual clock, and
 * keyset pagination on `(updated_at, id)` as Bridge's own `after` cursors suggest
 * (`base64("<updated_at ms>:<id>")`). What Bridge does not document is configurable: the order of
 * the rows, whether `since` is inclusive, and whether pages carry `generated_at`.
 */

import * as v3 from '../../src/index.js'
import * as v2 from '../../src/v2/index.js'
import { json } from '../core/fake-bridge.js'

export interface ModelConfig {
  readonly version: 'v2' | 'v3'
  readonly order: 'asc' | 'desc'
  readonly inclusiveSince: boolean
  readonly generatedAt: boolean
}

export interface ModelRow {
  readonly id: number
  readonly accountId: number
  readonly amount: number
  readonly updatedAt: number
  readonly deleted: boolean
}

const PATHS = { v2: '/v2/transactions/updated', v3: '/v3/aggregation/transactions' } as const
const TOKEN = 'model-token-0000000000000000000000000000'

export class ModelBridge {
  readonly rows = new Map<number, ModelRow>()
  /** Server time of every listing request, with the `after` it carried. */
  readonly listings: { at: number; after: string | null; since: string | null; until: string | null }[] = []
  /** Listing requests still to answer with a 500. */
  failNext = 0
  private nextId = 1

  constructor(
    readonly config: ModelConfig,
    public now: number,
  ) {}

  /** Writes a change now, stamped `skewMs` behind the clock (a lagging writer). */
  insert(accountId: number, amount: number, skewMs = 0): number {
    const id = this.nextId++
    this.rows.set(id, { id, accountId, amount, updatedAt: this.now - skewMs, deleted: false })
    return id
  }

  /** Updates a live row; refused (false) when its current stamp is not before the new one. */
  update(id: number, amount: number, skewMs = 0): boolean {
    const row = this.rows.get(id)
    const at = this.now - skewMs
    if (!row || row.deleted || row.updatedAt >= at) return false
    this.rows.set(id, { ...row, amount, updatedAt: at })
    return true
  }

  /** Deletes a live row (a deletion may carry the same stamp as the row's last update). */
  remove(id: number, skewMs = 0): boolean {
    const row = this.rows.get(id)
    const at = this.now - skewMs
    if (!row || row.deleted || row.updatedAt > at) return false
    this.rows.set(id, { ...row, updatedAt: at, deleted: true })
    return true
  }

  /** The live rows, as id → `updated_at|amount`. */
  live(): Record<number, string> {
    return Object.fromEntries(
      [...this.rows.values()]
        .filter((row) => !row.deleted)
        .sort((a, b) => a.id - b.id)
        .map((row) => [row.id, `${new Date(row.updatedAt).toISOString()}|${row.amount}`]),
    )
  }

  /** A context of the model's API version whose requests this model answers (`user` picks another user). */
  context(user = 'model', fetch: typeof globalThis.fetch = this.fetch): v3.Context {
    const common = { clientId: 'model-client', clientSecret: 'model-secret', fetch, retry: 0 }
    return this.config.version === 'v3'
      ? v3.createContext({ ...common, user: { externalUserId: user } })
      : v2.createContext({ ...common, user: { email: `${user}@example.com`, password: 'model-password' } })
  }

  readonly fetch = (async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init)
    const url = new URL(request.url)
    const headers = { date: new Date(this.now).toUTCString() }
    if (url.pathname === '/v3/aggregation/authorization/token' || url.pathname === '/v2/authenticate')
      return json(200, { access_token: TOKEN, expires_at: '2999-01-01T00:00:00.000Z', user: {} }, headers)
    if (url.pathname !== PATHS[this.config.version]) return json(404, { type: 'not_found' }, headers)
    const q = url.searchParams
    this.listings.push({ at: this.now, after: q.get('after'), since: q.get('since'), until: q.get('until') })
    if (this.failNext > 0) {
      this.failNext -= 1
      return json(500, { type: 'internal_error', message: 'model failure' }, headers)
    }
    return json(200, this.page(q), headers)
  }) as typeof globalThis.fetch

  private page(q: URLSearchParams) {
    const { order, inclusiveSince, version } = this.config
    const since = q.get('since') === null ? undefined : Date.parse(q.get('since')!)
    const until = version === 'v3' && q.get('until') !== null ? Date.parse(q.get('until')!) : undefined
    const limit = Number(q.get('limit') ?? 50)
    const sign = order === 'asc' ? 1 : -1
    const compare = (a: [number, number], b: [number, number]) => sign * (a[0] - b[0] || a[1] - b[1])
    const after = q.get('after')
    const position = after === null ? undefined : (atob(after).split(':').map(Number) as [number, number])
    const matching = [...this.rows.values()]
      .filter(
        (row) => since === undefined || (inclusiveSince ? row.updatedAt >= since : row.updatedAt > since),
      )
      .filter((row) => until === undefined || row.updatedAt < until)
      .filter((row) => position === undefined || compare([row.updatedAt, row.id], position) > 0)
      .sort((a, b) => compare([a.updatedAt, a.id], [b.updatedAt, b.id]))
    const served = matching.slice(0, limit)
    const last = served.at(-1)
    const next =
      matching.length > limit && last
        ? `${PATHS[version]}?after=${btoa(`${last.updatedAt}:${last.id}`)}&limit=${limit}`
        : null
    return {
      resources: served.map((row) => this.resource(row)),
      ...(this.config.generatedAt ? { generated_at: new Date(this.now).toISOString() } : {}),
      pagination: { next_uri: next },
    }
  }

  private resource(row: ModelRow) {
    const common = {
      id: row.id,
      clean_description: 'Model',
      amount: row.amount,
      date: '2026-11-01',
      updated_at: new Date(row.updatedAt).toISOString(),
      currency_code: 'EUR',
      account_id: row.accountId,
    }
    return this.config.version === 'v3'
      ? { ...common, deleted: row.deleted }
      : { ...common, is_deleted: row.deleted }
  }
}
