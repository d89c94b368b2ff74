/**
 * Request ids in the sandbox (issue 22 point 8): no source names the header Bridge sends its request
 * ids in, so the sandbox sends `X-Request-Id` (a random id per request), the first header the SDK reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createContext, formatError, getProvider, withResponse } from '../../src/index.js'
import { type RunningSandbox, sandboxContext, startSandbox } from '../../src/sandbox/index.js'
import { leftOf, rightOf } from '../support/either.js'

describe('the sandbox request id', () => {
  let server: RunningSandbox
  beforeAll(async () => {
    server = await startSandbox({ seed: 8 })
  })
  afterAll(async () => {
    await server.close()
  })

  it('is on an ApiError from the sandbox and in formatError, new for every request', async () => {
    const ctx = createContext(sandboxContext(server, { retry: 0 }))
    const first = leftOf(await getProvider(ctx, { providerId: 999_999_999 })())
    const second = leftOf(await getProvider(ctx, { providerId: 999_999_999 })())
    if (first._tag !== 'ApiError' || second._tag !== 'ApiError') throw new Error('expected ApiErrors')
    expect(first.status).toBe(404)
    expect(first.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(second.requestId).not.toBe(first.requestId)
    expect(formatError(first)).toContain(`[request id ${first.requestId}]`)
  })

  it('is sent on successful answers too', async () => {
    const ctx = createContext(sandboxContext(server, { retry: 0 }))
    const { response } = rightOf(await withResponse(getProvider)(ctx, { providerId: 574 })())
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })
})
