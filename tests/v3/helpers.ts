/**
 * Shared test tools for the 2025-01-15 endpoints: a `fetch` that records every request and answers
 * through a responder, contexts for client-level and user-level calls, Bridge's documented example
 * bodies, and one assertion for the request shape. No endpoint-specific logic lives here.
 */
import { readFileSync } from 'node:fs'
import { expect } from 'vitest'
import { type BridgeError, type Context, createContext, setUserToken } from '../../src/index.js'
import { empty, json, recordingFetch as recordingTextFetch } from '../core/fake-bridge.js'
import { leftOf } from '../support/either.js'

export interface Recorded {
  readonly method: string
  readonly path: string
  /** The query string with its `?`, or `''`. */
  readonly search: string
  readonly headers: Headers
  /** The body parsed as JSON, or `null` when none was sent. */
  readonly body: unknown
}

export type Responder = (request: Recorded, index: number) => Response | Promise<Response>

export { empty, json }

/** A fetch that records each request, its body parsed as JSON, and answers with `respond`. */
export const recordingFetch = (respond: Responder) => {
  const requests: Recorded[] = []
  const { fetch } = recordingTextFetch((request, index) => {
    const recorded: Recorded = {
      method: request.method,
      path: request.path,
      search: request.search,
      headers: request.headers,
      body: request.body === null ? null : JSON.parse(request.body),
    }
    requests.push(recorded)
    return respond(recorded, index)
  })
  return { fetch, requests }
}

/** A fetch that answers every request with the same JSON body (or no body when `body` is `null`). */
export const answering = (status: number, body: unknown) =>
  recordingFetch(() => (body === null ? empty(status) : json(status, body)))

export const CLIENT = { clientId: 'client-id-v3', clientSecret: 'client-secret-v3' }
export const USER_TOKEN = 'user-token-v3'

/** A context for client-level endpoints (no retries, so error statuses come back at once). */
export const clientContext = (fetch: typeof globalThis.fetch, language?: string): Context =>
  createContext({ ...CLIENT, fetch, retry: 0, ...(language ? { language } : {}) })

/** A context for user-level endpoints, holding a valid user token so no token request is sent. */
export const userContext = async (fetch: typeof globalThis.fetch): Promise<Context> => {
  const ctx = createContext({ ...CLIENT, fetch, retry: 0, user: { externalUserId: 'user-001' } })
  const stored = await setUserToken(ctx, { accessToken: USER_TOKEN, expiresAt: '2999-01-01T00:00:00.000Z' })()
  expect(stored._tag).toBe('Right')
  return ctx
}

/** Where Bridge's documented examples for 2025-01-15 live (next to this repository). */
export const EXAMPLES_DIR = new URL('../fixtures/examples/v2025-01-15/', import.meta.url)

/** Reads one example file as JSON. */
export const exampleFile = (file: string): Record<string, any> =>
  JSON.parse(readFileSync(new URL(file, EXAMPLES_DIR), 'utf8'))

/** The documented response body of `key` in `file`. */
export const exampleBody = (file: string, key: string): any => {
  const entry = exampleFile(file)[key]
  if (!entry || !('response_body' in entry)) throw new Error(`no response_body for ${file}#${key}`)
  return entry.response_body
}

/** The documented request body of `key` in `file`. */
export const exampleRequestBody = (file: string, key: string): any => {
  const entry = exampleFile(file)[key]
  if (!entry || !('request_body' in entry)) throw new Error(`no request_body for ${file}#${key}`)
  return entry.request_body
}

/** Asserts one request's method, path, query, body and headers (version, client credentials, bearer). */
export const expectRequest = (
  request: Recorded | undefined,
  expected: {
    readonly method: string
    readonly path: string
    readonly search?: string
    readonly body?: unknown
    readonly auth: 'client' | 'user'
    readonly language?: string
  },
): void => {
  expect(request).toBeDefined()
  const r = request as Recorded
  expect({ method: r.method, path: r.path, search: r.search, body: r.body }).toEqual({
    method: expected.method,
    path: expected.path,
    search: expected.search ?? '',
    body: expected.body === undefined ? null : expected.body,
  })
  expect(r.headers.get('bridge-version')).toBe('2025-01-15')
  expect(r.headers.get('client-id')).toBe(CLIENT.clientId)
  expect(r.headers.get('client-secret')).toBe(CLIENT.clientSecret)
  expect(r.headers.get('authorization')).toBe(expected.auth === 'user' ? `Bearer ${USER_TOKEN}` : null)
  expect(r.headers.get('content-type')).toBe(expected.body === undefined ? null : 'application/json')
  expect(r.headers.get('accept-language')).toBe(expected.language ?? null)
}

/** Asserts that a result is an `InputValidationError` naming `path`, and that nothing was sent. */
export const expectInputError = (
  result: { _tag: 'Left'; left: BridgeError } | { _tag: 'Right'; right: unknown },
  requests: readonly Recorded[],
  path: string,
): void => {
  const error = leftOf(result)
  expect(error._tag).toBe('InputValidationError')
  if (error._tag === 'InputValidationError') expect(error.issues.map((issue) => issue.path)).toContain(path)
  expect(requests).toHaveLength(0)
}
