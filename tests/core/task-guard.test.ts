/**
 * A task can never pass for its result (issue 22 point 3), as a plain-JavaScript caller meets it: every
 * call goes through `any`. Reading `_tag`, `left` or `right` on a task the SDK returns throws a
 * TypeError saying to call it; inspecting, serialising and composing tasks is unaffected.
 */
import { inspect } from 'node:util'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { describe, expect, it } from 'vitest'
import { endpointsOf } from '../../src/core/define/operation.js'
import * as v3 from '../../src/index.js'
import * as v2 from '../../src/v2/index.js'
import { signTestWebhook, verifyAndParseWebhook, verifyWebhookSignature } from '../../src/webhooks/index.js'
import { recordingUserContext } from './fake-bridge.js'

const CALL_IT =
  /this is a task, not its result \(read \.(_tag|left|right)\): call it first — `await task\(\)`/

const expectGuarded = (task: any): void => {
  expect(typeof task).toBe('function')
  for (const key of ['_tag', 'left', 'right']) expect(() => task[key], key).toThrow(TypeError)
  expect(() => task._tag).toThrow(CALL_IT)
}

const recording = () => recordingUserContext(v3.createContext)

const webhook = { body: '{"type":"TEST_EVENT","content":{}}', signature: 'v1=00', secrets: 'secret' }

describe('a task read as its result', () => {
  it.each([
    ['bridgeapi', v3],
    ['bridgeapi/v2', v2],
  ] as const)('throws for every non-list endpoint of %s, and nothing is sent', (_, entry: any) => {
    const { ctx, requests } = recording()
    const endpoints = endpointsOf(entry).filter((spec) => !spec.list)
    expect(endpoints.length).toBeGreaterThan(20)
    for (const spec of endpoints) expectGuarded(entry[spec.name](ctx, {}))
    expect(requests).toEqual([])
  })

  it('throws for the hand-written auth tasks, collect-all and withResponse', () => {
    const { ctx } = recording()
    const token = { accessToken: 't', expiresAt: '2999-01-01T00:00:00Z' }
    for (const entry of [v3, v2] as any[]) {
      expectGuarded(entry.isAuthenticated(ctx))
      expectGuarded(entry.renewAuth(ctx))
      expectGuarded(entry.setUserToken(ctx, token))
    }
    expectGuarded((v2 as any).logoutUser(ctx))
    expectGuarded(v3.collect(v3.listAccounts(ctx)))
    expectGuarded(v3.withResponse(v3.getAccount)(ctx, { accountId: 1 }))
  })

  it('throws for the webhook tasks: a forged delivery cannot pass an uncalled check', async () => {
    const ev: any = verifyAndParseWebhook(webhook)
    expectGuarded(ev)
    // The bug the guard exists for: `if (ev._tag === 'Left') return 401` no longer lets the event through.
    const handle = () => (ev._tag === 'Left' ? 401 : 200)
    expect(handle).toThrow(CALL_IT)
    // fp-ts reads `_tag` too: E.isLeft on a task throws instead of answering false.
    expect(() => E.isLeft(ev)).toThrow(CALL_IT)
    expectGuarded(verifyWebhookSignature(webhook))
    expectGuarded(signTestWebhook({ payload: { type: 'TEST_EVENT', content: {} }, secrets: 'secret' }))
    // Called, it gives its result as before.
    const result = await ev()
    expect(result._tag).toBe('Left')
    expect(result.left.reason).toBe('malformed_header')
  })
})

describe('what does not trip on the guard', () => {
  it('util.inspect (hidden properties too), JSON.stringify, spreading and keys', () => {
    const { ctx } = recording()
    const task: any = v3.getAccount(ctx, { accountId: 1 })
    expect(() => inspect(task)).not.toThrow()
    expect(inspect(task, { showHidden: true })).toContain('[Getter]')
    expect(JSON.stringify(task)).toBeUndefined()
    expect(JSON.stringify({ task })).toBe('{}')
    expect(Object.keys(task)).toEqual([])
    expect({ ...task }).toEqual({})
    expect(task).toEqual(expect.any(Function))
  })

  it('fp-ts composition runs the task once and maps its result; a task is not thenable', async () => {
    const { ctx, requests } = recording()
    const task = v3.getAccount(ctx, { accountId: 1 }, { extra: { query: { x: '1' } } })
    expect('then' in task).toBe(false)
    const mapped = await pipe(
      task,
      TE.mapLeft((error) => error._tag),
    )()
    expect(mapped).toEqual(E.left('ApiError'))
    expect(requests).toHaveLength(1)
  })
})
