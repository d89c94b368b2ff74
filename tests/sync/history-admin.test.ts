import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HistoryError, type RunningSandbox, startSandbox } from '../../src/sandbox/index.js'

/** The history scenario control, as a JavaScript method and over HTTP (`POST /_sandbox/users/:uuid/history`). */
describe('sandbox history changes', () => {
  let server: RunningSandbox
  let uuid: string
  let accountId: number
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json()) as any }
  }
  const record = (id: number) => server.sandbox.state.transaction(uuid, id)!

  beforeAll(async () => {
    server = await startSandbox({ seed: 4, now: '2026-11-28T10:00:00.000Z' })
    const seeded = server.sandbox.seedUser({ transactions: 20, accounts: 1 })
    uuid = seeded.uuid
    accountId = seeded.accountIds[0]!
  })
  afterAll(async () => {
    await server.close()
  })

  it('updates, deletes and inserts at one instant, over HTTP', async () => {
    const [a, b] = server.sandbox.state.transactions(uuid, 'updated').filter((tx) => !tx.deleted)
    const { status, body } = await post(`/_sandbox/users/${uuid}/history`, {
      changes: [
        { type: 'update', id: a!.id, amount: -1.5, cleanDescription: 'Corrected' },
        { type: 'delete', id: b!.id },
        { type: 'insert', accountId, date: '2025-02-03', amount: 20 },
      ],
    })
    expect(status).toBe(200)
    expect(body).toEqual({ updatedAt: '2026-11-28T10:00:00.000Z', ids: [a!.id, b!.id, expect.any(Number)] })
    expect(record(a!.id)).toMatchObject({
      amount: -1.5,
      cleanDescription: 'Corrected',
      updatedAt: Date.parse(body.updatedAt),
    })
    expect(record(b!.id)).toMatchObject({ deleted: true, updatedAt: Date.parse(body.updatedAt) })
    expect(record(body.ids[2])).toMatchObject({ date: '2025-02-03', amount: 20, accountId, deleted: false })
    // Listed first by updated_at, whatever their date: what a sync must catch.
    const newest = server.sandbox.state
      .transactions(uuid, 'updated')
      .slice(0, 3)
      .map((tx) => tx.id)
    expect(newest.sort()).toEqual([...body.ids].sort())
  })

  it('answers 400 for bad input, 404 for an unknown user or row, 409 for a deleted row or an earlier instant', async () => {
    const live = server.sandbox.state.transactions(uuid, 'updated').find((tx) => !tx.deleted)!
    const deleted = server.sandbox.state.transactions(uuid, 'updated').find((tx) => tx.deleted)!
    const cases: [string, unknown, number, RegExp][] = [
      [uuid, { changes: [] }, 400, /changes/],
      [uuid, { changes: [{ type: 'update', id: live.id, amount: 'x' }] }, 400, /changes\.0\.amount/],
      [uuid, { changes: [{ type: 'insert', accountId, date: '28/11/2026', amount: 1 }] }, 400, /date/],
      [uuid, { changes: [{ type: 'rename', id: live.id }] }, 400, /type/],
      [uuid, { changes: [{ type: 'delete', id: live.id }], at: 'yesterday' }, 400, /at/],
      ['no-such-user', { changes: [{ type: 'delete', id: live.id }] }, 404, /no-such-user/],
      [uuid, { changes: [{ type: 'delete', id: 1 }] }, 404, /No transaction 1 /],
      [
        uuid,
        { changes: [{ type: 'insert', accountId: 1, date: '2026-01-01', amount: 1 }] },
        404,
        /No account 1 /,
      ],
      [uuid, { changes: [{ type: 'update', id: deleted.id, amount: 1 }] }, 409, /is deleted/],
      [
        uuid,
        { changes: [{ type: 'delete', id: live.id }], at: live.updatedAt - 1 },
        409,
        /was updated after/,
      ],
    ]
    for (const [user, body, status, message] of cases) {
      const response = await post(`/_sandbox/users/${user}/history`, body)
      expect([response.status, response.body.error]).toEqual([status, expect.stringMatching(message)])
    }
    // All or nothing: the live row is untouched by the refused changes.
    expect(record(live.id)).toEqual(live)
  })

  it('the JavaScript method throws a HistoryError', () => {
    expect(() => server.sandbox.changeHistory(uuid, { changes: [{ type: 'delete', id: 2 }] })).toThrow(
      HistoryError,
    )
  })
})
