/**
 * Hostile and broken input, property-based (fast-check, fixed seeds so runs repeat): for every
 * parameter type — numeric ids, string ids in paths, instants, calendar dates, limits, cursors,
 * text filters (comma-separated or repeated keys), body strings — either the call is refused with an
 * InputValidationError and nothing is sent, or exactly one request goes out whose decoded path
 * segments and query keys are exactly the expected ones (no traversal, no injection, no coercion).
 * An injected recording `fetch` answers in process, so thousands of cases take a few seconds.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type BridgeError,
  type Context,
  createContext,
  createUser,
  getAccount,
  getUser,
  listPaymentRequests,
  listProviders,
  listTransactions,
  setUserToken,
} from '../../src/index.js'
import {
  addSecret,
  CLIENT_ID,
  CLIENT_SECRET,
  checkSecretsAfterAll,
  witness,
  witnessHooks,
} from '../reliability/helpers.js'

const RUNS = 1500
const ACCESS_TOKEN = 'fuzz-access-token-5Yt8'
let casesTried = 0
let refused = 0
let accepted = 0

interface Sent {
  readonly url: URL
  readonly raw: string
  readonly method: string
  readonly body: string
}

const sent: Sent[] = []
/** Answers every request with an empty success of the right shape for the endpoint. */
const recordingFetch = (async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  const raw = String(input)
  const request = new Request(input, init)
  sent.push({ url: new URL(raw), raw, method: request.method, body: await request.text() })
  const path = new URL(raw).pathname
  const body = path.startsWith('/v3/aggregation/accounts/')
    ? {
        id: 1,
        name: 'a',
        balance: 0,
        updated_at: 'x',
        type: 'checking',
        currency_code: 'EUR',
        item_id: 1,
        provider_id: 1,
      }
    : path.startsWith('/v3/aggregation/users')
      ? { uuid: 'u' }
      : { resources: [], pagination: { next_uri: null } }
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
}) as typeof globalThis.fetch

let ctx: Context
beforeAll(async () => {
  ctx = createContext({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    baseUrl: 'https://api.bridgeapi.io',
    user: { externalUserId: 'fuzz-user' },
    fetch: recordingFetch,
    retry: 0,
    hooks: witnessHooks,
  })
  addSecret(ACCESS_TOKEN)
  const stored = await setUserToken(ctx, {
    accessToken: 'fuzz-access-token',
    expiresAt: '2999-01-01T00:00:00Z',
  })()
  expect(stored._tag).toBe('Right')
})

checkSecretsAfterAll('fuzz')
afterAll(() => {
  // Neither side is vacuous: many cases were refused and many were sent.
  expect(refused).toBeGreaterThan(1000)
  expect(accepted).toBeGreaterThan(1000)
  console.log(
    `[reliability] hostile input: ${casesTried} property-based cases (${refused} refused, ${accepted} sent)`,
  )
})

type Result = { _tag: 'Left'; left: BridgeError } | { _tag: 'Right'; right: unknown }

/**
 * Runs one call and checks the invariant: refused with nothing sent (and then `invalidPaths`, when
 * known, are among the issues), or exactly one request, which `check` inspects.
 */
const oneCase = async (
  call: () => Promise<Result>,
  verdict: 'valid' | 'invalid' | 'either',
  check: (request: Sent) => void,
  invalidPaths: readonly string[] = [],
): Promise<void> => {
  casesTried += 1
  const before = sent.length
  const result = await call()
  const requests = sent.slice(before)
  if (result._tag === 'Left' && result.left._tag === 'InputValidationError') {
    witness(result.left)
    refused += 1
    expect(verdict).not.toBe('valid')
    expect(requests).toEqual([])
    const paths = result.left.issues.map((issue) => issue.path)
    for (const path of invalidPaths)
      expect(paths.some((p) => p === path || p.startsWith(`${path}.`))).toBe(true)
    return
  }
  expect(verdict, JSON.stringify(result).slice(0, 300)).not.toBe('invalid')
  expect(result._tag).toBe('Right')
  expect(requests).toHaveLength(1)
  accepted += 1
  const [request] = requests
  // Nothing after the path but the query: no fragment, and the raw URL has at most one `?`.
  expect(request!.url.hash).toBe('')
  expect(request!.raw.split('?').length).toBeLessThanOrEqual(2)
  check(request!)
}

/** The decoded segments of a path: a value can neither add nor remove one. */
const segments = (url: URL): string[] => url.pathname.split('/').map(decodeURIComponent)

/** The query as key → all values, in order. */
const queryOf = (url: URL): Record<string, string[]> => {
  const out: Record<string, string[]> = {}
  for (const [key, value] of url.searchParams) out[key] = [...(out[key] ?? []), value]
  return out
}

// ---- arbitraries -------------------------------------------------------------------------------

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code))
/** Characters that matter in URLs and paths, plus unicode, controls and lone surrogates. */
const hostileUnit = fc.oneof(
  fc.constantFrom(
    '/',
    '?',
    '#',
    '&',
    '=',
    '%',
    '.',
    '..',
    '\\',
    ' ',
    '+',
    ';',
    ':',
    '@',
    '%2e',
    '%2F',
    '%00',
  ),
  fc.constantFrom('\u0000', '\n', '\r', '\t', '\u007f', 'é', 'ß', '😀', '\u202e', '\ufeff', '\u3000'),
  loneSurrogate,
  fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }),
)
const hostileString = fc.oneof(
  fc.string({ unit: hostileUnit, maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', minLength: 200, maxLength: 300 }),
  fc.constantFrom(
    '',
    '.',
    '..',
    '../..',
    '../../v3/payment/payment-links',
    '%2e%2e',
    'a'.repeat(256),
    'a'.repeat(257),
  ),
)
/** Anything that is not a string or a number (absence is drawn separately). */
const notScalar = fc.oneof(
  fc.constantFrom(null, true, [], {}, [1], { id: 1 }, 10n),
  fc.object({ maxDepth: 1 }),
)
const anyNumber = fc.oneof(
  fc.integer(),
  fc.maxSafeNat(),
  fc.double(),
  fc.constantFrom(
    Number.NaN,
    Infinity,
    -Infinity,
    -0,
    2 ** 53,
    2 ** 53 - 1,
    2 ** 53 + 2,
    1e308,
    0.5,
    -1,
    1e21,
  ),
)
const validInstant = fc
  .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString())

/** No lone surrogate (ES2024 `isWellFormed`, which Node 20 has; not in this project's TS lib). */
const isWellFormed = (value: string): boolean =>
  (value as unknown as { isWellFormed(): boolean }).isWellFormed()

/** What PathStringParam and TextParam accept, written independently of the schemas. */
const acceptableText = (value: unknown, max: number, path: boolean): boolean =>
  typeof value === 'string' &&
  value.length >= 1 &&
  value.length <= max &&
  isWellFormed(value) &&
  (!path ||
    (value !== '.' && value !== '..' && ![...value].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f')))

const property = <T>(arbitrary: fc.Arbitrary<T>, run: (value: T) => Promise<void>, seed: number) =>
  fc.assert(fc.asyncProperty(arbitrary, run), { numRuns: RUNS, seed })

// ---- properties --------------------------------------------------------------------------------

describe('hostile input never escapes the path or the query', () => {
  it('numeric ids in a path (getAccount accountId)', async () => {
    await property(
      fc.oneof(anyNumber, notScalar, hostileString),
      async (accountId) => {
        const valid = typeof accountId === 'number' && Number.isSafeInteger(accountId) && accountId >= 0
        await oneCase(
          () => getAccount(ctx, { accountId: accountId as number })(),
          valid ? 'valid' : 'invalid',
          (request) => {
            expect(request.method).toBe('GET')
            expect(segments(request.url)).toEqual(['', 'v3', 'aggregation', 'accounts', String(accountId)])
            expect(request.url.search).toBe('')
          },
          ['accountId'],
        )
      },
      1,
    )
  })

  it('string ids in a path (getUser userUuid): /, ?, #, .., %, unicode, long strings', async () => {
    await property(
      fc.oneof(hostileString, notScalar, anyNumber),
      async (userUuid) => {
        await oneCase(
          () => getUser(ctx, { userUuid: userUuid as string })(),
          acceptableText(userUuid, 256, true) ? 'valid' : 'invalid',
          (request) => {
            expect(segments(request.url)).toEqual(['', 'v3', 'aggregation', 'users', userUuid])
            expect(request.url.search).toBe('')
          },
          ['userUuid'],
        )
      },
      2,
    )
  })

  it('list filters, instants, dates, limits and cursors (listTransactions)', async () => {
    type Field = {
      readonly value: unknown
      readonly verdict: 'valid' | 'invalid' | 'either'
      readonly sent?: string
    }
    const instant: fc.Arbitrary<Field> = fc.oneof(
      validInstant.map((value) => ({ value, verdict: 'valid' as const, sent: value })),
      fc
        .date({ noInvalidDate: false })
        .map((date) =>
          Number.isNaN(date.getTime())
            ? { value: date, verdict: 'invalid' as const }
            : { value: date, verdict: 'valid' as const, sent: date.toISOString() },
        ),
      hostileString.map((value) => ({ value, verdict: 'either' as const, sent: value })),
      fc.oneof(notScalar, anyNumber).map((value) => ({ value, verdict: 'invalid' as const })),
    )
    const day: fc.Arbitrary<Field> = fc.oneof(
      validInstant.map((value) => ({
        value: value.slice(0, 10),
        verdict: 'valid' as const,
        sent: value.slice(0, 10),
      })),
      fc
        .date({ noInvalidDate: false })
        .map((date) =>
          Number.isNaN(date.getTime())
            ? { value: date, verdict: 'invalid' as const }
            : { value: date, verdict: 'valid' as const, sent: date.toISOString().slice(0, 10) },
        ),
      hostileString.map((value) => ({ value, verdict: 'either' as const, sent: value })),
      fc.oneof(notScalar, anyNumber).map((value) => ({ value, verdict: 'invalid' as const })),
    )
    const count = (min: number, max: number): fc.Arbitrary<Field> =>
      fc
        .oneof(anyNumber, notScalar, hostileString)
        .map((value) =>
          typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
            ? { value, verdict: 'valid' as const, sent: String(value) }
            : { value, verdict: 'invalid' as const },
        )
    const cursor: fc.Arbitrary<Field> = fc
      .oneof(hostileString, notScalar)
      .map((value) =>
        acceptableText(value, 2048, false)
          ? { value, verdict: 'valid' as const, sent: value as string }
          : { value, verdict: 'invalid' as const },
      )
    const fields = {
      accountId: ['account_id', count(0, Number.MAX_SAFE_INTEGER)],
      since: ['since', instant],
      until: ['until', instant],
      minDate: ['min_date', day],
      maxDate: ['max_date', day],
      limit: ['limit', count(1, 500)],
      after: ['after', cursor],
    } as const
    const arbitrary = fc.record(
      Object.fromEntries(Object.entries(fields).map(([name, [, arb]]) => [name, arb])) as Record<
        keyof typeof fields,
        fc.Arbitrary<Field>
      >,
      { requiredKeys: [] },
    )
    await property(
      arbitrary,
      async (chosen) => {
        const entries = Object.entries(chosen) as [keyof typeof fields, Field][]
        const params = Object.fromEntries(entries.map(([name, field]) => [name, field.value]))
        const invalid = entries.filter(([, field]) => field.verdict === 'invalid').map(([name]) => name)
        const verdict =
          invalid.length > 0
            ? 'invalid'
            : entries.some(([, f]) => f.verdict === 'either')
              ? 'either'
              : 'valid'
        const firstPage = async (): Promise<Result> => {
          for await (const page of listTransactions(ctx, params as never).pages()) return page
          return expect.fail('a list yields at least one page or one error')
        }
        await oneCase(
          firstPage,
          verdict,
          (request) => {
            expect(segments(request.url)).toEqual(['', 'v3', 'aggregation', 'transactions'])
            const expected = Object.fromEntries(
              entries.map(([name, field]) => [fields[name][0], [field.sent]]),
            )
            expect(queryOf(request.url)).toEqual(expected)
          },
          invalid,
        )
      },
      3,
    )
  })

  it('text filters sent as one comma-separated value (listProviders, listPaymentRequests)', async () => {
    const values = fc.oneof(hostileString, fc.array(hostileString, { maxLength: 4 }), notScalar)
    await property(
      fc.record(
        { countryCode: values, capabilities: values, paymentLinkId: fc.oneof(hostileString, notScalar) },
        { requiredKeys: [] },
      ),
      async ({ countryCode, capabilities, paymentLinkId }) => {
        const asList = (value: unknown) =>
          value === undefined ? [] : typeof value === 'string' ? [value] : value
        // A list must not be empty, and no value may hold the comma that separates them.
        const okList = (value: unknown) => {
          const list = asList(value)
          return (
            Array.isArray(list) &&
            (value === undefined || list.length > 0) &&
            list.every((item) => acceptableText(item, 100, false) && !String(item).includes(','))
          )
        }
        const first = async (list: AsyncIterable<Result>): Promise<Result> => {
          for await (const item of list) return item
          return { _tag: 'Right', right: undefined }
        }
        await oneCase(
          () => first(listProviders(ctx, { countryCode, capabilities } as never).pages()),
          okList(countryCode) && okList(capabilities) ? 'valid' : 'invalid',
          (request) => {
            expect(segments(request.url)).toEqual(['', 'v3', 'providers'])
            const expected: Record<string, unknown> = {}
            if (countryCode !== undefined)
              expected.country_code = [(asList(countryCode) as string[]).join(',')]
            if (capabilities !== undefined)
              expected.capabilities = [(asList(capabilities) as string[]).join(',')]
            expect(queryOf(request.url)).toEqual(expected)
          },
        )
        await oneCase(
          () => first(listPaymentRequests(ctx, { paymentLinkId } as never).pages()),
          paymentLinkId === undefined || acceptableText(paymentLinkId, 256, false) ? 'valid' : 'invalid',
          (request) => {
            expect(segments(request.url)).toEqual(['', 'v3', 'payment', 'payment-requests'])
            expect(queryOf(request.url)).toEqual(
              paymentLinkId === undefined ? {} : { payment_link_id: [paymentLinkId] },
            )
          },
          ['paymentLinkId'],
        )
      },
      4,
    )
  })

  it('strings in a JSON body (createUser externalUserId) are sent exactly, never merged into the path', async () => {
    await property(
      fc.oneof(hostileString, fc.stringMatching(/^[a-zA-Z0-9_-]{1,128}$/), notScalar),
      async (externalUserId) => {
        const valid = typeof externalUserId === 'string' && /^[a-zA-Z0-9_-]{1,128}$/.test(externalUserId)
        await oneCase(
          () => createUser(ctx, { externalUserId: externalUserId as string })(),
          externalUserId === undefined ? 'valid' : valid ? 'valid' : 'invalid',
          (request) => {
            expect(request.method).toBe('POST')
            expect(segments(request.url)).toEqual(['', 'v3', 'aggregation', 'users'])
            expect(request.url.search).toBe('')
            expect(JSON.parse(request.body)).toEqual(
              externalUserId === undefined ? {} : { external_user_id: externalUserId },
            )
          },
          ['externalUserId'],
        )
      },
      5,
    )
  })
})
