// How 2025-01-15 writes each record as JSON (absent values omitted).
import { loanDetails, type VersionView } from '../common/aggregation.js'
import { notFoundForUser } from '../common/requests.js'
import { ITEM_STATUSES } from '../connect.js'
import { iso } from '../http.js'
import type { AccountRecord, ItemRecord, StockRecord, TransactionRecord, UserRecord } from '../state.js'

/**
 * Records as 2025-01-15 JSON. Absent values are `undefined`, which `JSON.stringify` leaves out:
 * this version omits keys instead of sending `null`.
 */

export const userView = (user: UserRecord) => ({ uuid: user.uuid, external_user_id: user.externalUserId })

const optionalIso = (ms: number | undefined) => (ms === undefined ? undefined : iso(ms))

export const itemView = (item: ItemRecord, language: string | undefined) => {
  const status = ITEM_STATUSES[item.status]
  return {
    id: item.id,
    status: item.status,
    status_code_info: status?.info,
    status_code_description: language === 'fr' ? (status?.fr ?? status?.en) : status?.en,
    provider_id: item.providerId,
    account_types: item.accountTypes,
    last_successful_refresh: optionalIso(item.lastSuccessfulRefresh),
    last_try_refresh: optionalIso(item.lastTryRefresh),
    created_at: iso(item.createdAt),
    authentication_expires_at: optionalIso(item.authenticationExpiresAt),
  }
}

export const accountView = (account: AccountRecord) => ({
  id: account.id,
  name: account.name,
  balance: account.balance,
  accounting_balance: account.accountingBalance,
  instant_balance: account.instantBalance,
  updated_at: iso(account.updatedAt),
  last_refresh_status: account.lastRefreshStatus,
  type: account.type,
  currency_code: account.currencyCode,
  item_id: account.itemId,
  provider_id: account.providerId,
  loan_details: account.loan && {
    ...loanDetails(account.loan),
    total_estimated_interests: account.loan.totalEstimatedInterests,
  },
  data_access: account.dataAccess,
  pro: account.pro,
  iban: account.iban,
})

export const transactionView = (tx: TransactionRecord) => ({
  id: tx.id,
  clean_description: tx.cleanDescription,
  provider_description: tx.providerDescription,
  amount: tx.amount,
  date: tx.date,
  booking_date: tx.bookingDate,
  transaction_date: tx.transactionDate,
  value_date: tx.valueDate,
  updated_at: iso(tx.updatedAt),
  currency_code: tx.currencyCode,
  deleted: tx.deleted,
  category_id: tx.categoryId,
  operation_type: tx.operationType,
  account_id: tx.accountId,
  future: tx.future,
})

export const stockView = (stock: StockRecord) => ({
  id: stock.id,
  account_id: stock.accountId,
  label: stock.label,
  ticker: stock.ticker,
  marketplace: stock.marketplace,
  isin: stock.isin,
  stock_key: `${stock.isin}-${stock.label.replace(/\s+/g, '')}--${stock.currencyCode}`,
  current_price: stock.currentPrice,
  currency_code: stock.currencyCode,
  quantity: stock.quantity,
  total_value: Math.round(stock.currentPrice * stock.quantity * 100) / 100,
  average_purchase_price: stock.averagePurchasePrice,
  value_date: stock.valueDate,
  deleted: false,
  created_at: iso(stock.createdAt),
  updated_at: iso(stock.updatedAt),
})

/** The 2025-01-15 JSON of the records the shared routes serve. */
export const v3View: VersionView = {
  user: userView,
  item: (item, ctx) => itemView(item, ctx.language),
  account: accountView,
  transaction: transactionView,
  stock: stockView,
  listsGeneratedAt: true,
  accountInformation: ['id', 'name', 'type', 'currency_code', 'provider_id', 'iban'],
  notFound: notFoundForUser,
}
