// Aggregation route handlers (items, accounts, transactions, stocks, Connect) shared by both API versions.
import { empty, iso, json, numericId, type RouteContext, type UserRouteContext } from '../http.js'
import { byId, byNumber } from '../pagination.js'
import type {
  AccountRecord,
  ItemRecord,
  LoanRecord,
  OwnedKind,
  OwnedRecords,
  SessionRecord,
  StockRecord,
  TransactionRecord,
  UserRecord,
} from '../state.js'
import { idQuery, listResponse, withQuery } from './requests.js'

/**
 * The aggregation routes both API versions have (items, accounts, transactions, stocks, account
 * check, Connect sessions), written once over a {@link VersionView}: what differs between versions is
 * the JSON of each record and the wording of a 404, not the logic.
 */

/** How one API version writes the records the shared routes serve. */
export interface VersionView {
  readonly user: (user: UserRecord) => unknown
  readonly item: (item: ItemRecord, ctx: UserRouteContext) => unknown
  readonly account: (account: AccountRecord, ctx: UserRouteContext) => unknown
  readonly transaction: (tx: TransactionRecord) => unknown
  readonly stock: (stock: StockRecord) => unknown
  /** Whether its item and account lists have `generated_at`. */
  readonly listsGeneratedAt: boolean
  /** The keys of its account JSON that the account check (`accounts-information`) lists, in order. */
  readonly accountInformation: readonly string[]
  /** The 404 of a user's record that does not exist (or is another user's). */
  readonly notFound: (ctx: UserRouteContext, resource: OwnedKind, id: string) => Response
}

/** A handler for the user's record named by the path's `:id`, or the version's 404. */
export const withRecord =
  <K extends OwnedKind>(
    view: VersionView,
    kind: K,
    answer: (ctx: UserRouteContext, record: OwnedRecords[K]) => Response,
  ) =>
  (ctx: UserRouteContext): Response => {
    const raw = ctx.params.id as string
    const id = numericId(raw)
    const record = id === undefined ? undefined : ctx.state.find(kind, ctx.user.uuid, id)
    return record === undefined ? view.notFound(ctx, kind, raw) : answer(ctx, record)
  }

/** The shared aggregation handlers, as a version writes them. */
export const aggregationHandlers = (view: VersionView) => ({
  listItems: (ctx: UserRouteContext) =>
    listResponse(ctx, ctx.state.items(ctx.user.uuid), byId, (item) => view.item(item, ctx), {
      generatedAt: view.listsGeneratedAt,
    }),
  getItem: withRecord(view, 'item', (ctx, item) => json(200, view.item(item, ctx))),
  deleteItem: withRecord(view, 'item', (ctx, item) => {
    ctx.state.deleteItem(item.id)
    return empty(204)
  }),
  /** Accounts, optionally of one `item_id`. */
  listAccounts: withQuery({ item_id: idQuery }, (ctx: UserRouteContext, query) =>
    listResponse(
      ctx,
      ctx.state.accounts(ctx.user.uuid, query.item_id),
      byId,
      (account) => view.account(account, ctx),
      { generatedAt: view.listsGeneratedAt },
    ),
  ),
  getAccount: withRecord(view, 'account', (ctx, account) => json(200, view.account(account, ctx))),
  getTransaction: withRecord(view, 'transaction', (_ctx, tx) => json(200, view.transaction(tx))),
  getStock: withRecord(view, 'stock', (_ctx, stock) => json(200, view.stock(stock))),
  /** Stocks newest id last, optionally updated after `since` (ms). */
  stocks: (ctx: UserRouteContext, filter?: (stock: StockRecord) => boolean) =>
    listResponse(ctx, ctx.state.stocks(ctx.user.uuid), byId, view.stock, { filter }),
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
            .map((a) => {
              const json = view.account(a, ctx) as Record<string, unknown>
              return Object.fromEntries(view.accountInformation.map((key) => [key, json[key]]))
            }),
        }))
        .filter((entry) => entry.accounts.length > 0),
    }),
})

/** A loan account's `loan_details`, as both versions name them (each adds or changes its own). */
export const loanDetails = (loan: LoanRecord) => ({
  next_payment_date: loan.nextPaymentDate,
  next_payment_amount: loan.nextPaymentAmount,
  maturity_date: loan.maturityDate,
  opening_date: loan.openingDate,
  interest_rate: loan.interestRate,
  type: loan.type,
  borrowed_capital: loan.borrowedCapital,
  repaid_capital: loan.repaidCapital,
  remaining_capital: loan.remainingCapital,
})

/** Keeps transactions dated from `min` to `max` (`YYYY-MM-DD`, each optional); none when neither is given. */
export const dateRange = (min?: string, max?: string) =>
  min === undefined && max === undefined
    ? undefined
    : (tx: TransactionRecord) =>
        (min === undefined || tx.date >= min) && (max === undefined || tx.date <= max)

/** Starts a Connect (or user-management) session; returns its URL, which completes it when opened. */
export const startSession = (
  ctx: UserRouteContext,
  fields: Omit<SessionRecord, 'id' | 'userUuid' | 'createdAt' | 'completedItemId'>,
): { id: string; url: string } => {
  const session = ctx.state.addSession({ id: ctx.rng.uuid(), userUuid: ctx.user.uuid, ...fields })
  const where = session.kind === 'connect' ? 'session' : 'user'
  return { id: session.id, url: `${ctx.origin}/_sandbox/connect/${where}/${session.id}` }
}

const bySeq = byNumber((user: UserRecord) => user.seq)

/** Users by creation order (both versions list them alike). */
export const listUsers = (view: VersionView) => (ctx: RouteContext) =>
  listResponse(ctx, ctx.state.listUsers(), bySeq, view.user)

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
