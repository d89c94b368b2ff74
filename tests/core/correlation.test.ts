/** Each call gets one correlation id, shared by its attempts and its token requests, in both hook events. */
import { describe, expect, it } from 'vitest'
import { createContext, getAccount, type RequestEvent, type ResponseEvent } from '../../src/index.js'
import { account, CLIENT, json, recordingFetch, tokenResponse } from './fake-bridge.js'

const HOUR = 3_600_000

describe('correlationId', () => {
  it('is the same across a call’s token request and retries, and new for the next call', async () => {
    let accountReads = 0
    const recorder = recordingFetch(async (request) => {
      if (request.path.endsWith('/token')) return tokenResponse(new Date(Date.now() + 2 * HOUR).toISOString())
      accountReads += 1
      // The first read fails once (retried), the next call's read succeeds at once.
      return accountReads === 1 ? json(503, {}) : json(200, account(1))
    })
    const requests: RequestEvent[] = []
    const responses: ResponseEvent[] = []
    const ctx = createContext({
      ...CLIENT,
      fetch: recorder.fetch,
      user: { externalUserId: 'u-1' },
      retry: { retries: 1, baseDelayMs: 0 },
      hooks: { onRequest: (event) => requests.push(event), onResponse: (event) => responses.push(event) },
    })
    expect((await getAccount(ctx, { accountId: 1 })())._tag).toBe('Right')
    expect((await getAccount(ctx, { accountId: 1 })())._tag).toBe('Right')
    // token, account (503), account (200), then the second call's account read
    expect(requests.map((event) => event.attempt)).toEqual([1, 1, 2, 1])
    const ids = requests.map((event) => event.correlationId)
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/)
    expect(ids.slice(0, 3)).toEqual([ids[0], ids[0], ids[0]])
    expect(ids[3]).not.toBe(ids[0])
    expect(responses.map((event) => event.correlationId)).toEqual(ids)
  })
})
