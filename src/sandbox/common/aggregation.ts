import { empty, iso, json, numericId, type RouteContext, type UserRouteContext } from '../http.js'
import { byNumber } from '../pagination.js'
import type {
  AccountRecord,
  ItemRecord,
  SessionRecord,
  StockRecord,
  TransactionRecord,
  UserRecord,
} from '../state.js'
import { badRequest, idQuery, listResponse, readQuery } from './requests.js'

/**
 * The aggregation routes both API versions have (items, accounts, transactions, stocks, account
 * check, Connect sessions), written once over a {@link VersionView}: what differs between versions is
 * the JSON of each record and the wording of a 404, not the logic.
 */

/** A user-level record a path can name. */
export type UserResource = 'item' | 'account' | 'transaction' | 'stock'

/** How one API version writes the records the shared routes serve. */
export interface VersionView {
  readonly user: (user: UserRecord) => unknown
  readonly item: (item: ItemRecord, ctx: UserRouteContext) => unknown
  readonly account: (account: AccountRecord, ctx: UserRouteContext) => unknown
  readonly transaction: (tx: TransactionRecord) => unknown
  readonly stock: (stock: StockRecord) => unknown
  /** One account of the account check (`accounts-information`). */
  readonly accountInformation: (account: AccountRecord, ctx: UserRouteContext) => unknown
  /** The 404 of a user's record that does not exist (or is another user's). */
  readonly notFound: (ctx: UserRouteContext, resource: UserResource, id: string) => Response
}

const FIND: { [R in UserResource]: (ctx: UserRouteContext, id: number) => unknown } = {
  item: (ctx, id) => ctx.state.item(ctx.user.uuid, id),
  account: (ctx, id) => ctx.state.account(ctx.user.uuid, id),
  transaction: (ctx, id) => ctx.state.transaction(ctx.user.uuid, id),
  stock: (ctx, id) => ctx.state.stock(ctx.user.uuid, id),
}

interface Records {
  item: ItemRecord
  account: AccountRecord
  transaction: TransactionRecord
  stock: StockRecord
}

/** A handler for the user's record named by the path's `:id`, or the version's 404. */
export const withRecord =
  <R extends UserResource>(
    view: VersionView,
    resource: R,
    answer: (ctx: UserRouteContext, record: Records[R]) => Response,
  ) =>
  (ctx: UserRouteContext): Response => {
    const raw = ctx.params.id as string
    const id = numericId(raw)
    const record = id === undefined ? undefined : (FIND[resource](ctx, id) as Records[R] | undefined)
    return record === undefined ? view.notFound(ctx, resource, raw) : answer(ctx, record)
  }

/** Options of a list route: whether the page has `generated_at`. */
interface ListOptions {
  readonly generatedAt?: boolean
}

/** The shared aggregation handlers, as a version writes them. */
export const aggregationHandlers = (view: VersionView) => ({
  listItems:
    (options: ListOptions = {}) =>
    (ctx: UserRouteContext) =>
      listResponse(
        ctx,
        ctx.state.items(ctx.user.uuid),
        byNumber((item: ItemRecord) => item.id),
        (item) => view.item(item, ctx),
        options,
      ),
  getItem: withRecord(view, 'item', (ctx, item) => json(200, view.item(item, ctx))),
  deleteItem: withRecord(view, 'item', (ctx, item) => {
    ctx.state.deleteItem(item.id)
    return empty(204)
  }),
  /** Accounts, optionally of one `item_id`. */
  listAccounts:
    (options: ListOptions = {}) =>
    (ctx: UserRouteContext) => {
      const query = readQuery<{ item_id: number }>(ctx.query, { item_id: idQuery })
      if ('property' in query) return badRequest(ctx, query)
      return listResponse(
        ctx,
        ctx.state.accounts(ctx.user.uuid, query.item_id),
        byNumber((account: AccountRecord) => account.id),
        (account) => view.account(account, ctx),
        options,
      )
    },
  getAccount: withRecord(view, 'account', (ctx, account) => json(200, view.account(account, ctx))),
  getTransaction: withRecord(view, 'transaction', (_ctx, tx) => json(200, view.transaction(tx))),
  getStock: withRecord(view, 'stock', (_ctx, stock) => json(200, view.stock(stock))),
  /** Stocks newest id last, optionally updated after `since` (ms). */
  stocks: (ctx: UserRouteContext, filter?: (stock: StockRecord) => boolean) =>
    listResponse(
      ctx,
      ctx.state.stocks(ctx.user.uuid),
      byNumber((stock: StockRecord) => stock.id),
      view.stock,
      filter ? { filter } : {},
    ),
  /** The account check: per item, its holder and the accounts that have an IBAN. */
  accountsInformation: (ctx: UserRouteContext) =>
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
            .map((a) => view.accountInformation(a, ctx)),
        }))
        .filter((entry) => entry.accounts.length > 0),
    }),
})

/** Starts a Connect (or user-management) session; returns its URL, which completes it when opened. */
export const startSession = (
  ctx: UserRouteContext,
  fields: Omit<SessionRecord, 'id' | 'userUuid' | 'createdAt' | 'completedItemId'>,
): { id: string; url: string } => {
  const session = ctx.state.addSession({ id: ctx.rng.uuid(), userUuid: ctx.user.uuid, ...fields })
  const where = session.kind === 'connect' ? 'session' : 'user'
  return { id: session.id, url: `${ctx.origin}/_sandbox/connect/${where}/${session.id}` }
}

/** Users by creation order (both versions list them alike). */
export const listUsers = (view: VersionView) => (ctx: RouteContext) =>
  listResponse(
    ctx,
    ctx.state.listUsers(),
    byNumber((user: UserRecord) => user.seq),
    view.user,
  )

/** A new access token for the user, as both versions answer it (`status`: 201 or 200). */
export const tokenResponse = (ctx: RouteContext, view: VersionView, user: UserRecord, status: number) => {
  const token = ctx.state.issueToken(user.uuid)
  return json(status, {
    access_token: token.accessToken,
    expires_at: iso(token.expiresAt),
    user: view.user(user),
  })
}

/**
 * Creates a user with an optional `external_user_id`, unique (409 `conflict` otherwise: 2021-06-01
 * documents it; for 2025-01-15 the sandbox enforces it so tokens by external id are unambiguous).
 */
export const createUser = (ctx: RouteContext, view: VersionView, externalUserId: string | undefined) =>
  externalUserId !== undefined && ctx.state.findUserBy('externalUserId', externalUserId)
    ? ctx.error(409, 'conflict', `User '${externalUserId}' already exists`)
    : json(201, view.user(ctx.state.createUser(externalUserId === undefined ? {} : { externalUserId })))
