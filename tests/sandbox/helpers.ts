import { createContext } from '../../src/index.js'
import {
  type RunningSandbox,
  type StartSandboxOptions,
  sandboxContext,
  startSandbox,
} from '../../src/sandbox/index.js'

/** Headers of a well-formed 2025-01-15 request with the sandbox's default credentials. */
export const V3_HEADERS = {
  'bridge-version': '2025-01-15',
  'client-id': 'sandbox-client-id',
  'client-secret': 'sandbox-client-secret',
} as const

/** The `Content-Type` every admin API POST needs. */
export const JSON_HEADERS = { 'content-type': 'application/json' } as const

/** What a raw call returned: status, headers and the parsed body (or text). */
export interface RawResult {
  status: number
  headers: Headers
  body: any
  text: string
}

/** Sends a raw request over HTTP to a running sandbox. */
export const call = async (
  server: RunningSandbox,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; token?: string } = {},
): Promise<RawResult> => {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...V3_HEADERS,
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  })
  const text = await response.text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {
    // not JSON: kept as text
  }
  return { status: response.status, headers: response.headers, body, text }
}

/** A user token minted directly in the sandbox's state (no request recorded). */
export const tokenFor = (server: RunningSandbox, userUuid: string): string =>
  server.sandbox.issueToken(userUuid).accessToken

/** Starts a sandbox and a user context for a seeded user. */
export const withSeededUser = async (options: StartSandboxOptions & { transactions?: number } = {}) => {
  const server = await startSandbox({ seed: 7, ...options })
  const seeded = server.sandbox.seedUser({
    externalUserId: 'user-1',
    transactions: options.transactions ?? 120,
    accounts: 3,
  })
  const ctx = createContext(sandboxContext(server, { user: { uuid: seeded.uuid }, retry: 0 }))
  return { server, seeded, ctx }
}
