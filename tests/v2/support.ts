/**
 * Test tools for the 2021-06-01 endpoints: a fake Bridge built on the core's recording `fetch`
 * (token requests answered, every other request recorded and answered by the test), contexts for
 * client- and user-level calls, and one assertion for the request shape.
 */
import { readFileSync } from 'node:fs'
import { expect } from 'vitest'
import { type BridgeError, type Context, createContext } from '../../src/v2/index.js'
import { CLIENT, empty, json, type Recorded, type Responder, recordingFetch } from '../core/fake-bridge.js'
import { rightOf } from '../support/either.js'

export { CLIENT, empty, json, type Recorded, recordingFetch }

/** A legacy e-mail/password user, as in the Python client's README. */
export const USER = { email: 'john@doe.com', password: 'password123' } as const
export const TOKEN = 'b706dd6b0cb9fa55dbbd60b3beb2e4a70e9b4f70-001cf0d8-2711-4f3a-b84f-996aac1ae243'
const FAR_FUTURE = '2099-01-01T00:00:00.000Z'

/** The recorded answer of `POST /v2/authenticate` for a legacy user. */
export const authBody = (accessToken = TOKEN, expiresAt = FAR_FUTURE) => ({
  access_token: accessToken,
  expires_at: expiresAt,
  user: { uuid: '998945b4-bd1d-4d4b-93a4-d0e4c8f7a2a1', email: USER.email },
})

/** A v2 paginated list body. */
export const page = (resources: unknown[], nextUri: string | null = null, extra: object = {}) => ({
  resources,
  pagination: { next_uri: nextUri },
  ...extra,
})

/**
 * A fake Bridge: `POST /v2/authenticate` answers a token, everything else goes to `respond`.
 * `calls()` lists the non-token requests.
 */
export const fakeBridge = (respond: Responder) => {
  const bridge = recordingFetch((request, index) =>
    request.path === '/v2/authenticate' ? json(200, authBody()) : respond(request, index),
  )
  return {
    ...bridge,
    calls: () => bridge.requests.filter((request) => request.path !== '/v2/authenticate'),
  }
}

/** A context for client-level calls (no retries). */
export const clientContext = (fetch: typeof globalThis.fetch): Context =>
  createContext({ ...CLIENT, fetch, retry: 0 })

/** A context for user-level calls as the e-mail/password user (no retries). */
export const userContext = (fetch: typeof globalThis.fetch): Context =>
  createContext({ ...CLIENT, fetch, retry: 0, user: USER })

/** What a request must look like. */
export interface Expected {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  readonly path: string
  /** The exact query string, without `?` (`''` for none). */
  readonly query?: string
  /** The JSON body; `null` for none. */
  readonly body?: unknown
  /** `true` when the user's bearer token must be sent. */
  readonly user: boolean
}

/** Asserts method, exact path and query, body, and the 2021-06-01 headers of one request. */
export const expectRequest = (request: Recorded | undefined, expected: Expected): void => {
  expect(request, 'no request was sent').toBeDefined()
  const r = request as Recorded
  expect(`${r.method} ${r.path}`).toBe(`${expected.method} ${expected.path}`)
  expect(r.query.toString()).toBe(expected.query ?? '')
  expect(r.body === null ? null : JSON.parse(r.body)).toEqual(expected.body ?? null)
  expect(r.headers.get('bridge-version')).toBe('2021-06-01')
  expect(r.headers.get('client-id')).toBe(CLIENT.clientId)
  expect(r.headers.get('client-secret')).toBe(CLIENT.clientSecret)
  expect(r.headers.get('authorization')).toBe(expected.user ? `Bearer ${TOKEN}` : null)
  expect(r.headers.get('content-type')).toBe(r.body === null ? null : 'application/json')
}

/** Every item of a list, failing on a `Left`. */
export const itemsOf = async <T>(
  list: AsyncIterable<{ _tag: 'Left'; left: BridgeError } | { _tag: 'Right'; right: T }>,
) => {
  const items: T[] = []
  for await (const item of list) items.push(rightOf(item))
  return items
}

const FIXTURES = new URL('../fixtures/', import.meta.url)
/** Recorded 2021-06-01 responses (banks, categories); the rest are Bridge's documented examples. */
const RECORDED = new Set(['banks.json', 'categories.json'])

/** Reads a 2021-06-01 fixture copied from the shared Bridge reference (see tests/fixtures/README.md). */
export const fixture = (file: string): any =>
  JSON.parse(
    readFileSync(
      new URL(`${RECORDED.has(file) ? 'recorded' : 'examples'}/v2021-06-01/${file}`, FIXTURES),
      'utf8',
    ),
  )

/** A recorded Demo Bank account (reference §7), shared by the account tests. */
export const account = {
  id: 37271913,
  name: 'Compte Courant 1',
  balance: 1201.46,
  status: 0,
  status_code_info: 'OK',
  status_code_description: null,
  updated_at: '2023-07-26T09:11:11.358Z',
  type: 'checking',
  is_paused: false,
  currency_code: 'EUR',
  item_id: 8170358,
  bank_id: 574,
  loan_details: null,
  savings_details: null,
  is_pro: false,
  iban: 'FR6914508000303386763591H62',
}
