import { describe, expect, it } from 'vitest'
import { createSandbox } from '../../src/sandbox/index.js'
import { V3_HEADERS } from './helpers.js'

describe('the Sandbox read API (in place of the mutable state)', () => {
  const sandbox = createSandbox({ seed: 11, now: '2026-01-15T10:00:00Z' })
  const seeded = sandbox.seedUser({ externalUserId: 'reader', transactions: 30, accounts: 2 })
  const get = (path: string, token: string) =>
    sandbox.fetch(`http://localhost${path}`, { headers: { ...V3_HEADERS, authorization: `Bearer ${token}` } })

  it('finds users and their records, and nothing for an unknown user', () => {
    expect(sandbox.users().map((u) => u.uuid)).toEqual([seeded.uuid])
    expect(sandbox.findUser('externalUserId', 'reader')?.uuid).toBe(seeded.uuid)
    expect(sandbox.findUser('uuid', seeded.uuid)?.externalUserId).toBe('reader')
    expect(sandbox.items(seeded.uuid).map((i) => i.id)).toEqual([seeded.itemId])
    expect(sandbox.accounts(seeded.uuid).map((a) => a.id)).toEqual(seeded.accountIds)
    expect(sandbox.transactions(seeded.uuid)).toHaveLength(30)
    expect(sandbox.items('nobody')).toEqual([])
    expect(sandbox.transactions('nobody')).toEqual([])
  })

  it('hands out copies: changing a returned list changes nothing inside', () => {
    const list = sandbox.transactions(seeded.uuid) as unknown[]
    list.length = 0
    expect(sandbox.transactions(seeded.uuid)).toHaveLength(30)
    const users = sandbox.users() as unknown[]
    users.length = 0
    expect(sandbox.users()).toHaveLength(1)
  })

  it('issues and revokes tokens through controls', async () => {
    const token = sandbox.issueToken(seeded.uuid).accessToken
    expect(sandbox.tokens().map((t) => t.accessToken)).toContain(token)
    expect((await get('/v3/aggregation/items', token)).status).toBe(200)
    sandbox.revokeTokens(seeded.uuid)
    expect(sandbox.tokens()).toEqual([])
    expect((await get('/v3/aggregation/items', token)).status).toBe(401)
  })
})
