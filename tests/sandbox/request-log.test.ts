import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RecordedRequest, type RunningSandbox, startSandbox } from '../../src/sandbox/index.js'
import { call, V3_HEADERS } from './helpers.js'

const MiB = 1024 * 1024
/** What the log holds, as the admin API serves it: its size is what the log keeps in memory. */
const loggedOver = async (
  server: RunningSandbox,
): Promise<{ bytes: number; requests: RecordedRequest[] }> => {
  const text = await (await fetch(`${server.url}/_sandbox/requests`)).text()
  return { bytes: text.length, requests: JSON.parse(text).requests }
}
const post = (server: RunningSandbox, path: string, body: string, headers: Record<string, string>) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers, body })

describe('the sandbox request log stays bounded (issue 20, item 1)', () => {
  let server: RunningSandbox
  beforeAll(async () => {
    server = await startSandbox({ seed: 4, maxRecordedBodyBytes: 64 * 1024 })
  })
  afterAll(() => server.close())

  it('keeps no body of 20 anonymous 1 MiB text/plain POSTs', async () => {
    server.sandbox.clearRequests()
    const body = 'x'.repeat(MiB - 1024)
    for (let i = 0; i < 20; i++) {
      const answer = await post(server, '/v3/aggregation/users', body, { 'content-type': 'text/plain' })
      // Refused (no Bridge-Version, no credentials), whatever the body.
      expect(answer.status).toBe(400)
    }
    const { bytes, requests } = await loggedOver(server)
    expect(requests).toHaveLength(20)
    expect(requests.every((r) => r.body === undefined && r.bodyCut === 'unauthenticated')).toBe(true)
    // 20 MiB received; the log holds the request lines and headers only.
    expect(bytes).toBeLessThan(20 * 1024)
  })

  it('keeps a prefix of each authenticated body and at most maxRecordedBodyBytes in all, newest kept', async () => {
    server.sandbox.clearRequests()
    const headers = { ...V3_HEADERS, 'content-type': 'application/json' }
    for (let i = 0; i < 50; i++) {
      const body = JSON.stringify({ external_user_id: `user-${i}`, padding: 'y'.repeat(512 * 1024) })
      expect((await post(server, '/v3/aggregation/users', body, headers)).status).toBe(201)
    }
    const { bytes, requests } = await loggedOver(server)
    expect(requests).toHaveLength(50)
    const kept = requests.filter((r) => r.bodyCut === 'truncated')
    // 4 096 characters each, 64 KiB in all: the 16 newest.
    expect(kept).toHaveLength(16)
    expect(requests.slice(-16)).toEqual(kept)
    expect(kept.every((r) => typeof r.body === 'string' && r.body.length === 4096)).toBe(true)
    expect(String(kept.at(-1)?.body).startsWith('{"external_user_id":"user-49"')).toBe(true)
    expect(requests.slice(0, 34).every((r) => r.body === undefined && r.bodyCut === 'evicted')).toBe(true)
    expect(bytes).toBeLessThan(64 * 1024 + 100 * 1024)
    // A short body is still recorded whole, parsed.
    await call(server, 'POST', '/v3/aggregation/users', { body: { external_user_id: 'short' } })
    expect(server.sandbox.requests.at(-1)?.body).toEqual({ external_user_id: 'short' })
  })

  it('refuses, unread and unrecorded, API requests from web pages; answers programs and its own origin', async () => {
    server.sandbox.clearRequests()
    const users = server.sandbox.users().length
    const body = JSON.stringify({ external_user_id: 'from-a-page' })
    for (const headers of <Record<string, string>[]>[
      { 'content-type': 'text/plain', origin: 'http://evil.example' },
      { 'content-type': 'text/plain', origin: 'null' },
      { 'content-type': 'text/plain', origin: 'http://127.0.0.1:1' },
      { 'content-type': 'text/plain', 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ]) {
      const refused = await post(server, '/v3/aggregation/users', body, { ...V3_HEADERS, ...headers })
      expect(refused.status, JSON.stringify(headers)).toBe(403)
      expect((await refused.json()).errors[0].code).toBe('forbidden')
    }
    const page = await fetch(`${server.url}/v3/providers/574`, {
      headers: { ...V3_HEADERS, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' },
    })
    expect(page.status).toBe(403)
    expect(server.sandbox.requests).toHaveLength(0)
    expect(server.sandbox.users()).toHaveLength(users)
    const own = await call(server, 'POST', '/v3/aggregation/users', {
      body: { external_user_id: 'own-origin' },
      headers: { origin: server.url, 'sec-fetch-site': 'same-origin' },
    })
    expect(own.status).toBe(201)
    expect((await call(server, 'GET', '/v3/providers/574')).status).toBe(200)
    expect(server.sandbox.requests).toHaveLength(2)
  })
})
