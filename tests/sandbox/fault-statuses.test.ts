import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type RunningSandbox, startSandbox } from '../../src/sandbox/index.js'
import { call, JSON_HEADERS } from './helpers.js'

describe('fault rules with statuses a fault cannot serve', () => {
  let server: RunningSandbox
  const addFault = (rule: unknown) =>
    fetch(`${server.url}/_sandbox/faults`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify(rule),
    })
  beforeAll(async () => {
    server = await startSandbox({ seed: 5 })
  })
  beforeEach(() => server.sandbox.faults.clear())
  afterAll(() => server.close())

  it('refuses 1xx, 204, 205 and 304 with 400 naming the status, and later calls are not faulted', async () => {
    for (const status of [100, 101, 199, 204, 205, 304]) {
      for (const rule of [
        { type: 'status', status, path: '/v3/providers/:id' },
        { type: 'html', status, path: '/v3/providers/:id' },
      ]) {
        const refused = await addFault(rule)
        expect(refused.status, `${rule.type} ${status}`).toBe(400)
        expect((await refused.json()).error).toMatch(/status/)
      }
    }
    expect(server.sandbox.faults.list()).toEqual([])
    expect((await call(server, 'GET', '/v3/providers/574')).status).toBe(200)
  })

  it('still serves every status a fault can carry a body with', async () => {
    for (const status of [200, 302, 418, 503, 599]) {
      expect((await addFault({ type: 'status', status, path: '/v3/providers/:id', times: 1 })).status).toBe(
        201,
      )
      const faulted = await call(server, 'GET', '/v3/providers/574')
      expect(faulted.status).toBe(status)
    }
  })
})
