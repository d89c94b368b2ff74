import { readdirSync } from 'node:fs'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { parseErrorBody } from '../../src/core/http/request.js'
import {
  Account,
  AccountsInformation,
  AuthorizationToken,
  Beneficiary,
  Category,
  CategoryInsights,
  ConnectSession,
  GuidanceHealth,
  Item,
  ParentCategory,
  PaymentConsent,
  PaymentLink,
  PaymentLinkCreated,
  PaymentRequest,
  PaymentRequestCreated,
  PaymentRequestResponse,
  Payout,
  Provider,
  Refund,
  Stock,
  Transaction,
  User,
} from '../../src/index.js'
import { EXAMPLES_DIR, exampleFile } from './helpers.js'

/** A list body: `resources` of the item schema, with optional pagination (`null` or `"null"` at the end). */
const list = (item: v.GenericSchema) =>
  v.looseObject({
    resources: v.array(item),
    pagination: v.optional(v.looseObject({ next_uri: v.nullable(v.string()) })),
    generated_at: v.optional(v.string()),
  })

/** Each documented route with the schema of its 2xx body (`null`: no body). */
const ROUTES: readonly (readonly [string, RegExp, v.GenericSchema | null])[] = [
  ['POST', /^\/v3\/aggregation\/users$/, User],
  ['GET', /^\/v3\/aggregation\/users$/, list(User)],
  ['GET', /^\/v3\/aggregation\/users\/[^/]+$/, User],
  ['DELETE', /^\/v3\/aggregation\/users\/[^/]+$/, null],
  ['POST', /^\/v3\/aggregation\/authorization\/token$/, AuthorizationToken],
  ['POST', /^\/v3\/aggregation\/connect-sessions$/, ConnectSession],
  ['POST', /^\/v3\/aggregation\/user-management-sessions$/, ConnectSession],
  ['GET', /^\/v3\/aggregation\/items$/, list(Item)],
  ['GET', /^\/v3\/aggregation\/items\/\d+$/, Item],
  ['DELETE', /^\/v3\/aggregation\/items\/\d+$/, null],
  ['GET', /^\/v3\/aggregation\/accounts$/, list(Account)],
  ['GET', /^\/v3\/aggregation\/accounts\/\d+$/, Account],
  ['GET', /^\/v3\/aggregation\/transactions$/, list(Transaction)],
  ['GET', /^\/v3\/aggregation\/transactions\/\d+$/, Transaction],
  ['GET', /^\/v3\/aggregation\/stocks$/, list(Stock)],
  ['GET', /^\/v3\/aggregation\/stocks\/\d+$/, Stock],
  ['GET', /^\/v3\/aggregation\/categories$/, list(ParentCategory)],
  ['GET', /^\/v3\/aggregation\/categories\/\d+$/, Category],
  ['GET', /^\/v3\/aggregation\/insights\/category$/, CategoryInsights],
  ['GET', /^\/v3\/aggregation\/accounts-information$/, list(AccountsInformation)],
  ['GET', /^\/v3\/providers$/, list(Provider)],
  ['GET', /^\/v3\/providers\/\d+$/, Provider],
  ['POST', /^\/v3\/payment\/payment-links$/, PaymentLinkCreated],
  ['GET', /^\/v3\/payment\/payment-links$/, list(PaymentLink)],
  ['GET', /^\/v3\/payment\/payment-links\/[^/]+$/, PaymentLink],
  ['POST', /^\/v3\/payment\/payment-links\/[^/]+\/revoke$/, null],
  ['POST', /^\/v3\/payment\/payment-requests$/, PaymentRequestCreated],
  ['GET', /^\/v3\/payment\/payment-requests$/, list(PaymentRequest)],
  ['GET', /^\/v3\/payment\/payment-requests\/[^/]+$/, PaymentRequestResponse],
  ['POST', /^\/v3\/payment\/payment-account\/refunds$/, Refund],
  ['GET', /^\/v3\/payment\/payment-account\/refunds$/, list(Refund)],
  ['GET', /^\/v3\/payment\/payment-account\/refunds\/[^/]+$/, Refund],
  ['GET', /^\/v3\/payment\/payment-account\/beneficiaries$/, list(Beneficiary)],
  ['POST', /^\/v3\/payment\/payment-account\/payouts$/, Payout],
  ['GET', /^\/v3\/payment\/payment-account\/payouts$/, list(Payout)],
  ['GET', /^\/v3\/payment\/payment-account\/payouts\/[^/]+$/, Payout],
  ['POST', /^\/v3\/payment\/consents$/, PaymentConsent],
  ['POST', /^\/v3\/guidance\/consents$/, null],
  ['GET', /^\/v3\/guidance\/health\/[^/]+$/, GuidanceHealth],
  ['POST', /^\/v3\/applications$/, null],
]

interface Exchange {
  readonly name: string
  readonly method?: string
  readonly path?: string
  readonly status: number
  readonly body: unknown
}

/** Every (status, body) an example entry documents, whichever of the example shapes it uses. */
const exchangesOf = (file: string, key: string, entry: Record<string, any>): Exchange[] => {
  const name = `${file}#${key}`
  const route = {
    method: entry.method,
    path: typeof entry.path === 'string' ? entry.path.split('?')[0] : undefined,
  }
  const out: Exchange[] = []
  if ('response_status' in entry)
    out.push({ name, ...route, status: entry.response_status, body: entry.response_body })
  if ('status' in entry) out.push({ name, ...route, status: entry.status, body: entry.body })
  for (const [index, response] of [...(entry.responses ?? []), ...(entry.other_responses ?? [])].entries())
    out.push({ name: `${name}[${index}]`, ...route, status: response.status, body: response.body })
  return out
}

// Webhook payloads are not API responses; the webhooks module parses them in its own tests.
const files = readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.json') && file !== 'webhooks.json')
const exchanges = files.flatMap((file) =>
  Object.entries(exampleFile(file))
    .filter(([key]) => key !== '_source')
    .flatMap(([key, entry]) => exchangesOf(file, key, entry)),
)

describe('every 2025-01-15 example parses with the matching schema', () => {
  it('finds the documented examples', () => {
    expect(files).toContain('payment-links.json')
    expect(exchanges.length).toBeGreaterThan(50)
  })

  it.each(exchanges.filter((exchange) => exchange.status < 400))('$name', (exchange) => {
    const route = ROUTES.find(
      ([method, pattern]) => method === exchange.method && pattern.test(exchange.path ?? ''),
    )
    if (!route) throw new Error(`no schema for ${exchange.method} ${exchange.path}`)
    const schema = route[2]
    if (schema === null) {
      expect(exchange.body).toBeNull()
      return
    }
    const result = v.safeParse(schema, exchange.body)
    if (!result.success) throw new Error(v.summarize(result.issues))
  })

  it.each(exchanges.filter((exchange) => exchange.status >= 400))('$name (error body)', (exchange) => {
    if (exchange.body === null) {
      // Bridge answers some errors with an empty body: the core keeps it as raw text.
      expect(parseErrorBody('')).toEqual({ format: 'raw', text: '' })
      return
    }
    const parsed = parseErrorBody(JSON.stringify(exchange.body))
    expect(parsed.format).toBe('2025-01-15')
    if (parsed.format === '2025-01-15') {
      expect(parsed.errors.length).toBeGreaterThan(0)
      for (const error of parsed.errors) expect(error.code).toMatch(/^[a-z_.]+$/)
    }
  })
})
