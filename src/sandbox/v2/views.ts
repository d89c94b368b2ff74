// How 2021-06-01 writes each record as JSON (`null` for absent values, `bank_id`, `is_*` flags).
import { KNOWN_ACCOUNT_TYPES } from '../../common/account-types.js'
import { loanDetails, type VersionView } from '../common/aggregation.js'
import { ITEM_STATUSES } from '../connect.js'
import { iso } from '../http.js'
import type { AccountRecord, ItemRecord, StockRecord, TransactionRecord, UserRecord } from '../state.js'

/**
 * Records as 2021-06-01 JSON: absent values are `null` (this version sends every key), banks are
 * `bank_id`, and flags are `is_deleted`, `is_future`, `is_pro`, `is_paused`.
 */

/** Legacy users show their e-mail; the others `external_user_id` (`null` when none was set). */
export const userView = (user: UserRecord) =>
  user.email !== undefined
    ? { uuid: user.uuid, email: user.email }
    : { uuid: user.uuid, external_user_id: user.externalUserId ?? null }

/** `status_code_info` as 2021-06-01 spells it (`OK` for 0) and the localised description. */
const statusFields = (status: number, language: string | undefined) => {
  const known = ITEM_STATUSES[status]
  return {
    status,
    status_code_info: status === 0 ? 'OK' : (known?.info ?? null),
    status_code_description:
      status === 0 ? null : ((language === 'fr' ? known?.fr : undefined) ?? known?.en ?? null),
  }
}

/** An item, with `bank_id`. */
export const itemView = (item: ItemRecord, language: string | undefined) => ({
  id: item.id,
  ...statusFields(item.status, language),
  bank_id: item.providerId,
})

/** Account types the 2021-06-01 enum has; anything else the generator makes is `checking`. */
const V2_TYPES = new Set<string>(KNOWN_ACCOUNT_TYPES)

/** An account, with its item's status and `null` for absent details. */
export const accountView = (
  account: AccountRecord,
  item: ItemRecord | undefined,
  language: string | undefined,
) => ({
  id: account.id,
  name: account.name,
  balance: account.balance,
  ...statusFields(item?.status ?? 0, language),
  updated_at: iso(account.updatedAt),
  type: V2_TYPES.has(account.type) ? account.type : 'checking',
  is_paused: account.dataAccess === 'disabled',
  currency_code: account.currencyCode,
  item_id: account.itemId,
  bank_id: account.providerId,
  loan_details: account.loan ? { ...loanDetails(account.loan), type: account.loan.type ?? null } : null,
  savings_details: null,
  is_pro: account.pro,
  iban: account.iban ?? null,
})

/** A transaction, with `bank_description`, `is_deleted`, `is_future`. */
export const transactionView = (tx: TransactionRecord) => ({
  id: tx.id,
  clean_description: tx.cleanDescription,
  bank_description: tx.providerDescription,
  amount: tx.amount,
  date: tx.date,
  // Bridge leaves these keys out when the bank does not give them ("might not show").
  ...(tx.bookingDate === undefined ? {} : { booking_date: tx.bookingDate }),
  ...(tx.transactionDate === undefined ? {} : { transaction_date: tx.transactionDate }),
  ...(tx.valueDate === undefined ? {} : { value_date: tx.valueDate }),
  updated_at: iso(tx.updatedAt),
  currency_code: tx.currencyCode,
  category_id: tx.categoryId ?? null,
  account_id: tx.accountId,
  show_client_side: true,
  is_deleted: tx.deleted,
  is_future: tx.future,
})

/** A stock, with `is_deleted`. */
export const stockView = (stock: StockRecord) => ({
  id: stock.id,
  current_price: stock.currentPrice,
  quantity: stock.quantity,
  total_value: Math.round(stock.currentPrice * stock.quantity * 100) / 100,
  average_purchase_price: stock.averagePurchasePrice,
  updated_at: iso(stock.updatedAt),
  ticker: stock.ticker,
  stock_key: `${stock.isin}-${stock.marketplace}`,
  created_at: iso(stock.createdAt),
  isin: stock.isin,
  currency_code: stock.currencyCode,
  marketplace: stock.marketplace,
  label: stock.label,
  value_date: stock.valueDate,
  is_deleted: false,
  account_id: stock.accountId,
})

/** The 2021-06-01 JSON of the records the shared routes serve. */
export const v2View: VersionView = {
  user: userView,
  item: (item, ctx) => itemView(item, ctx.language),
  // With its item, for the item's status.
  account: (account, ctx) =>
    accountView(account, ctx.state.find('item', ctx.user.uuid, account.itemId), ctx.language),
  transaction: transactionView,
  stock: stockView,
  listsGeneratedAt: false,
  accountInformation: ['id', 'name', 'type', 'currency_code', 'bank_id', 'iban'],
  notFound: (ctx, resource) => ctx.error(404, 'not_found', `No ${resource} found`),
}
