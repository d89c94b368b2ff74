// 2025-01-15 user-level aggregation routes: Connect sessions, items, accounts, transactions, stocks.
import * as v from 'valibot'
import { CONNECT_COUNTRIES } from '../../common/connect-countries.js'
import { aggregationHandlers, dateRange, startSession } from '../common/aggregation.js'
import {
  dateQuery,
  idQuery,
  instantQuery,
  listResponse,
  notFoundForUser,
  Optional,
  withBody,
  withQuery,
} from '../common/requests.js'
import { defined, json, type Route, type UserRouteContext, userRoute } from '../http.js'
import { type Cursoring, partitionPoint } from '../pagination.js'
import type { TransactionRecord } from '../state.js'
import { transactionView, v3View } from './views.js'

/**
 * User-level aggregation routes (bearer token): Connect and user-management sessions, items,
 * accounts, transactions, stocks, account check.
 */

const ConnectSessionBody = v.object({
  user_email: Optional(v.pipe(v.string(), v.email())),
  country_code: Optional(v.picklist(CONNECT_COUNTRIES)),
  capabilities: Optional(v.array(v.string())),
  allow_account_selection: Optional(v.boolean()),
  max_selectable_accounts: Optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  callback_url: Optional(v.pipe(v.string(), v.url())),
  context: Optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{1,100}$/))),
  account_types: Optional(v.unknown()),
  provider_id: Optional(v.pipe(v.number(), v.integer())),
  item_id: Optional(v.pipe(v.number(), v.integer())),
  force_reauthentication: Optional(v.boolean()),
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

/** The first index whose `updated_at` is ≤ `ms` in a newest-first list. */
const firstAtOrBefore = (sorted: readonly TransactionRecord[], ms: number): number =>
  partitionPoint(sorted, (tx) => tx.updatedAt > ms)

const shared = aggregationHandlers(v3View)

/** The fields both session kinds take from their body (`account_types` default `payment`). */
const sessionFields = (b: v.InferOutput<typeof UserSessionBody>) => ({
  accountTypes: isAccountTypes(b.account_types) ? b.account_types : ('payment' as const),
  ...defined({ userEmail: b.user_email, callbackUrl: b.callback_url, context: b.context }),
})

/**
 * A session route: `account_types` must be `payment` or `all` (checked first; Bridge names the error
 * after the session kind), then the body is validated and `start` answers.
 */
const sessionRoute = <S extends typeof UserSessionBody | typeof ConnectSessionBody>(
  pattern: string,
  schema: S,
  prefix: 'connect_session' | 'user_session',
  start: (ctx: UserRouteContext, body: v.InferOutput<S>) => Response,
): Route =>
  userRoute('POST', pattern, (ctx) => {
    const raw = (ctx.body ?? {}) as Record<string, unknown>
    if (raw.account_types != null && !isAccountTypes(raw.account_types))
      return ctx.error(
        400,
        `${prefix}.account_types_invalid`,
        'The account_types parameter is invalid. It should be payment or all.',
        'account_types',
      )
    return withBody(schema, start)(ctx)
  })

export const aggregationRoutes: readonly Route[] = [
  sessionRoute('/v3/aggregation/connect-sessions', ConnectSessionBody, 'connect_session', (ctx, b) => {
    if (b.item_id !== undefined && !ctx.state.find('item', ctx.user.uuid, b.item_id))
      return notFoundForUser(ctx, 'item', String(b.item_id))
    return json(
      201,
      startSession(ctx, {
        kind: 'connect',
        ...sessionFields(b),
        ...defined({ providerId: b.provider_id, itemId: b.item_id }),
      }),
    )
  }),

  sessionRoute('/v3/aggregation/user-management-sessions', UserSessionBody, 'user_session', (ctx, b) =>
    json(201, startSession(ctx, { kind: 'user-management', ...sessionFields(b) })),
  ),

  userRoute('GET', '/v3/aggregation/items', shared.listItems),
  userRoute('GET', '/v3/aggregation/items/:id', shared.getItem),
  userRoute('DELETE', '/v3/aggregation/items/:id', shared.deleteItem),
  userRoute('GET', '/v3/aggregation/accounts', shared.listAccounts),
  userRoute('GET', '/v3/aggregation/accounts/:id', shared.getAccount),

  userRoute(
    'GET',
    '/v3/aggregation/transactions',
    withQuery(
      {
        account_id: idQuery,
        since: instantQuery,
        until: instantQuery,
        min_date: dateQuery,
        max_date: dateQuery,
      },
      (ctx: UserRouteContext, query) => {
        let sorted = ctx.state.transactions(ctx.user.uuid, 'updated', query.account_id)
        // since/until bound updated_at, the sort key: cut the range by binary search.
        if (query.since !== undefined || query.until !== undefined) {
          const start = query.until === undefined ? 0 : firstAtOrBefore(sorted, query.until)
          const end = query.since === undefined ? sorted.length : firstAtOrBefore(sorted, query.since)
          sorted = sorted.slice(start, Math.max(start, end))
        }
        return listResponse(ctx, sorted, transactionCursor, transactionView, {
          generatedAt: true,
          filter: dateRange(query.min_date, query.max_date),
        })
      },
    ),
  ),

  userRoute('GET', '/v3/aggregation/transactions/:id', shared.getTransaction),

  userRoute(
    'GET',
    '/v3/aggregation/stocks',
    withQuery({ account_id: idQuery, since: instantQuery }, (ctx: UserRouteContext, { account_id, since }) =>
      shared.stocks(
        ctx,
        (s) =>
          (account_id === undefined || s.accountId === account_id) &&
          (since === undefined || s.updatedAt > since),
      ),
    ),
  ),
  userRoute('GET', '/v3/aggregation/stocks/:id', shared.getStock),

  userRoute('GET', '/v3/aggregation/accounts-information', shared.accountsInformation),
]
