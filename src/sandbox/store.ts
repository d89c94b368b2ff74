// The sandbox's in-memory store (SandboxState): every record, indexed by owner; records change only here.
import type { SandboxClock } from './clock.js'
import { type BulkTransferRecord, PaymentStore, RecordTable, type TransferRecord } from './payments.js'
import type { Rng } from './random.js'
import {
  type AccountRecord,
  type ItemRecord,
  type OwnedKind,
  type OwnedRecords,
  type RefreshTrigger,
  type SessionRecord,
  type StockRecord,
  type StoreChange,
  type TokenRecord,
  type TransactionOrder,
  type TransactionRecord,
  transactionComparator,
  type UserRecord,
} from './state.js'

/** A map by id for each kind of owned record. */
const kindMaps = () => ({ item: new Map(), account: new Map(), transaction: new Map(), stock: new Map() })

interface UserData {
  readonly owned: { readonly [K in OwnedKind]: Map<number, OwnedRecords[K]> }
  /** Bridge Transfer (2021-06-01): single transfers (bulk lines too) by uuid, bulk transfers by id. */
  readonly transfers: RecordTable<TransferRecord>
  readonly bulkTransfers: RecordTable<BulkTransferRecord>
  /** Sorted views of `transactions`, by order and account (`*` = all), rebuilt after changes. */
  readonly views: Map<string, readonly TransactionRecord[]>
}

const emptyUserData = (): UserData => ({
  owned: kindMaps(),
  transfers: new RecordTable(),
  bulkTransfers: new RecordTable(),
  views: new Map(),
})

const DAY = 86_400_000
const ID_BASES = { item: 10_100_000, account: 48_100_000, transaction: 33_000_100_000_000, stock: 5_100_000 }

/**
 * Everything the sandbox holds. Plain maps and arrays; both API versions read and write it.
 * Per-user indexes keep a 100 000-transaction user's pages cheap: each sorted view is built once
 * and reused until that user's data changes.
 */
export class SandboxState {
  private readonly users = new Map<string, UserRecord>()
  private readonly tokens = new Map<string, TokenRecord>()
  private readonly sessions = new Map<string, SessionRecord>()
  readonly payments: PaymentStore
  private readonly data = new Map<string, UserData>()
  /** The owner (user uuid) of each record, by kind and id. */
  private readonly owners: { readonly [K in OwnedKind]: Map<number, string> } = kindMaps()
  /** The last number handed out of each kind: ids count up from a Bridge-like base, creation orders from 0. */
  private readonly last = { ...ID_BASES, user: 0, transfer: 0 }
  /** Told of each {@link StoreChange} (the sandbox's webhooks listen here); none by default. */
  onChange: (change: StoreChange) => void = () => {}

  constructor(
    readonly clock: SandboxClock,
    /** Random stream for ids and tokens. */
    readonly rng: Rng,
    readonly tokenLifetimeMs: number,
  ) {
    this.payments = new PaymentStore(clock, rng)
  }

  /** The next id of a kind, or creation order (`seq`) of a user or transfer (bulk transfers share it). */
  nextId(kind: keyof typeof ID_BASES | 'user' | 'transfer'): number {
    this.last[kind] += 1
    return this.last[kind]
  }

  // ---- users -------------------------------------------------------------------------------

  createUser(fields: { externalUserId?: string; email?: string; password?: string }): UserRecord {
    const user: UserRecord = {
      uuid: this.rng.uuid(),
      seq: this.nextId('user'),
      createdAt: this.clock.now(),
      ...fields,
    }
    this.users.set(user.uuid, user)
    this.data.set(user.uuid, emptyUserData())
    return user
  }

  findUserBy(field: 'externalUserId' | 'email', value: string): UserRecord | undefined {
    for (const user of this.users.values()) if (user[field] === value) return user
    return undefined
  }

  /** Users in creation order. */
  listUsers(): UserRecord[] {
    return [...this.users.values()]
  }

  user(uuid: string): UserRecord | undefined {
    return this.users.get(uuid)
  }

  /** Changes a user's e-mail or password and ends their sessions (revokes their tokens), as Bridge does. */
  updateUser(user: UserRecord, fields: Pick<UserRecord, 'email' | 'password'>): UserRecord {
    const updated = { ...user, ...fields }
    this.users.set(user.uuid, updated)
    this.revokeTokens(user.uuid)
    return updated
  }

  /** Deletes a user with every item, account, transaction, stock, session and token. */
  deleteUser(uuid: string): boolean {
    const data = this.data.get(uuid)
    if (!data) return false
    // Bridge documents only `user.deleted` here, so the items go without their own announcement.
    for (const itemId of [...data.owned.item.keys()]) this.removeItem(itemId)
    for (const [token, record] of this.tokens) if (record.userUuid === uuid) this.tokens.delete(token)
    for (const [id, session] of this.sessions) if (session.userUuid === uuid) this.sessions.delete(id)
    this.users.delete(uuid)
    this.data.delete(uuid)
    this.onChange({ kind: 'user-deleted', userUuid: uuid })
    return true
  }

  /** Records a user's guidance consent (a company by its SIREN) and announces it. */
  giveGuidanceConsent(userUuid: string, companyNumber: string): void {
    this.payments.guidanceConsents.add(userUuid)
    this.onChange({ kind: 'guidance-consent', userUuid, companyNumber })
  }

  // ---- tokens ------------------------------------------------------------------------------

  /** A new access token for the user, valid `tokenLifetimeMs` from now (format `<40 hex>-<uuid>`). */
  issueToken(userUuid: string): TokenRecord {
    const token: TokenRecord = {
      accessToken: `${this.rng.hex(40)}-${this.rng.uuid()}`,
      userUuid,
      expiresAt: this.clock.now() + this.tokenLifetimeMs,
    }
    this.tokens.set(token.accessToken, token)
    return token
  }

  /** The token's user, if the token exists, has not expired and its user still exists. */
  resolveToken(accessToken: string): { user: UserRecord; token: TokenRecord } | 'expired' | undefined {
    const token = this.tokens.get(accessToken)
    if (!token) return undefined
    if (token.expiresAt <= this.clock.now()) return 'expired'
    const user = this.users.get(token.userUuid)
    return user ? { user, token } : undefined
  }

  revokeToken(accessToken: string): void {
    this.tokens.delete(accessToken)
  }

  /** Revokes every token of a user, or of every user. */
  revokeTokens(userUuid?: string): void {
    for (const [token, record] of this.tokens)
      if (userUuid === undefined || record.userUuid === userUuid) this.tokens.delete(token)
  }

  /** Tokens issued and not revoked (expired ones too). */
  listTokens(): TokenRecord[] {
    return [...this.tokens.values()]
  }

  // ---- Connect sessions ------------------------------------------------------------------------

  /** Starts a Connect or user-management session for a user. */
  addSession(fields: Omit<SessionRecord, 'createdAt' | 'completedItemId'>): SessionRecord {
    const session: SessionRecord = { createdAt: this.clock.now(), ...fields }
    this.sessions.set(session.id, session)
    return session
  }

  session(id: string): SessionRecord | undefined {
    return this.sessions.get(id)
  }

  /** Marks a session completed by the item it created or re-authenticated. */
  completeSession(id: string, itemId: number): void {
    const session = this.sessions.get(id)
    if (session) this.sessions.set(id, { ...session, completedItemId: itemId })
  }

  // ---- items, accounts, transactions, stocks ----------------------------------------------

  private userData(uuid: string): UserData {
    const data = this.data.get(uuid)
    if (!data) throw new Error(`Unknown sandbox user ${uuid}`)
    return data
  }

  /** For reads: an unknown user has no records. */
  private readonly noData = emptyUserData()
  private readData(uuid: string): UserData {
    return this.data.get(uuid) ?? this.noData
  }

  /** Records a refresh of an item (or a new SCA with `status`), at the sandbox clock's now, and announces it. */
  refreshItem(
    userUuid: string,
    itemId: number,
    status?: number,
    trigger: RefreshTrigger = 'api',
  ): ItemRecord | undefined {
    const item = this.find('item', userUuid, itemId)
    if (!item) return undefined
    const now = this.clock.now()
    if (status !== undefined) item.status = status
    item.lastTryRefresh = now
    if (item.status === 0) item.lastSuccessfulRefresh = now
    // A successful new SCA lasts 180 days.
    if (status === 0) item.authenticationExpiresAt = now + 180 * DAY
    this.onChange({ kind: 'item-refreshed', item, trigger })
    return item
  }

  /** Adds (or replaces) records of one user. */
  put<K extends OwnedKind>(kind: K, userUuid: string, records: readonly OwnedRecords[K][]): void {
    const data = this.userData(userUuid)
    for (const record of records) {
      data.owned[kind].set(record.id, record)
      this.owners[kind].set(record.id, userUuid)
    }
    if (kind === 'transaction') data.views.clear()
  }

  /** Looks up a record by id, only among the user's own (another user's id is "not found"). */
  find<K extends OwnedKind>(kind: K, userUuid: string, id: number): OwnedRecords[K] | undefined {
    return this.owners[kind].get(id) === userUuid ? this.data.get(userUuid)?.owned[kind].get(id) : undefined
  }

  /** A user's items, by id. */
  items(userUuid: string): ItemRecord[] {
    return [...this.readData(userUuid).owned.item.values()].sort((a, b) => a.id - b.id)
  }

  /** A user's accounts, by id, optionally of one item. */
  accounts(userUuid: string, itemId?: number): AccountRecord[] {
    const all = [...this.readData(userUuid).owned.account.values()]
    return (itemId === undefined ? all : all.filter((a) => a.itemId === itemId)).sort((a, b) => a.id - b.id)
  }

  /** A user's stocks, by id. */
  stocks(userUuid: string): StockRecord[] {
    return [...this.readData(userUuid).owned.stock.values()].sort((a, b) => a.id - b.id)
  }

  /** A user's transactions sorted newest first by `order`, optionally of one account. Cached. */
  transactions(userUuid: string, order: TransactionOrder, accountId?: number): readonly TransactionRecord[] {
    const data = this.readData(userUuid)
    const key = `${order}:${accountId ?? '*'}`
    let view = data.views.get(key)
    if (!view) {
      const all = [...data.owned.transaction.values()]
      view = (accountId === undefined ? all : all.filter((tx) => tx.accountId === accountId)).sort(
        transactionComparator(order),
      )
      data.views.set(key, view)
    }
    return view
  }

  // ---- transfers (2021-06-01 Bridge Transfer) ---------------------------------------------

  /** Stores a bulk transfer (if any) with its transfers. */
  addTransfers(userUuid: string, transfers: readonly TransferRecord[], bulk?: BulkTransferRecord): void {
    const data = this.userData(userUuid)
    for (const transfer of transfers) data.transfers.add(transfer)
    if (bulk) data.bulkTransfers.add(bulk)
  }

  /** A user's transfers and bulk transfers, to read (lists newest first); {@link addTransfers} adds them. */
  transferTables(userUuid: string): Pick<UserData, 'transfers' | 'bulkTransfers'> {
    return this.userData(userUuid)
  }

  /** Deletes an item with its accounts, their transactions and stocks, and announces it. */
  deleteItem(itemId: number): boolean {
    const item = this.removeItem(itemId)
    if (item) this.onChange({ kind: 'item-deleted', item })
    return item !== undefined
  }

  /** Removes an item with its accounts, their transactions and stocks; the item, if it existed. */
  private removeItem(itemId: number): ItemRecord | undefined {
    const userUuid = this.owners.item.get(itemId)
    if (userUuid === undefined) return undefined
    const data = this.userData(userUuid)
    const item = data.owned.item.get(itemId) as ItemRecord
    const accountIds = new Set<number>()
    for (const account of data.owned.account.values())
      if (account.itemId === itemId) accountIds.add(account.id)
    this.remove(data, 'item', (item) => item.id === itemId)
    this.remove(data, 'account', (account) => accountIds.has(account.id))
    this.remove(data, 'transaction', (tx) => accountIds.has(tx.accountId))
    this.remove(data, 'stock', (stock) => accountIds.has(stock.accountId))
    data.views.clear()
    return item
  }

  /** Deletes a user's records of one kind that `test` picks. */
  private remove<K extends OwnedKind>(
    data: UserData,
    kind: K,
    test: (record: OwnedRecords[K]) => boolean,
  ): void {
    for (const record of [...data.owned[kind].values()]) {
      if (!test(record)) continue
      data.owned[kind].delete(record.id)
      this.owners[kind].delete(record.id)
    }
  }
}
