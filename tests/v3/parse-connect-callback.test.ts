import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createConnectSession,
  createContext,
  createUser,
  getItem,
  parseConnectCallback,
} from '../../src/index.js'
import { type RunningSandbox, sandboxContext, startSandbox } from '../../src/sandbox/index.js'
import { leftOf, rightOf } from '../support/either.js'

const USER = '9a95b38f-f98b-417a-988b-9d0d584893e7'
const issuesOf = (url: string) => leftOf(parseConnectCallback(url)).issues

describe('parseConnectCallback (2025-01-15)', () => {
  it('reads the documented example (docs.bridgeapi.io/docs/end-of-the-connect-flow)', () => {
    // "MY_REDIRECT_URL?item_id=ITEM_ID&user_uuid=USER_UUID&success=false&step=sync_pending", with values.
    expect(
      rightOf(
        parseConnectCallback(
          `https://app.example/bridge/done?item_id=8312204&user_uuid=${USER}&success=false&step=sync_pending`,
        ),
      ),
    ).toEqual({ success: false, itemId: 8312204, userUuid: USER, step: 'sync_pending' })
  })

  it('reads a success with source and context, ignoring the app’s own parameters', () => {
    const url = new URL(
      `https://app.example/done?tenant=42&item_id=7&user_uuid=${USER}&success=true&source=connect&context=order-123`,
    )
    expect(rightOf(parseConnectCallback(url))).toEqual({
      success: true,
      itemId: 7,
      userUuid: USER,
      source: 'connect',
      context: 'order-123',
    })
    // A path with its query, as some frameworks give the request URL.
    expect(
      rightOf(parseConnectCallback(`/done?user_uuid=${USER}&success=false&step=highlighted_banks`)),
    ).toEqual({
      success: false,
      userUuid: USER,
      step: 'highlighted_banks',
    })
  })

  it('passes a step value the docs do not list (the list changes between doc versions)', () => {
    expect(rightOf(parseConnectCallback(`/d?user_uuid=${USER}&success=false&step=new_step_2027`)).step).toBe(
      'new_step_2027',
    )
  })

  it('refuses malformed or ambiguous parameters, naming each', () => {
    expect(issuesOf(`/d?user_uuid=${USER}&success=yes`)).toEqual([
      { path: 'success', message: 'must be true or false' },
    ])
    expect(issuesOf(`/d?user_uuid=${USER}`).map((issue) => issue.path)).toEqual(['success'])
    expect(issuesOf('/d?success=false').map((issue) => issue.path)).toEqual(['user_uuid'])
    expect(issuesOf(`/d?user_uuid=not-a-uuid&success=false`)).toEqual([
      { path: 'user_uuid', message: 'must be a UUID' },
    ])
    for (const itemId of ['0', '-1', '1.5', '1e3', '12345678901234567', 'abc', ''])
      expect(
        issuesOf(`/d?user_uuid=${USER}&success=false&item_id=${itemId}`).map((issue) => issue.path),
      ).toEqual(['item_id'])
    expect(issuesOf(`/d?user_uuid=${USER}&success=true`)).toEqual([
      { path: 'item_id', message: 'is required when success is true' },
    ])
    expect(issuesOf(`/d?user_uuid=${USER}&success=false&step=<script>`).map((issue) => issue.path)).toEqual([
      'step',
    ])
    expect(issuesOf(`/d?user_uuid=${USER}&success=false&context=a%20b`).map((issue) => issue.path)).toEqual([
      'context',
    ])
    expect(
      issuesOf(`/d?user_uuid=${USER}&success=false&context=${'a'.repeat(101)}`).map((i) => i.path),
    ).toEqual(['context'])
    expect(issuesOf(`/d?user_uuid=${USER}&success=true&success=false&item_id=1&item_id=2`)).toEqual([
      { path: 'success', message: 'must appear at most once' },
      { path: 'item_id', message: 'must appear at most once' },
    ])
  })

  it('refuses what is not a URL with an InputValidationError, never throwing', () => {
    for (const input of ['http://[bad', 42, null, undefined, {}]) {
      const error = leftOf(parseConnectCallback(input as string))
      expect([error._tag, error.operation, error.issues]).toEqual([
        'InputValidationError',
        'parseConnectCallback',
        [{ path: '', message: 'must be a URL' }],
      ])
    }
  })
})

describe('parseConnectCallback on the sandbox’s redirect, confirmed with getItem', () => {
  let server: RunningSandbox
  beforeAll(async () => {
    server = await startSandbox({ seed: 24 })
  })
  afterAll(() => server.close())

  /** A new user opens a Connect session's URL with `scenario`, as a browser would: the sandbox's redirect. */
  const connectThrough = async (externalUserId: string, scenario: string, context?: string) => {
    const user = rightOf(
      await createUser(createContext(sandboxContext(server, { retry: 0 })), { externalUserId })(),
    )
    const ctx = createContext(sandboxContext(server, { retry: 0, user: { externalUserId } }))
    const session = rightOf(
      await createConnectSession(ctx, {
        userEmail: 'cb@example.com',
        callbackUrl: 'https://app.example/bridge/done?tenant=7',
        ...(context && { context }),
      })(),
    )
    const response = await fetch(`${session.url}?scenario=${scenario}`, { redirect: 'manual' })
    expect(response.status).toBe(302)
    return { ctx, user, location: response.headers.get('location') as string }
  }

  it('the callback of a completed Connect session names the item getItem then confirms', async () => {
    const { ctx, user, location } = await connectThrough('cb-1', 'success', 'signup-42')
    const callback = rightOf(parseConnectCallback(location))
    expect(callback).toMatchObject({ success: true, userUuid: user.uuid, context: 'signup-42' })
    if (!callback.success) throw new Error('expected a success')
    const item = rightOf(await getItem(ctx, { itemId: callback.itemId })())
    expect([item.id, item.status]).toEqual([callback.itemId, 0])
  })

  it('a failed Connect session reads as success: false with its step', async () => {
    const { user, location } = await connectThrough('cb-2', '402')
    const callback = rightOf(parseConnectCallback(location))
    expect(callback).toMatchObject({ success: false, userUuid: user.uuid })
    expect(callback.step).toMatch(/^[a-z_]+$/)
  })
})
