// 2021-06-01 user-level routes: Connect URLs, items and refresh, accounts, transactions, stocks.
import * as v from 'valibot'
import { aggregationHandlers, dateRange, startSession, withRecord } from '../common/aggregation.js'
import { dateQuery, instantQuery, listResponse, Optional, userPost, withQuery } from '../common/requests.js'
import { empty, iso, json, numericId, type Route, type UserRouteContext, userRoute } from '../http.js'
import type { Cursoring } from '../pagination.js'
import type { ItemRecord, SessionRecord, TransactionOrder, TransactionRecord } from '../state.js'
import { transactionView, v2View } from './views.js'

/**
 * User-level 2021-06-01 routes (bearer token): Bridge Connect URLs, items and their refresh,
 * accounts, account check, transactions (by date and updated), stocks.
 */

const ConnectBody = v.object({
  prefill_email: Optional(v.pipe(v.string(), v.includes('@'))),
  country: Optional(v.pipe(v.string(), v.regex(/^[a-z]{2}$/))),
  bank_id: Optional(v.pipe(v.number(), v.integer())),
  capabilities: Optional(v.array(v.string())),
  iban: Optional(v.string()),
  redirect_url: Optional(v.pipe(v.string(), v.url())),
  context: Optional(v.pipe(v.string(), v.maxLength(1000))),
})

/** Starts a Connect (or Manage) session; its URL completes it when opened (see `/_sandbox`). */
const connectUrl = (
  ctx: UserRouteContext,
  kind: SessionRecord['kind'],
  fields: Pick<SessionRecord, 'userEmail' | 'providerId' | 'itemId' | 'callbackUrl' | 'context'>,
): Response =>
  // 2021-06-01 aggregates every account of a connection.
  json(200, { redirect_url: startSession(ctx, { kind, accountTypes: 'all', ...fields }).url })

/** `redirect_url` and `context` from the query of the GET Connect URLs. */
const redirectFields = (query: URLSearchParams) => {
  const redirect = query.get('redirect_url')
  const context = query.get('context')
  return { ...(redirect ? { callbackUrl: redirect } : {}), ...(context ? { context } : {}) }
}

/** The Connect URL to re-authenticate an existing item (`item_id` required). */
const itemConnectUrl = (ctx: UserRouteContext): Response => {
  const raw = ctx.query.get('item_id')
  if (raw === null) return ctx.error(400, 'invalid_request', 'item_id is required')
  const itemId = numericId(raw)
  if (itemId === undefined || !ctx.state.find('item', ctx.user.uuid, itemId))
    return v2View.notFound(ctx, 'item', raw)
  return connectUrl(ctx, 'connect', { itemId, ...redirectFields(ctx.query) })
}

/** The Connect URL of a user-management flow (pro confirmation, IBAN management). */
const manageUrl = (ctx: UserRouteContext): Response =>
  connectUrl(ctx, 'user-management', redirectFields(ctx.query))

const shared = aggregationHandlers(v2View)

/**
 * A newest-first order on (`first`, id), with Bridge's cursor keys: `2023-07-16:36000070521211` by
 * date, `2023-07-24T16:14:56.342Z_36000070521538` by update.
 */
const newestFirst = (
  first: (tx: TransactionRecord) => string,
  separator: string,
): Cursoring<TransactionRecord> => ({
  key: (tx) => `${first(tx)}${separator}${tx.id}`,
  compare: (key, tx) => {
    const at = key.lastIndexOf(separator)
    const keyFirst = key.slice(0, at)
    const txFirst = first(tx)
    return keyFirst !== txFirst ? (keyFirst > txFirst ? -1 : 1) : tx.id - Number(key.slice(at + 1))
  },
  valid: (key) => key.lastIndexOf(separator) > 0 && /^\d+$/.test(key.slice(key.lastIndexOf(separator) + 1)),
})
const byDate = newestFirst((tx) => tx.date, ':')
const byUpdate = newestFirst((tx) => iso(tx.updatedAt), '_')

/** A user's transactions (of one account, or all), newest first by `order`. */
const transactions = (
  ctx: UserRouteContext,
  order: TransactionOrder,
  accountId: number | undefined,
  filter: ((tx: TransactionRecord) => boolean) | undefined,
): Response =>
  listResponse(
    ctx,
    ctx.state.transactions(ctx.user.uuid, order, accountId),
    order === 'date' ? byDate : byUpdate,
    transactionView,
    { generatedAt: true, filter },
  )

/** `GET …/transactions`: by date, newest first; `since`/`until` are days. */
const datedTransactions = (accountId?: number) =>
  withQuery({ since: dateQuery, until: dateQuery }, (ctx: UserRouteContext, { since, until }) =>
    transactions(ctx, 'date', accountId, dateRange(since, until)),
  )

/**
 * `GET …/transactions/updated`: by `updated_at`, newest first, deleted rows included; `since` is an instant.
 */
const updatedTransactions = (accountId?: number) =>
  withQuery({ since: instantQuery }, (ctx: UserRouteContext, { since }) =>
    transactions(ctx, 'updated', accountId, since === undefined ? undefined : (tx) => tx.updatedAt > since),
  )

/** The refresh status of each item status that has its own (every other one is `finished_error`). */
const REFRESH_STATUS: Record<number, string> = { 0: 'finished', 402: 'invalid_creds', 1010: 'info_required' }

/** A transaction list of the account the path's `:id` names (its 404 otherwise). */
const ofAccount = (list: (accountId: number) => (ctx: UserRouteContext) => Response) =>
  withRecord(v2View, 'account', (ctx, account) => list(account.id)(ctx))

/** Refresh progress as 2021-06-01 reports it, from the item's status. */
const refreshStatus = (item: ItemRecord) => {
  const at = item.lastTryRefresh ?? item.createdAt
  const status = REFRESH_STATUS[item.status] ?? 'finished_error'
  return {
    id: String(at),
    status,
    refreshed_at: iso(at),
    mfa:
      status === 'info_required'
        ? {
            type: 'SMS',
            description: 'Enter the code your bank sent you by SMS',
            label: 'Code',
            is_numeric: true,
          }
        : null,
    refreshed_accounts_count: null,
    total_accounts_count: null,
  }
}

/** The user-level 2021-06-01 routes. */
export const aggregationRoutes: readonly Route[] = [
  userPost('/v2/connect/items/add', ConnectBody, (ctx, b) =>
    connectUrl(ctx, 'connect', {
      ...(b.prefill_email === undefined ? {} : { userEmail: b.prefill_email }),
      ...(b.bank_id === undefined ? {} : { providerId: b.bank_id }),
      ...(b.redirect_url === undefined ? {} : { callbackUrl: b.redirect_url }),
      ...(b.context === undefined ? {} : { context: b.context }),
    }),
  ),
  userRoute('GET', '/v2/connect/items/edit', itemConnectUrl),
  userRoute('GET', '/v2/connect/items/sync', itemConnectUrl),
  userRoute('GET', '/v2/connect/items/pro/confirmation', manageUrl),
  userRoute('GET', '/v2/connect/manage/accounts/iban', manageUrl),

  userRoute('GET', '/v2/items', shared.listItems),
  userRoute('GET', '/v2/items/:id', shared.getItem),
  userRoute('DELETE', '/v2/items/:id', shared.deleteItem),
  userRoute(
    'POST',
    '/v2/items/:id/refresh',
    withRecord(v2View, 'item', (ctx, item) => {
      ctx.state.refreshItem(ctx.user.uuid, item.id)
      return empty(202, { location: `/v2/items/${item.id}/refresh/status` })
    }),
  ),
  userRoute(
    'GET',
    '/v2/items/:id/refresh/status',
    withRecord(v2View, 'item', (_ctx, item) => json(200, refreshStatus(item))),
  ),

  userRoute('GET', '/v2/accounts', shared.listAccounts),
  userRoute('GET', '/v2/accounts/:id', shared.getAccount),
  userRoute('GET', '/v2/accounts/:id/transactions', ofAccount(datedTransactions)),
  userRoute('GET', '/v2/accounts/:id/transactions/updated', ofAccount(updatedTransactions)),
  userRoute('GET', '/v2/accounts-information', shared.accountsInformation),

  userRoute('GET', '/v2/transactions', datedTransactions()),
  // Registered before /v2/transactions/:id, which would otherwise take "updated" as an id.
  userRoute('GET', '/v2/transactions/updated', updatedTransactions()),
  userRoute('GET', '/v2/transactions/:id', shared.getTransaction),

  userRoute('GET', '/v2/stocks', (ctx) => shared.stocks(ctx)),
  userRoute(
    'GET',
    '/v2/stocks/updated',
    withQuery({ since: instantQuery }, (ctx: UserRouteContext, { since }) =>
      shared.stocks(ctx, since === undefined ? undefined : (s) => s.updatedAt > since),
    ),
  ),
  userRoute('GET', '/v2/stocks/:id', shared.getStock),
]
