import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { createContext, getProvider, Redacted } from '../../src/index.js'
import { CLIENT, json, recordingFetch } from './fake-bridge.js'

describe('createContext', () => {
  it('builds plain data with defaults and does no I/O', () => {
    const { fetch, requests } = recordingFetch(() => json(200, {}))
    const ctx = createContext({ ...CLIENT, fetch })
    expect(ctx.invalid).toBeUndefined()
    expect(ctx.baseUrl).toBe('https://api.bridgeapi.io')
    expect(ctx.timeoutMs).toBe(30_000)
    expect(ctx.retry.retries).toBe(2)
    expect(ctx.autoRenew).toBe(true)
    expect(requests).toHaveLength(0)
  })

  it('never shows the client secret or a password in any serialization', () => {
    const ctx = createContext({ ...CLIENT, user: { email: 'john@doe.com', password: 'pa55word-secret' } })
    for (const text of [JSON.stringify(ctx), String(ctx.clientSecret), inspect(ctx, { depth: 10 })]) {
      expect(text).not.toContain(CLIENT.clientSecret)
      expect(text).not.toContain('pa55word-secret')
    }
    expect(JSON.stringify(ctx)).toContain('[redacted]')
    expect(ctx.clientSecret.reveal()).toBe(CLIENT.clientSecret)
  })

  it('accepts a Redacted secret as is', () => {
    const ctx = createContext({ clientId: 'id', clientSecret: new Redacted('s') })
    expect(ctx.invalid).toBeUndefined()
    expect(ctx.clientSecret.reveal()).toBe('s')
  })

  it.each([
    [{ clientId: '', clientSecret: 's' }, 'clientId'],
    [{ clientId: 'id', clientSecret: '  ' }, 'clientSecret'],
    [{ clientId: 'id', clientSecret: 's', baseUrl: 'http://api.example.com' }, 'baseUrl'],
    [{ clientId: 'id', clientSecret: 's', baseUrl: 'not a url' }, 'baseUrl'],
    [{ clientId: 'id', clientSecret: 's', baseUrl: 'https://user:pw@api.example.com' }, 'baseUrl'],
    [{ clientId: 'id', clientSecret: 's', timeoutMs: -1 }, 'timeoutMs'],
    [{ clientId: 'id', clientSecret: 's', retry: 1.5 }, 'retry.retries'],
    [{ clientId: 'id', clientSecret: 's', user: { externalUserId: '' } }, 'user.externalUserId'],
    [{ clientId: 'id', clientSecret: 's', user: { email: 'a@b.c', password: '' } }, 'user.password'],
  ])('refuses bad options with a clear error (%j)', (options, path) => {
    const ctx = createContext(options as Parameters<typeof createContext>[0])
    expect(ctx.invalid?._tag).toBe('InputValidationError')
    expect(ctx.invalid?.operation).toBe('createContext')
    expect(ctx.invalid?.issues.map((issue) => issue.path)).toContain(path)
  })

  it('allows plain http on loopback only', () => {
    for (const baseUrl of [
      'http://127.0.0.1:3000',
      'http://localhost:8080',
      'http://[::1]:1234',
      'http://127.8.9.10',
    ]) {
      expect(createContext({ clientId: 'id', clientSecret: 's', baseUrl }).invalid).toBeUndefined()
    }
    expect(
      createContext({ clientId: 'id', clientSecret: 's', baseUrl: 'http://10.0.0.1' }).invalid,
    ).toBeDefined()
  })

  it('makes every call of an invalid context fail without sending anything', async () => {
    const { fetch, requests } = recordingFetch(() => json(200, {}))
    const ctx = createContext({ clientId: '', clientSecret: 's', fetch })
    const result = await getProvider(ctx, { providerId: 574 })()
    expect(result).toEqual({ _tag: 'Left', left: ctx.invalid })
    expect(requests).toHaveLength(0)
  })
})
