// Generates realistic fake bank data (accounts, transactions, stocks) from a seeded random stream.
import type { Rng } from './random.js'
import type { AccountRecord, ItemRecord, StockRecord, TransactionRecord } from './state.js'
import type { SandboxState } from './store.js'

/**
 * Realistic fake bank data: Demo-Bank-like accounts and transactions with French labels, signed
 * amounts, sub-category ids from Bridge's category tree and plausible dates. Everything comes from
 * the given random stream, so one seed gives the same data.
 */

const DAY = 86_400_000

/** A kind of transaction: its labels, sub-category, amount range, operation and how often it occurs. */
const t = (
  clean: string,
  raw: string,
  category: number,
  min: number,
  max: number,
  operation: 'card' | 'transfer' | 'direct_debit' | 'withdrawal',
  weight: number,
) => ({ clean, raw, category, min, max, operation, weight }) as const
type Template = ReturnType<typeof t>

/** Debits: amounts are made negative. Categories are Bridge sub-category ids. */
const DEBITS: readonly Template[] = [
  t('Carrefour City', 'CARREFOUR CITY PARIS 11', 273, 6, 95, 'card', 14),
  t('Monoprix', 'MONOPRIX PARIS BASTILLE', 273, 8, 120, 'card', 9),
  t('Boulangerie Paul', 'PAUL GARE DE LYON', 188, 2.5, 14, 'card', 10),
  t('Starbucks', 'STARBUCKS COFFEE FRANCE', 313, 3.5, 9, 'card', 6),
  t("McDonald's", 'MC DONALDS REPUBLIQUE', 260, 7, 24, 'card', 5),
  t('Le Petit Bistrot', 'LE PETIT BISTROT SARL', 83, 16, 85, 'card', 6),
  t('SNCF', 'SNCF INTERNET', 197, 19, 140, 'card', 3),
  t('RATP', 'RATP NAVIGO', 196, 2.15, 86.4, 'card', 4),
  t('TotalEnergies', 'TOTALENERGIES STATION 4521', 87, 35, 95, 'card', 3),
  t('Amazon', 'AMAZON EU SARL PAYLI2441535', 186, 9, 160, 'card', 6),
  t('Fnac', 'FNAC DARTY PARIS', 184, 15, 450, 'card', 2),
  t('Zara', 'ZARA FRANCE 0231', 272, 20, 130, 'card', 3),
  t('Pharmacie Centrale', 'PHARMACIE CENTRALE', 236, 4, 45, 'card', 3),
  t('Netflix', 'NETFLIX.COM', 280, 13.49, 13.49, 'card', 1),
  t('Spotify', 'SPOTIFY AB', 318, 10.99, 10.99, 'card', 1),
  t('Orange', 'PRLV SEPA ORANGE SA', 277, 19.99, 39.99, 'direct_debit', 1),
  t('Free', 'PRLV SEPA FREE TELECOM', 180, 29.99, 39.99, 'direct_debit', 1),
  t('EDF', 'PRLV SEPA EDF CLIENTS PARTICULIERS', 217, 45, 140, 'direct_debit', 1),
  t('Loyer', 'VIR SEPA LOYER AGENCE FONCIA', 216, 750, 1350, 'transfer', 1),
  t('Retrait DAB', 'RETRAIT DAB BNP PARIS', 85, 20, 120, 'withdrawal', 3),
  t('Frais bancaires', 'COTISATION CARTE VISA', 79, 2, 12, 'direct_debit', 1),
  t('Doctolib', 'DR MARTIN CABINET MEDICAL', 261, 25, 60, 'card', 1),
  t('Air France', 'AIR FRANCE WEB', 198, 90, 620, 'card', 0.4),
  t('Booking.com', 'BOOKING.COM HOTEL', 263, 70, 380, 'card', 0.6),
  t('Decathlon', 'DECATHLON PARIS', 262, 12, 180, 'card', 1.5),
  t('Uber Eats', 'UBER EATS PARIS', 320, 14, 42, 'card', 3),
]

/** Credits: amounts stay positive. */
const CREDITS: readonly Template[] = [
  t('Salaire Acme', 'VIR SEPA ACME SAS SALAIRE', 230, 2100, 3400, 'transfer', 3),
  t('Remboursement Amazon', 'REMBOURSEMENT AMAZON EU', 283, 9, 90, 'transfer', 1),
  t('Virement reçu', 'VIR SEPA RECU DE M DUPONT', 78, 20, 300, 'transfer', 2),
  t('Remboursement CPAM', 'VIR CPAM PARIS REMBT SOINS', 283, 7, 60, 'transfer', 1),
]

const SAVINGS_IN = t('Virement épargne', 'VIR SEPA VERS LIVRET A', 289, 20, 500, 'transfer', 1)
const SAVINGS_OUT = t('Retrait épargne', 'VIR SEPA LIVRET A VERS COMPTE COURANT', 326, 50, 800, 'transfer', 1)

const weighted = (templates: readonly Template[]): ((rng: Rng) => Template) => {
  const total = templates.reduce((sum, tpl) => sum + tpl.weight, 0)
  return (rng) => {
    let roll = rng.next() * total
    for (const tpl of templates) {
      roll -= tpl.weight
      if (roll < 0) return tpl
    }
    return templates[templates.length - 1] as Template
  }
}
const pickDebit = weighted(DEBITS)
const pickCredit = weighted(CREDITS)

/** Kinds of account the generator makes. */
export type AccountKind = 'checking' | 'joint' | 'card' | 'savings' | 'loan' | 'brokerage'

type Range = readonly [min: number, max: number]

/** Accounts that carry transactions, cycled through when a number of accounts is asked for. */
export const TRANSACTIONAL_ACCOUNTS: readonly AccountKind[] = ['checking', 'savings', 'card', 'joint']

/**
 * Each kind's account name, the share of an item's transactions it receives and its opening balance
 * range (a card's is owed; a loan's comes from the loan), in the order of a Demo Bank connection.
 */
const KINDS: Readonly<Record<AccountKind, { name: string; share: number; balance: Range }>> = {
  checking: { name: 'Compte Courant', share: 6, balance: [150, 6000] },
  joint: { name: 'Compte Joint', share: 2, balance: [150, 6000] },
  card: { name: 'Carte Visa Premier (débit différé)', share: 3, balance: [50, 900] },
  savings: { name: 'Livret A', share: 0.5, balance: [500, 22_950] },
  loan: { name: 'Crédit Immobilier', share: 0, balance: [0, 0] },
  brokerage: { name: 'PEA', share: 0, balance: [2000, 60_000] },
}

/** The accounts of a connection to the sandbox Demo Bank, as in Bridge's own sandbox (abridged). */
export const DEMO_BANK_ACCOUNTS = Object.keys(KINDS) as readonly AccountKind[]

const dayString = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

const FIRST_NAMES = ['MICHEL', 'CLAIRE', 'THOMAS', 'SOPHIE', 'JULIEN', 'CAMILLE', 'NICOLAS', 'LEA']
const LAST_NAMES = ['DUPONT', 'MARTIN', 'BERNARD', 'DUBOIS', 'LAURENT', 'MOREAU', 'SIMON', 'MICHEL']

/** A French IBAN with a valid ISO 13616 checksum. */
const iban = (rng: Rng): string => {
  const bban = `${rng.int(10000, 39999)}${rng.int(10000, 99999)}${String(rng.int(0, 99999999999)).padStart(11, '0')}${String(rng.int(0, 99)).padStart(2, '0')}`
  const numeric = `${bban}152700` // "FR00" moved to the end, letters as numbers (F=15, R=27)
  let remainder = 0
  for (const digit of numeric) remainder = (remainder * 10 + Number(digit)) % 97
  return `FR${String(98 - remainder).padStart(2, '0')}${bban}`
}

/** What to generate for one item. */
export interface ItemPlan {
  readonly userUuid: string
  readonly providerId: number
  readonly accounts: readonly AccountKind[]
  /** Transactions over all the item's transactional accounts. */
  readonly transactions: number
  /** Days of history; default: enough for about 4 transactions a day, between 90 and 1095. */
  readonly historyDays?: number
  readonly status?: number
  readonly accountTypes?: 'payment' | 'all'
}

/** What {@link generateItem} created. */
export interface GeneratedItem {
  readonly item: ItemRecord
  readonly accounts: readonly AccountRecord[]
}

/** Creates an item with its accounts, transactions and stocks in `state`. */
export const generateItem = (state: SandboxState, rng: Rng, plan: ItemPlan): GeneratedItem => {
  const now = state.clock.now()
  const item: ItemRecord = {
    id: state.nextId('item'),
    userUuid: plan.userUuid,
    providerId: plan.providerId,
    status: plan.status ?? 0,
    accountTypes: plan.accountTypes ?? 'payment',
    createdAt: now - 1000,
    lastTryRefresh: now - 1000,
    lastSuccessfulRefresh: now,
    authenticationExpiresAt: now + 180 * DAY,
    holder: { firstName: rng.pick(FIRST_NAMES), lastName: rng.pick(LAST_NAMES) },
  }
  state.put('item', item.userUuid, [item])
  const historyDays = plan.historyDays ?? Math.min(1095, Math.max(90, Math.ceil(plan.transactions / 4)))
  const shares = plan.accounts.map((kind) => KINDS[kind].share)
  const totalShare = shares.reduce((a, b) => a + b, 0)
  let remaining = plan.transactions
  let remainingShare = totalShare
  const accounts: AccountRecord[] = []
  const counts = new Map<AccountKind, number>()
  plan.accounts.forEach((kind, index) => {
    const share = shares[index] as number
    // Split the count by share; the last transactional account takes the rounding rest.
    const count =
      share === 0
        ? 0
        : remainingShare === share
          ? remaining
          : Math.round((remaining * share) / remainingShare)
    remaining -= count
    remainingShare -= share
    const seen = (counts.get(kind) ?? 0) + 1
    counts.set(kind, seen)
    const account = createAccount(state, rng, item, kind, seen, now)
    accounts.push(account)
    if (count > 0) addTransactions(state, rng, account, kind, count, historyDays, now)
    if (kind === 'brokerage') addStocks(state, rng, account, now)
  })
  return { item, accounts }
}

const createAccount = (
  state: SandboxState,
  rng: Rng,
  item: ItemRecord,
  kind: AccountKind,
  seen: number,
  now: number,
): AccountRecord => {
  const base = {
    id: state.nextId('account'),
    itemId: item.id,
    userUuid: item.userUuid,
    providerId: item.providerId,
    name: seen > 1 ? `${KINDS[kind].name} ${seen}` : KINDS[kind].name,
    currencyCode: 'EUR',
    pro: false,
    dataAccess: 'enabled' as const,
    updatedAt: now,
    lastRefreshStatus: 'successful' as const,
  }
  let account: AccountRecord
  if (kind === 'loan') {
    const borrowed = rng.int(80, 400) * 1000
    const repaid = Math.round(borrowed * rng.amount(0.05, 0.6))
    const opening = new Date(now - rng.int(2, 8) * 365 * DAY)
    account = {
      ...base,
      type: 'loan',
      balance: -(borrowed - repaid),
      loan: {
        nextPaymentDate: dayString(
          Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth() + 1, 5),
        ),
        nextPaymentAmount: Math.round(borrowed / 240),
        maturityDate: dayString(Date.UTC(opening.getUTCFullYear() + 20, opening.getUTCMonth(), 5)),
        openingDate: dayString(opening.getTime()),
        interestRate: rng.amount(0.9, 4.2),
        type: 'mortgage',
        borrowedCapital: borrowed,
        repaidCapital: repaid,
        remainingCapital: borrowed - repaid,
        totalEstimatedInterests: Math.round(borrowed * rng.amount(0.08, 0.3) * 100) / 100,
      },
    }
  } else {
    const [min, max] = KINDS[kind].balance
    const balance = kind === 'card' ? -rng.amount(min, max) : rng.amount(min, max)
    account = {
      ...base,
      type: kind === 'joint' ? 'checking' : kind,
      balance,
      accountingBalance: balance,
      instantBalance: balance,
      ...(kind === 'checking' || kind === 'joint' || kind === 'savings' ? { iban: iban(rng) } : {}),
    }
  }
  state.put('account', account.userUuid, [account])
  return account
}

const addTransactions = (
  state: SandboxState,
  rng: Rng,
  account: AccountRecord,
  kind: AccountKind,
  count: number,
  historyDays: number,
  now: number,
): void => {
  const today = Math.floor(now / DAY) * DAY
  // Formatting dates dominates generation time for large volumes: format each day once.
  const days = new Map<number, string>()
  const dayOf = (ms: number): string => {
    let text = days.get(ms)
    if (text === undefined) {
      text = dayString(ms)
      days.set(ms, text)
    }
    return text
  }
  const transactions: TransactionRecord[] = new Array(count)
  let future = 0
  for (let i = 0; i < count; i++) {
    const savings = kind === 'savings'
    const credit = savings ? rng.chance(0.7) : kind !== 'card' && rng.chance(0.08)
    const tpl = savings ? (credit ? SAVINGS_IN : SAVINGS_OUT) : credit ? pickCredit(rng) : pickDebit(rng)
    // About 1% of card operations are announced but not booked yet: dated in the coming days.
    const isFuture = kind === 'card' && rng.chance(0.01)
    const day = isFuture ? today + rng.int(1, 20) * DAY : today - rng.int(0, historyDays - 1) * DAY
    const date = dayOf(day)
    const amount = credit ? rng.amount(tpl.min, tpl.max) : -rng.amount(tpl.min, tpl.max)
    // Booked the same day, fetched by Bridge a few hours later; never after "now".
    const updatedAt = isFuture
      ? now - rng.int(0, DAY)
      : Math.min(now, day + rng.int(3_600_000, 30 * 3_600_000))
    if (isFuture) future += amount
    const dayMonthYear = `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`
    transactions[i] = {
      id: state.nextId('transaction'),
      accountId: account.id,
      cleanDescription: tpl.clean,
      providerDescription:
        tpl.operation === 'card' ? `PAIEMENT PAR CARTE ${dayMonthYear} ${tpl.raw}` : tpl.raw,
      amount,
      currencyCode: account.currencyCode,
      date,
      bookingDate: date,
      transactionDate: date,
      valueDate: tpl.operation === 'card' ? dayOf(day + DAY) : date,
      updatedAt,
      deleted: !isFuture && rng.chance(0.002),
      future: isFuture,
      categoryId: tpl.category,
      operationType: tpl.operation,
    }
  }
  if (future !== 0)
    account.instantBalance = Math.round(((account.instantBalance ?? account.balance) + future) * 100) / 100
  state.put('transaction', account.userUuid, transactions)
}

const STOCKS = [
  { label: 'AIR LIQUIDE', ticker: 'AI', isin: 'FR0000120073', price: [150, 190] },
  { label: 'LVMH', ticker: 'MC', isin: 'FR0000121014', price: [550, 850] },
  { label: 'TOTALENERGIES', ticker: 'TTE', isin: 'FR0000120271', price: [52, 68] },
  { label: 'AMUNDI MSCI WORLD UCITS ETF', ticker: 'CW8', isin: 'LU1681043599', price: [420, 560] },
] as const

/** Adds the brokerage account's positions; its balance becomes their total value. */
const addStocks = (state: SandboxState, rng: Rng, account: AccountRecord, now: number): void => {
  let total = 0
  for (const stock of STOCKS) {
    const price = rng.amount(stock.price[0], stock.price[1])
    const record: StockRecord = {
      id: state.nextId('stock'),
      accountId: account.id,
      label: stock.label,
      ticker: stock.ticker,
      isin: stock.isin,
      marketplace: 'XPAR',
      currentPrice: price,
      quantity: rng.int(1, 40),
      averagePurchasePrice: rng.amount(stock.price[0] * 0.7, stock.price[1]),
      currencyCode: 'EUR',
      valueDate: dayString(now),
      createdAt: now - rng.int(30, 900) * DAY,
      updatedAt: now,
    }
    state.put('stock', account.userUuid, [record])
    total += record.currentPrice * record.quantity
  }
  const balance = Math.round(total * 100) / 100
  account.balance = balance
  account.accountingBalance = balance
  account.instantBalance = balance
}
