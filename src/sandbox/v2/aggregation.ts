import * as v from 'valibot'
import { empty, iso, json, numericId, type Route, type UserRouteContext, userRoute } from '../http.js'
import { byNumber, type Cursoring } from '../pagination.js'
import type { AccountRecord, ItemRecord, SessionRecord, StockRecord, TransactionRecord } from '../state.js'
import {
  badRequest,
  dateQuery,
  idQuery,
  instantQuery,
  listResponse,
  readBody,
  readQuery,
} from '../v3/common.js'
import { accountView, itemView, stockView, transactionView } from './views.js'

/**
 * User-level 2021-06-01 routes (bearer token): Bridge Connect URLs, items and their refresh,
 * accounts, account check, transactions (by date and updated), stocks.
 */

const ConnectBody = v.object({
  prefill_email: v.optional(v.pipe(v.string(), v.includes('@'))),
  country: v.optional(v.pipe(v.string(), v.regex(/^[a-z]{2}$/))),
  bank_id: v.optional(v.pipe(v.number(), v.integer())),
  capabilities: v.optional(v.array(v.string())),
  iban: v.optional(v.string()),
  redirect_url: v.optional(v.pipe(v.string(), v.url())),
  context: v.optional(v.pipe(v.string(), v.maxLength(1000))),
})

/** Starts a Connect (or Manage) session; its URL completes it when opened (see `/_sandbox`). */
const connectUrl = (
  ctx: UserRouteContext,
  kind: SessionRecord['kind'],
  fields: Omit<SessionRecord, 'id' | 'kind' | 'userUuid' | 'createdAt' | 'accountTypes'>,
): Response => {
  const session: SessionRecord = {
    id: ctx.rng.uuid(),
    kind,
    userUuid: ctx.user.uuid,
    createdAt: ctx.clock.now(),
    // 2021-06-01 aggregates every account of a connection.
    accountTypes: 'all',
    ...fields,
  }
  ctx.state.sessions.set(session.id, session)
  const where = kind === 'connect' ? 'session' : 'user'
  return json(200, { redirect_url: `${ctx.origin}/_sandbox/connect/${where}/${session.id}` })
}

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
  if (itemId === undefined || !ctx.state.item(ctx.user.uuid, itemId)) return notFound(ctx, 'item')
  return connectUrl(ctx, 'connect', { itemId, ...redirectFields(ctx.query) })
}

const notFound = (ctx: UserRouteContext, resource: string) =>
  ctx.error(404, 'not_found', `No ${resource} found`)

const withId = <T>(
  ctx: UserRouteContext,
  resource: string,
  find: (id: number) => T | undefined,
  answer: (record: T) => Response,
): Response => {
  const id = numericId(ctx.params.id)
  const record = id === undefined ? undefined : find(id)
  return record === undefined ? notFound(ctx, resource) : answer(record)
}

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

/** `GET …/transactions`: by date, newest first; `since`/`until` are days. */
const datedTransactions = (ctx: UserRouteContext, accountId?: number): Response => {
  const query = readQuery<{ since: string; until: string }>(ctx.query, { since: dateQuery, until: dateQuery })
  if ('property' in query) return badRequest(ctx, query)
  const { since, until } = query
  const filter =
    since === undefined && until === undefined
      ? undefined
      : (tx: TransactionRecord) =>
          (since === undefined || tx.date >= since) && (until === undefined || tx.date <= until)
  return listResponse(
    ctx,
    ctx.state.transactions(ctx.user.uuid, 'date', accountId),
    byDate,
    transactionView,
    {
      generatedAt: true,
      ...(filter ? { filter } : {}),
    },
  )
}

/**
 * `GET …/transactions/updated`: by `updated_at`, newest first, deleted rows included; `since` is an instant.
 */
const updatedTransactions = (ctx: UserRouteContext, accountId?: number): Response => {
  const query = readQuery<{ since: number }>(ctx.query, { since: instantQuery })
  if ('property' in query) return badRequest(ctx, query)
  const { since } = query
  return listResponse(
    ctx,
    ctx.state.transactions(ctx.user.uuid, 'updated', accountId),
    byUpdate,
    transactionView,
    {
      generatedAt: true,
      ...(since === undefined ? {} : { filter: (tx: TransactionRecord) => tx.updatedAt > since }),
    },
  )
}

/** The account in the path, or a 404 answer. */
const pathAccount = (ctx: UserRouteContext): AccountRecord | Response => {
  const id = numericId(ctx.params.id)
  const account = id === undefined ? undefined : ctx.state.account(ctx.user.uuid, id)
  return account ?? notFound(ctx, 'account')
}

/** Refresh progress as 2021-06-01 reports it, from the item's status. */
const refreshStatus = (item: ItemRecord) => {
  const at = item.lastTryRefresh ?? item.createdAt
  const status =
    item.status === 0
      ? 'finished'
      : item.status === 402
        ? 'invalid_creds'
        : item.status === 1010
          ? 'info_required'
          : 'finished_error'
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

const accountOf = (ctx: UserRouteContext) => (account: AccountRecord) =>
  accountView(account, ctx.state.item(ctx.user.uuid, account.itemId), ctx.language)

/** The user-level 2021-06-01 routes. */
export const aggregationRoutes: readonly Route[] = [
  userRoute('POST', '/v2/connect/items/add', (ctx) => {
    const body = readBody(ctx, ConnectBody)
    if (!body.ok) return body.response
    const b = body.value
    return connectUrl(ctx, 'connect', {
      ...(b.prefill_email === undefined ? {} : { userEmail: b.prefill_email }),
      ...(b.bank_id === undefined ? {} : { providerId: b.bank_id }),
      ...(b.redirect_url === undefined ? {} : { callbackUrl: b.redirect_url }),
      ...(b.context === undefined ? {} : { context: b.context }),
    })
  }),
  userRoute('GET', '/v2/connect/items/edit', itemConnectUrl),
  userRoute('GET', '/v2/connect/items/sync', itemConnectUrl),
  userRoute('GET', '/v2/connect/items/pro/confirmation', (ctx) =>
    connectUrl(ctx, 'user-management', redirectFields(ctx.query)),
  ),
  userRoute('GET', '/v2/connect/manage/accounts/iban', (ctx) =>
    connectUrl(ctx, 'user-management', redirectFields(ctx.query)),
  ),

  userRoute('GET', '/v2/items', (ctx) =>
    listResponse(
      ctx,
      ctx.state.items(ctx.user.uuid),
      byNumber((item: ItemRecord) => item.id),
      (item) => itemView(item, ctx.language),
    ),
  ),
  userRoute('GET', '/v2/items/:id', (ctx) =>
    withId(
      ctx,
      'item',
      (id) => ctx.state.item(ctx.user.uuid, id),
      (item) => json(200, itemView(item, ctx.language)),
    ),
  ),
  userRoute('DELETE', '/v2/items/:id', (ctx) =>
    withId(
      ctx,
      'item',
      (id) => ctx.state.item(ctx.user.uuid, id),
      (item) => {
        ctx.state.deleteItem(item.id)
        return empty(204)
      },
    ),
  ),
  userRoute('POST', '/v2/items/:id/refresh', (ctx) =>
    withId(
      ctx,
      'item',
      (id) => ctx.state.item(ctx.user.uuid, id),
      (item) => {
        const now = ctx.clock.now()
        item.lastTryRefresh = now
        if (item.status === 0) item.lastSuccessfulRefresh = now
        return empty(202, { location: `/v2/items/${item.id}/refresh/status` })
      },
    ),
  ),
  userRoute('GET', '/v2/items/:id/refresh/status', (ctx) =>
    withId(
      ctx,
      'item',
      (id) => ctx.state.item(ctx.user.uuid, id),
      (item) => json(200, refreshStatus(item)),
    ),
  ),

  userRoute('GET', '/v2/accounts', (ctx) => {
    const query = readQuery<{ item_id: number }>(ctx.query, { item_id: idQuery })
    if ('property' in query) return badRequest(ctx, query)
    return listResponse(
      ctx,
      ctx.state.accounts(ctx.user.uuid, query.item_id),
      byNumber((account: AccountRecord) => account.id),
      accountOf(ctx),
    )
  }),
  userRoute('GET', '/v2/accounts/:id', (ctx) => {
    const account = pathAccount(ctx)
    return account instanceof Response ? account : json(200, accountOf(ctx)(account))
  }),
  userRoute('GET', '/v2/accounts/:id/transactions', (ctx) => {
    const account = pathAccount(ctx)
    return account instanceof Response ? account : datedTransactions(ctx, account.id)
  }),
  userRoute('GET', '/v2/accounts/:id/transactions/updated', (ctx) => {
    const account = pathAccount(ctx)
    return account instanceof Response ? account : updatedTransactions(ctx, account.id)
  }),
  userRoute('GET', '/v2/accounts-information', (ctx) =>
    json(200, {
      resources: ctx.state
        .items(ctx.user.uuid)
        .map((item) => ({
          item_id: item.id,
          first_name: item.holder.firstName,
          last_name: item.holder.lastName,
          accounts: ctx.state
            .accounts(ctx.user.uuid, item.id)
            .filter((a) => a.iban !== undefined)
            .map((a) => ({
              id: a.id,
              name: a.name,
              type: accountOf(ctx)(a).type,
              currency_code: a.currencyCode,
              bank_id: a.providerId,
              iban: a.iban,
            })),
        }))
        .filter((entry) => entry.accounts.length > 0),
    }),
  ),

  userRoute('GET', '/v2/transactions', (ctx) => datedTransactions(ctx)),
  // Registered before /v2/transactions/:id, which would otherwise take "updated" as an id.
  userRoute('GET', '/v2/transactions/updated', (ctx) => updatedTransactions(ctx)),
  userRoute('GET', '/v2/transactions/:id', (ctx) =>
    withId(
      ctx,
      'transaction',
      (id) => ctx.state.transaction(ctx.user.uuid, id),
      (tx) => json(200, transactionView(tx)),
    ),
  ),

  userRoute('GET', '/v2/stocks', (ctx) =>
    listResponse(
      ctx,
      ctx.state.stocks(ctx.user.uuid),
      byNumber((s: StockRecord) => s.id),
      stockView,
    ),
  ),
  userRoute('GET', '/v2/stocks/updated', (ctx) => {
    const query = readQuery<{ since: number }>(ctx.query, { since: instantQuery })
    if ('property' in query) return badRequest(ctx, query)
    const { since } = query
    return listResponse(
      ctx,
      ctx.state.stocks(ctx.user.uuid),
      byNumber((s: StockRecord) => s.id),
      stockView,
      since === undefined ? {} : { filter: (s) => s.updatedAt > since },
    )
  }),
  userRoute('GET', '/v2/stocks/:id', (ctx) =>
    withId(
      ctx,
      'stock',
      (id) => ctx.state.stock(ctx.user.uuid, id),
      (stock) => json(200, stockView(stock)),
    ),
  ),
]
