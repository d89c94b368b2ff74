/**
 * Shared tools of the reliability suite: sandboxes over real loopback HTTP, contexts with small
 * retry delays, and a witness that keeps every error and hook event the suite produces, plus every
 * secret in play, so that each file can prove at the end that no serialization shows a secret.
 */
import { inspect } from 'node:util'
import { afterAll, expect } from 'vitest'
import {
  type BridgeError,
  type Context,
  type ContextOptions,
  createContext,
  type Hooks,
  memoryTokenStore,
  type TokenStore,
} from '../../src/index.js'
import {
  type RecordedRequest,
  type RunningSandbox,
  type StartSandboxOptions,
  sandboxContext,
  startSandbox,
} from '../../src/sandbox/index.js'
import { testClock } from '../support/clock.js'

/** A client secret no other string in the suite contains, so any leak of it is visible. */
export const CLIENT_SECRET = 'cs-reliability-7Hq2xVb9Lm4'
export const CLIENT_ID = 'reliability-client'
/** Frozen sandbox clock: data and token expiry move only when a test moves them. */
export const START = '2026-01-15T10:00:00.000Z'
/** The brief's small retry policy: 2 retries, 1..5 ms backoff. */
export const FAST_RETRY = { retries: 2, baseDelayMs: 1, maxDelayMs: 5 } as const

// ---- secret hygiene witness -----------------------------------------------------------------

const produced: unknown[] = []
const secrets = new Set<string>([CLIENT_SECRET])

/** Remembers a secret (password, token, webhook secret) that must never show up in what is produced. */
export const addSecret = (secret: string): void => {
  secrets.add(secret)
}

/** Keeps an error or a hook event for the hygiene check. */
export const witness = (value: unknown): void => {
  produced.push(value)
}

/** Keeps the `left` of a result, then returns the result unchanged. */
export const kept = <R extends { _tag: 'Left'; left: BridgeError } | { _tag: 'Right'; right: unknown }>(
  result: R,
): R => {
  if (result._tag === 'Left') witness(result.left)
  return result
}

/** Hooks that hand every request and response event to the witness. */
export const witnessHooks: Hooks = { onRequest: witness, onResponse: witness }

/** A memory token store that remembers every access token it is given as a secret. */
export const witnessStore = (inner: TokenStore = memoryTokenStore()): TokenStore => ({
  get: (key) => inner.get(key),
  set: (key, token) => {
    addSecret(token.accessToken)
    return inner.set(key, token)
  },
  delete: (key) => inner.delete(key),
})

const serializations: readonly [string, (value: unknown) => string][] = [
  ['JSON.stringify', (value) => JSON.stringify(value) ?? ''],
  ['String', (value) => String(value)],
  ['util.inspect', (value) => inspect(value, { depth: null, showHidden: true, maxStringLength: null })],
]

/**
 * Serializes every witnessed value three ways and fails on the first that shows a secret.
 * @returns the number of serializations checked.
 */
export const checkSecretHygiene = (): number => {
  let checked = 0
  for (const value of produced) {
    for (const [how, serialize] of serializations) {
      const text = serialize(value)
      checked += 1
      for (const secret of secrets) {
        if (text.includes(secret)) {
          expect.fail(
            `${how} of a produced value shows the secret ${secret.slice(0, 3)}…: ${text.slice(0, 300)}`,
          )
        }
      }
    }
  }
  return checked
}

/** Registers the hygiene check of this file's witnessed values, run after all its tests. */
export const checkSecretsAfterAll = (file: string): void => {
  afterAll(() => {
    const checked = checkSecretHygiene()
    expect(produced.length).toBeGreaterThan(0)
    console.log(
      `[reliability] ${file}: secret hygiene: ${checked} serializations of ${produced.length} errors and hook events, ${secrets.size} secrets`,
    )
  })
}

// ---- sandboxes and contexts -----------------------------------------------------------------

const running: RunningSandbox[] = []
afterAll(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()))
})

/** Starts a sandbox on 127.0.0.1 with the suite's credentials and frozen clock; closed after the file. */
export const openSandbox = async (options: StartSandboxOptions = {}): Promise<RunningSandbox> => {
  const server = await startSandbox({
    port: 0,
    seed: 7,
    now: START,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    maxRecordedRequests: 1_000_000,
    ...options,
  })
  running.push(server)
  return server
}

/** A context on a sandbox: its clock, fast retries (waits skipped), witnessed hooks and token store. */
export const sandboxCtx = (server: RunningSandbox, options: Partial<ContextOptions> = {}): Context =>
  createContext(
    sandboxContext(server, {
      retry: FAST_RETRY,
      sleep: testClock().sleep,
      timeoutMs: 5_000,
      hooks: witnessHooks,
      tokenStore: witnessStore(),
      ...options,
    }),
  )

/** Requests the sandbox saw for a method and path, from index `from` on. */
export const requestsTo = (
  server: RunningSandbox,
  method: string,
  path: string,
  from = 0,
): RecordedRequest[] =>
  server.sandbox.requests.slice(from).filter((request) => request.method === method && request.path === path)

/** The token requests the sandbox saw, by user id (external id or uuid) in their body. */
export const tokenRequestsByUser = (server: RunningSandbox, from = 0): Map<string, number> => {
  const counts = new Map<string, number>()
  for (const request of requestsTo(server, 'POST', '/v3/aggregation/authorization/token', from)) {
    const body = request.body as { external_user_id?: string; user_uuid?: string }
    const user = body.external_user_id ?? body.user_uuid ?? '?'
    counts.set(user, (counts.get(user) ?? 0) + 1)
  }
  return counts
}

/** Waits until `condition` holds (polling), or fails after `ms`. */
export const eventually = async (condition: () => boolean, ms: number, what: string): Promise<void> => {
  const deadline = Date.now() + ms
  while (!condition()) {
    if (Date.now() > deadline) expect.fail(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
