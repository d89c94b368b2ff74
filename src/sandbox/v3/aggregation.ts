import * as v from 'valibot'
import { CONNECT_COUNTRIES } from '../../common/connect-countries.js'
import { aggregationHandlers, startSession } from '../common/aggregation.js'
import {
  badRequest,
  dateQuery,
  idQuery,
  instantQuery,
  listResponse,
  notFoundForUser,
  readBody,
  readQuery,
} from '../common/requests.js'
import { json, type Route, type UserRouteContext, userRoute } from '../http.js'
import type { Cursoring } from '../pagination.js'
import type { TransactionRecord } from '../state.js'
import { transactionView, v3View } from './views.js'

/**
 * User-level aggregation routes (bearer token): Connect and user-management sessions, items,
 * accounts, transactions, stocks, account check.
 */

/** `account_types` must be `payment` or `all`; Bridge names the error after the session kind. */
const accountTypesError = (ctx: UserRouteContext, prefix: 'connect_session' | 'user_session') =>
  ctx.error(
    400,
    `${prefix}.account_types_invalid`,
    'The account_types parameter is invalid. It should be payment or all.',
    'account_types',
  )

const ConnectSessionBody = v.object({
  user_email: v.optional(v.pipe(v.string(), v.email())),
  country_code: v.optional(v.picklist(CONNECT_COUNTRIES)),
  capabilities: v.optional(v.array(v.string())),
  allow_account_selection: v.optional(v.boolean()),
  max_selectable_accounts: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  callback_url: v.optional(v.pipe(v.string(), v.url())),
  context: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{1,100}$/))),
  account_types: v.optional(v.unknown()),
  provider_id: v.optional(v.pipe(v.number(), v.integer())),
  item_id: v.optional(v.pipe(v.number(), v.integer())),
  force_reauthentication: v.optional(v.boolean()),
})

// The options Bridge documents for user-management sessions: Connect's, without item or provider.
const UserSessionBody = v.pick(ConnectSessionBody, [
  'user_email',
  'country_code',
  'capabilities',
  'allow_account_selection',
  'callback_url',
  'context',
  'account_types',
])

const isAccountTypes = (value: unknown): value is 'payment' | 'all' => value === 'payment' || value === 'all'

/** Transactions: newest `updated_at` first, cursor `<updated_at ms>:<id>` like Bridge's. */
const transactionCursor: Cursoring<TransactionRecord> = {
  key: (tx) => `${tx.updatedAt}:${tx.id}`,
  compare: (key, tx) => {
    const [updatedAt, id] = key.split(':').map(Number) as [number, number]
    return updatedAt !== tx.updatedAt ? tx.updatedAt - updatedAt : tx.id - id
  },
  valid: (key) => /^\d+:\d+$/.test(key),
}

/** The first index whose `updated_at` is ≤ `ms` in a newest-first list (binary search). */
const firstAtOrBefore = (sorted: readonly TransactionRecord[], ms: number): number => {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((sorted[mid] as TransactionRecord).updatedAt > ms) lo = mid + 1
    else hi = mid
  }
  return lo
}

const shared = aggregationHandlers(v3View)

/** The fields both session kinds take from their body (`account_types` default `payment`). */
const sessionFields = (b: v.InferOutput<typeof UserSessionBody>) => ({
  accountTypes: isAccountTypes(b.account_types) ? b.account_types : ('payment' as const),
  ...(b.user_email === undefined ? {} : { userEmail: b.user_email }),
  ...(b.callback_url === undefined ? {} : { callbackUrl: b.callback_url }),
  ...(b.context === undefined ? {} : { context: b.context }),
})

export const aggregationRoutes: readonly Route[] = [
  userRoute('POST', '/v3/aggregation/connect-sessions', (ctx) => {
    const raw = (ctx.body ?? {}) as Record<string, unknown>
    if (raw.account_types !== undefined && !isAccountTypes(raw.account_types))
      return accountTypesError(ctx, 'connect_session')
    const body = readBody(ctx, ConnectSessionBody)
    if (!body.ok) return body.response
    const b = body.value
    if (b.item_id !== undefined && !ctx.state.item(ctx.user.uuid, b.item_id))
      return notFoundForUser(ctx, 'item', String(b.item_id))
    return json(
      201,
      startSession(ctx, {
        kind: 'connect',
        ...sessionFields(b),
        ...(b.provider_id === undefined ? {} : { providerId: b.provider_id }),
        ...(b.item_id === undefined ? {} : { itemId: b.item_id }),
      }),
    )
  }),

  userRoute('POST', '/v3/aggregation/user-management-sessions', (ctx) => {
    const raw = (ctx.body ?? {}) as Record<string, unknown>
    if (raw.account_types !== undefined && !isAccountTypes(raw.account_types))
      return accountTypesError(ctx, 'user_session')
    const body = readBody(ctx, UserSessionBody)
    if (!body.ok) return body.response
    const b = body.value
    return json(
      201,
      startSession(ctx, {
        kind: 'user-management',
        ...sessionFields(b),
      }),
    )
  }),

  userRoute('GET', '/v3/aggregation/items', shared.listItems({ generatedAt: true })),
  userRoute('GET', '/v3/aggregation/items/:id', shared.getItem),
  userRoute('DELETE', '/v3/aggregation/items/:id', shared.deleteItem),
  userRoute('GET', '/v3/aggregation/accounts', shared.listAccounts({ generatedAt: true })),
  userRoute('GET', '/v3/aggregation/accounts/:id', shared.getAccount),

  userRoute('GET', '/v3/aggregation/transactions', (ctx) => {
    const query = readQuery<{
      account_id: number
      since: number
      until: number
      min_date: string
      max_date: string
    }>(ctx.query, {
      account_id: idQuery,
      since: instantQuery,
      until: instantQuery,
      min_date: dateQuery,
      max_date: dateQuery,
    })
    if ('property' in query) return badRequest(ctx, query)
    let sorted = ctx.state.transactions(ctx.user.uuid, 'updated', query.account_id)
    // since/until bound updated_at, the sort key: cut the range by binary search.
    if (query.since !== undefined || query.until !== undefined) {
      const start = query.until === undefined ? 0 : firstAtOrBefore(sorted, query.until)
      const end = query.since === undefined ? sorted.length : firstAtOrBefore(sorted, query.since)
      sorted = sorted.slice(start, Math.max(start, end))
    }
    const { min_date: minDate, max_date: maxDate } = query
    const filter =
      minDate === undefined && maxDate === undefined
        ? undefined
        : (tx: TransactionRecord) =>
            (minDate === undefined || tx.date >= minDate) && (maxDate === undefined || tx.date <= maxDate)
    return listResponse(ctx, sorted, transactionCursor, transactionView, {
      generatedAt: true,
      ...(filter ? { filter } : {}),
    })
  }),

  userRoute('GET', '/v3/aggregation/transactions/:id', shared.getTransaction),

  userRoute('GET', '/v3/aggregation/stocks', (ctx) => {
    const query = readQuery<{ account_id: number; since: number }>(ctx.query, {
      account_id: idQuery,
      since: instantQuery,
    })
    if ('property' in query) return badRequest(ctx, query)
    const { account_id: accountId, since } = query
    return shared.stocks(
      ctx,
      (s) =>
        (accountId === undefined || s.accountId === accountId) &&
        (since === undefined || s.updatedAt > since),
    )
  }),
  userRoute('GET', '/v3/aggregation/stocks/:id', shared.getStock),

  userRoute('GET', '/v3/aggregation/accounts-information', shared.accountsInformation),
]
