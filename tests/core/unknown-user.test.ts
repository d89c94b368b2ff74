/**
 * A token request for a user Bridge does not know (never created, deleted, or a typo in its id): the
 * AuthenticationError says what to do, over real HTTP against the sandbox, in both API versions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type AuthenticationError,
  type BridgeError,
  collect,
  createContext,
  createUser,
  listAccounts,
} from '../../src/index.js'
import { type RunningSandbox, sandboxContext, startSandbox } from '../../src/sandbox/index.js'
import * as v2 from '../../src/v2/index.js'
import { leftOf, rightOf } from '../support/either.js'

let server: RunningSandbox

beforeAll(async () => {
  server = await startSandbox({ seed: 'unknown-user' })
})
afterAll(() => server.close())

const authError = (error: BridgeError): AuthenticationError => {
  if (error._tag !== 'AuthenticationError')
    return expect.fail(`expected an AuthenticationError, got ${error._tag}`)
  return error
}

const firstAccount = async (ctx: ReturnType<typeof createContext>) => {
  for await (const account of listAccounts(ctx)) return account
  return expect.fail('the list yielded nothing')
}

describe('2025-01-15: an unknown user', () => {
  it('by external_user_id: says to create it first with createUser, or to check the id', async () => {
    const ctx = createContext(sandboxContext(server, { user: { externalUserId: 'never-created-42' } }))
    const error = authError(leftOf(await firstAccount(ctx)))
    expect(error.reason).toBe('token_rejected')
    expect(error.message).toBe(
      'Bridge refused to authenticate the user: user.authentication.unauthorized. Bridge knows no user ' +
        'with this external_user_id: create it first with createUser({ externalUserId }) (authenticating ' +
        'does not create a user), or check user.externalUserId.',
    )
    expect(error.cause).toMatchObject({
      _tag: 'ApiError',
      status: 401,
      code: 'user.authentication.unauthorized',
    })
    // The advice works: once created, the same context authenticates.
    rightOf(await createUser(createContext(sandboxContext(server)), { externalUserId: 'never-created-42' })())
    expect(rightOf(await collect(listAccounts(ctx))())).toEqual([])
  })

  it('by uuid: says to check the uuid (or create the user first)', async () => {
    const uuid = '6a3f2b1c-0000-4000-8000-000000000000'
    const ctx = createContext(sandboxContext(server, { user: { uuid } }))
    const error = authError(leftOf(await firstAccount(ctx)))
    expect(error.message).toBe(
      'Bridge refused to authenticate the user: user.authentication.unauthorized. Bridge knows no user ' +
        'with this uuid: check user.uuid (a deleted user is gone), or create the user first with createUser.',
    )
    expect(error.message).not.toContain(uuid)
  })
})

describe('2021-06-01: an unknown user', () => {
  it('by external_user_id: same advice', async () => {
    const ctx = v2.createContext(sandboxContext(server, { user: { externalUserId: 'v2-never-created' } }))
    const error = authError(leftOf(await v2.getAccount(ctx, { accountId: 1 })()))
    expect(error.reason).toBe('token_rejected')
    expect(error.message).toMatch(
      /^Bridge refused to authenticate the user: .+\. Bridge knows no user with this external_user_id: create it first with createUser\(\{ externalUserId \}\) \(authenticating does not create a user\), or check user\.externalUserId\.$/,
    )
  })

  it('by e-mail: says to check the e-mail and password, or create the user first', async () => {
    const email = 'nobody@example.com'
    const ctx = v2.createContext(sandboxContext(server, { user: { email, password: 'not-a-user-pw' } }))
    const error = authError(leftOf(await v2.getAccount(ctx, { accountId: 1 })()))
    expect(error.message).toMatch(
      /^Bridge refused to authenticate the user: .+\. Check user\.email and user\.password, or create the user first with createUser\(\{ email, password \}\)\.$/,
    )
    expect(error.message).not.toContain(email)
    expect(error.message).not.toContain('not-a-user-pw')
  })
})

it('bad client credentials on the token request get no user advice', async () => {
  const ctx = createContext({
    ...sandboxContext(server, { user: { externalUserId: 'never-created-43' } }),
    clientSecret: 'wrong-secret',
  })
  const error = authError(leftOf(await firstAccount(ctx)))
  expect(error.message).not.toContain('createUser')
})
