/**
 * Schema drift, injected by the sandbox into real responses: what Bridge may add without notice
 * (fields, enum values) passes; a new field is stripped from the typed value (exact types) and stays
 * in the raw body (`withResponse`, a page's `response`); what breaks the contract (a missing
 * required field, a wrong type) is a ResponseValidationError naming the path. Nothing is coerced.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import {
  type BridgeError,
  type Context,
  createUser,
  getAccount,
  listTransactions,
  type ResponseValidationError,
  withResponse,
} from '../../src/index.js'
import type { Fault, RunningSandbox, SeededUser } from '../../src/sandbox/index.js'
import { leftOf, rightOf } from '../support/either.js'
import { addSecret, checkSecretsAfterAll, kept, openSandbox, sandboxCtx } from './helpers.js'

type Drift = Extract<Fault, { type: 'drift' }>['drift']

let server: RunningSandbox
let user: SeededUser
let ctx: Context
let accountPath: string

beforeAll(async () => {
  server = await openSandbox({ seed: 'drift' })
  user = server.sandbox.seedUser({ externalUserId: 'drifter', transactions: 250, accounts: 1 })
  ctx = sandboxCtx(server, { user: { externalUserId: 'drifter' } })
  accountPath = `/v3/aggregation/accounts/${user.accountIds[0]}`
})

checkSecretsAfterAll('drift')

const driftOnce = (path: string, drift: Drift, field?: string, method = 'GET'): void => {
  server.sandbox.faults.add({ method, path, times: 1, type: 'drift', drift, ...(field ? { field } : {}) })
}

const getAccountRaw = async () =>
  kept(await withResponse(getAccount)(ctx, { accountId: user.accountIds[0]! })())

const validationError = (
  result: { _tag: 'Left'; left: BridgeError } | { _tag: 'Right'; right: unknown },
): ResponseValidationError => {
  const error = leftOf(result)
  if (error._tag !== 'ResponseValidationError')
    return expect.fail(`expected a ResponseValidationError, got ${error._tag}`)
  return error
}

/** A JSON body without one of its fields: what the typed value must equal once that field is stripped. */
const without = (body: Record<string, unknown>, field: string): Record<string, unknown> => {
  const { [field]: _removed, ...rest } = body
  return rest
}

describe('what Bridge may add passes: unknown fields stripped from the typed value, kept in the raw body', () => {
  it('an unknown field on an account', async () => {
    driftOnce(accountPath, 'extra-field')
    const { data, response } = rightOf(await getAccountRaw())
    const body = JSON.parse(response.body) as Record<string, unknown>
    // The raw body still has it, as sent...
    expect(body.sandbox_drift_field).toEqual({ added_by: 'bridgeapi-sandbox' })
    // ...the typed value is every other field, unchanged, and nothing else (no key added as undefined).
    expect(data).not.toHaveProperty('sandbox_drift_field')
    expect(data).toStrictEqual(without(body, 'sandbox_drift_field'))
  })

  for (const field of ['type', 'last_refresh_status', 'data_access']) {
    it(`an unknown enum value in account ${field}`, async () => {
      driftOnce(accountPath, 'unknown-enum', field)
      const { data, response } = rightOf(await getAccountRaw())
      expect(data[field as keyof typeof data]).toBe('sandbox_unknown_value')
      expect(data).toStrictEqual(JSON.parse(response.body))
    })
  }

  it('an unknown field and an unknown operation_type on a listed transaction', async () => {
    driftOnce('/v3/aggregation/transactions', 'extra-field', 'category_v2')
    let checked = false
    for await (const page of listTransactions(ctx, { limit: 10 }).pages()) {
      const { items, response } = rightOf(kept(page))
      const raw = (JSON.parse(response.body) as { resources: Record<string, unknown>[] }).resources
      expect(raw[0]?.category_v2).toEqual({ added_by: 'bridgeapi-sandbox' })
      expect(items[0]).not.toHaveProperty('category_v2')
      expect(items[0]).toStrictEqual(without(raw[0]!, 'category_v2'))
      // The other items of the page, untouched by the drift, are exactly what was sent.
      expect(items.slice(1)).toStrictEqual(raw.slice(1))
      checked = true
      break
    }
    expect(checked).toBe(true)
    driftOnce('/v3/aggregation/transactions', 'unknown-enum', 'operation_type')
    for await (const tx of listTransactions(ctx, { limit: 10 })) {
      expect(rightOf(kept(tx)).operation_type).toBe('sandbox_unknown_value')
      break
    }
  })
})

describe('what breaks the contract is a ResponseValidationError with the path', () => {
  const required = ['id', 'name', 'balance', 'updated_at', 'type', 'currency_code', 'item_id', 'provider_id']
  for (const field of required) {
    it(`account without ${field}`, async () => {
      driftOnce(accountPath, 'missing-field', field)
      const error = validationError(await getAccountRaw())
      expect(error.issues.map((issue) => issue.path)).toEqual([field])
      expect(error.message).toContain(field)
      expect(error).toMatchObject({ status: 200, method: 'GET', path: accountPath })
    })
  }

  // Numbers become strings ("12.5"), strings and booleans become 12345: each is refused, not converted.
  const typed = [...required, 'accounting_balance', 'instant_balance', 'pro', 'iban']
  for (const field of typed) {
    it(`account with a wrong type in ${field}`, async () => {
      driftOnce(accountPath, 'wrong-type', field)
      const error = validationError(await getAccountRaw())
      expect(error.issues.map((issue) => issue.path)).toEqual([field])
      // The offending value is kept in the error as received.
      const sent = (error.body as Record<string, unknown>)[field]
      expect(typeof sent === 'string' ? Number.isFinite(Number(sent)) : sent === 12345).toBe(true)
    })
  }

  it('a transaction amount sent as a string on page 3: refused with its path and a resume cursor', async () => {
    const ids: number[] = []
    let error: ResponseValidationError | undefined
    for await (const tx of listTransactions(ctx, { limit: 100 })) {
      if (tx._tag === 'Left') {
        error = validationError(kept(tx))
        break
      }
      ids.push(tx.right.id)
      if (ids.length === 200) driftOnce('/v3/aggregation/transactions', 'wrong-type', 'amount')
    }
    expect(ids).toHaveLength(200)
    expect(error?.issues.map((issue) => issue.path)).toEqual(['resources.0.amount'])
    const first = (error?.body as { resources?: { amount?: unknown }[] } | undefined)?.resources?.[0]
    expect(typeof first?.amount).toBe('string')
    expect(error).toHaveProperty('resumeAfter')
  })

  it('a created user without its uuid, and with a numeric uuid', async () => {
    driftOnce('/v3/aggregation/users', 'missing-field', 'uuid', 'POST')
    const missing = validationError(kept(await createUser(ctx, { externalUserId: 'drift-created-1' })()))
    expect(missing.issues.map((issue) => issue.path)).toEqual(['uuid'])
    driftOnce('/v3/aggregation/users', 'wrong-type', 'uuid', 'POST')
    const wrong = validationError(kept(await createUser(ctx, { externalUserId: 'drift-created-2' })()))
    expect(wrong.issues.map((issue) => issue.path)).toEqual(['uuid'])
    expect(wrong.body).toMatchObject({ uuid: 12345 })
  })
})

describe('a drifting token response', () => {
  const tokenPath = '/v3/aggregation/authorization/token'
  const freshContext = () => sandboxCtx(server, { user: { externalUserId: 'drifter' } })
  /** Tokens the sandbox issued, also those the SDK never stored: secrets for the hygiene check. */
  const issuedTokens = (): string[] => {
    const tokens = server.sandbox.tokens().map((token) => token.accessToken)
    for (const token of tokens) addSecret(token)
    return tokens
  }

  for (const [drift, field] of [
    ['missing-field', 'expires_at'],
    ['wrong-type', 'expires_at'],
    ['missing-field', 'access_token'],
  ] as const) {
    it(`${drift} ${field}: a validation error that does not hold the token`, async () => {
      driftOnce(tokenPath, drift, field, 'POST')
      const error = validationError(
        kept(await getAccount(freshContext(), { accountId: user.accountIds[0]! })()),
      )
      expect(error.issues.map((issue) => issue.path)).toEqual([field])
      expect(error.path).toBe(tokenPath)
      // The token the sandbox issued in that response must not be in the error.
      expect(error.body).toBe('[redacted]')
      for (const token of issuedTokens()) expect(JSON.stringify(error)).not.toContain(token)
    })
  }

  it('truncated JSON: a validation error without the half of the body that holds the token', async () => {
    server.sandbox.faults.add({ method: 'POST', path: tokenPath, times: 1, type: 'truncated-json' })
    const error = validationError(
      kept(await getAccount(freshContext(), { accountId: user.accountIds[0]! })()),
    )
    expect(error.issues).toEqual([{ path: '', message: 'the body is not valid JSON' }])
    expect(error.body).toBe('[redacted]')
    for (const token of issuedTokens()) expect(JSON.stringify(error)).not.toContain(token.slice(0, 12))
  })
})
