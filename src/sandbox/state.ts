// The records the sandbox holds (users, tokens, items, accounts, transactions, stocks, sessions).

/**
 * Version-neutral records: one user, item, account or transaction serves both API versions; each
 * version's routes turn records into its own JSON (2025-01-15 omits absent fields, 2021-06-01
 * sends `null`, `bank_id` vs `provider_id`, …). Times are ms since the epoch.
 */

export interface UserRecord {
  readonly uuid: string
  /** Creation order, used as the list cursor. */
  readonly seq: number
  readonly externalUserId?: string
  /** Legacy 2021-06-01 users only. */
  readonly email?: string
  readonly password?: string
  readonly createdAt: number
}

/** A user access token and when it expires (ms since the epoch). */
export interface TokenRecord {
  readonly accessToken: string
  readonly userUuid: string
  readonly expiresAt: number
}

/** An item: a connection to a bank, with its status code (0 = ok, 402, 1010…). */
export interface ItemRecord {
  readonly id: number
  readonly userUuid: string
  readonly providerId: number
  status: number
  accountTypes: 'payment' | 'all'
  createdAt: number
  lastSuccessfulRefresh?: number
  lastTryRefresh?: number
  authenticationExpiresAt?: number
  /** Account holder, for the account check. */
  readonly holder: { readonly firstName: string; readonly lastName: string }
}

/** Loan details of a loan account. */
export interface LoanRecord {
  readonly nextPaymentDate: string
  readonly nextPaymentAmount: number
  readonly maturityDate: string
  readonly openingDate: string
  readonly interestRate: number
  readonly type?: string
  readonly borrowedCapital: number
  readonly repaidCapital: number
  readonly remainingCapital: number
  readonly totalEstimatedInterests?: number
}

/** A bank account of an item. */
export interface AccountRecord {
  readonly id: number
  readonly itemId: number
  readonly userUuid: string
  readonly providerId: number
  name: string
  readonly type: string
  balance: number
  accountingBalance?: number
  instantBalance?: number
  readonly currencyCode: string
  readonly iban?: string
  readonly pro: boolean
  dataAccess: 'enabled' | 'disabled'
  updatedAt: number
  lastRefreshStatus: 'successful' | 'failed'
  readonly loan?: LoanRecord
}

/** A transaction of an account (amounts signed: debits are negative). */
export interface TransactionRecord {
  readonly id: number
  readonly accountId: number
  readonly cleanDescription: string
  readonly providerDescription: string
  readonly amount: number
  readonly currencyCode: string
  /** `YYYY-MM-DD`. */
  readonly date: string
  readonly bookingDate?: string
  readonly valueDate?: string
  readonly transactionDate?: string
  readonly updatedAt: number
  readonly deleted: boolean
  readonly future: boolean
  readonly categoryId?: number
  readonly operationType?: string
}

/** A security held in a brokerage account. */
export interface StockRecord {
  readonly id: number
  readonly accountId: number
  readonly label: string
  readonly ticker: string
  readonly isin: string
  readonly marketplace: string
  readonly currentPrice: number
  readonly quantity: number
  readonly averagePurchasePrice: number
  readonly currencyCode: string
  readonly valueDate: string
  readonly createdAt: number
  readonly updatedAt: number
}

/** A Connect (or user-management) session, and the item it created once completed. */
export interface SessionRecord {
  readonly id: string
  readonly kind: 'connect' | 'user-management'
  readonly userUuid: string
  readonly createdAt: number
  readonly userEmail?: string
  readonly providerId?: number
  readonly itemId?: number
  readonly callbackUrl?: string
  readonly context?: string
  readonly accountTypes: 'payment' | 'all'
  readonly completedItemId?: number
}

/** Orders of a user's transactions: by `updated_at` (2025-01-15, 2021-06-01 `/updated`) or by `date`. */
export type TransactionOrder = 'updated' | 'date'

/** Compares two transactions, newest first, ties broken by id (newest first). */
export const transactionComparator =
  (order: TransactionOrder) =>
  (a: TransactionRecord, b: TransactionRecord): number => {
    if (order === 'updated') {
      if (a.updatedAt !== b.updatedAt) return b.updatedAt - a.updatedAt
    } else if (a.date !== b.date) {
      return a.date < b.date ? 1 : -1
    }
    return b.id - a.id
  }

/** The records a user owns, by kind: a path names them by id, and only their owner sees them. */
export interface OwnedRecords {
  item: ItemRecord
  account: AccountRecord
  transaction: TransactionRecord
  stock: StockRecord
}
/** A kind of {@link OwnedRecords}. */
export type OwnedKind = keyof OwnedRecords

/** What started an item refresh, as Bridge's `item.refreshed` names it. */
export type RefreshTrigger = 'connect' | 'scheduler' | 'api'

/**
 * A change the store announces (for the sandbox's webhooks). Connect completions and history changes
 * are announced by the sandbox, which knows the whole action; the store announces what routes do.
 */
export type StoreChange =
  | { readonly kind: 'item-refreshed'; readonly item: ItemRecord; readonly trigger: RefreshTrigger }
  | { readonly kind: 'item-deleted'; readonly item: ItemRecord }
  | { readonly kind: 'user-deleted'; readonly userUuid: string }
  | { readonly kind: 'guidance-consent'; readonly userUuid: string; readonly companyNumber: string }
