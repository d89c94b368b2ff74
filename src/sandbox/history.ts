// changeHistory: updates, deletes and late inserts of transactions as a Bridge refresh makes them.
import * as v from 'valibot'
import { toMs } from './clock.js'
import type { TransactionRecord } from './state.js'
import type { SandboxState } from './store.js'

/**
 * Scenario control for incremental sync: changes to a user's transaction history as Bridge makes
 * them after a refresh. Every change of one call gets the same `updated_at` (one clock instant), so
 * a test can put several rows on the boundary a sync must not lose.
 */

const Day = v.pipe(v.string(), v.isoDate('must be a YYYY-MM-DD date'))
const Amount = v.pipe(v.number(), v.finite())
const Id = v.pipe(v.number(), v.integer(), v.minValue(1))
const Label = v.pipe(v.string(), v.minLength(1), v.maxLength(200))

const HistoryChangeSchema = v.variant('type', [
  /** A transaction Bridge changed (new amount, label or date): its `updated_at` moves to the change's instant. */
  v.strictObject({
    type: v.literal('update'),
    id: Id,
    amount: v.optional(Amount),
    cleanDescription: v.optional(Label),
    date: v.optional(Day),
  }),
  /** A transaction Bridge deleted: it stays listed with `deleted: true` (2021-06-01: `is_deleted`). */
  v.strictObject({ type: v.literal('delete'), id: Id }),
  /** A transaction that arrives late: any (old) `date`, a new `updated_at`. */
  v.strictObject({
    type: v.literal('insert'),
    accountId: Id,
    date: Day,
    amount: Amount,
    cleanDescription: v.optional(Label),
  }),
])
/** One change to a user's history: an update (its `updated_at` moves), a deletion, or a late-arriving insert. */
export type HistoryChange =
  | {
      readonly type: 'update'
      readonly id: number
      readonly amount?: number
      readonly cleanDescription?: string
      /** `YYYY-MM-DD`. */
      readonly date?: string
    }
  | { readonly type: 'delete'; readonly id: number }
  | {
      readonly type: 'insert'
      readonly accountId: number
      /** `YYYY-MM-DD`, as old as you like. */
      readonly date: string
      readonly amount: number
      readonly cleanDescription?: string
    }

const HistoryChangesSchema = v.strictObject({
  changes: v.pipe(v.array(HistoryChangeSchema), v.minLength(1), v.maxLength(10_000)),
  /** The `updated_at` of every change (ms or ISO 8601); default: the sandbox clock's now. Earlier instants simulate skew. */
  at: v.optional(
    v.union([v.pipe(v.number(), v.integer(), v.minValue(0)), v.pipe(v.string(), v.isoTimestamp())]),
  ),
})
/** A batch of changes (1 to 10 000), all stamped with the same `updated_at`. */
export interface HistoryChanges {
  readonly changes: readonly HistoryChange[]
  /** The `updated_at` of every change (ms or ISO 8601); default: the sandbox clock's now. Earlier instants simulate a lagging writer. */
  readonly at?: number | string
}

/** What a `changeHistory` call (JavaScript or `POST /_sandbox/users/:uuid/history`) did. */
export interface HistoryResult {
  /** The `updated_at` of every changed row (ISO 8601). */
  readonly updatedAt: string
  /** The id of each change's row, in order (new ids for inserts). */
  readonly ids: readonly number[]
}

/** Why a history change was refused: the admin route answers 400, 404 or 409. */
export class HistoryError extends Error {
  override readonly name = 'HistoryError'
  constructor(
    readonly reason: 'invalid' | 'not_found' | 'conflict',
    message: string,
  ) {
    super(message)
  }
}

/**
 * Applies changes to one user's transactions, all or none.
 *
 * @param state - the sandbox's data.
 * @param userUuid - the user whose history changes.
 * @param input - the changes and their common instant.
 * @returns the instant and the rows' ids. Throws {@link HistoryError}.
 */
export const applyHistoryChanges = (
  state: SandboxState,
  userUuid: string,
  input: HistoryChanges,
): HistoryResult => {
  if (!state.user(userUuid)) throw new HistoryError('not_found', `No sandbox user ${userUuid}`)
  const parsed = v.safeParse(HistoryChangesSchema, input)
  if (!parsed.success) {
    const issue = parsed.issues[0]
    throw new HistoryError('invalid', `${v.getDotPath(issue) ?? 'body'}: ${issue.message}`)
  }
  const at = parsed.output.at === undefined ? state.clock.now() : toMs(parsed.output.at)
  // Later changes of one call see earlier ones (an insert then its update, say).
  const pending = new Map<number, TransactionRecord>()
  const ids: number[] = []
  for (const change of parsed.output.changes) {
    if (change.type === 'insert') {
      const account = state.find('account', userUuid, change.accountId)
      if (!account) throw new HistoryError('not_found', `No account ${change.accountId} for user ${userUuid}`)
      const id = state.nextId('transaction')
      const description = change.cleanDescription ?? 'Late transaction'
      pending.set(id, {
        id,
        accountId: account.id,
        cleanDescription: description,
        providerDescription: description.toUpperCase(),
        amount: change.amount,
        currencyCode: account.currencyCode,
        date: change.date,
        bookingDate: change.date,
        valueDate: change.date,
        transactionDate: change.date,
        updatedAt: at,
        deleted: false,
        future: false,
      })
      ids.push(id)
      continue
    }
    const current = pending.get(change.id) ?? state.find('transaction', userUuid, change.id)
    if (!current) throw new HistoryError('not_found', `No transaction ${change.id} for user ${userUuid}`)
    if (current.deleted) throw new HistoryError('conflict', `Transaction ${change.id} is deleted`)
    // A row's versions are ordered by updated_at: no change may stamp one earlier than the last.
    if (current.updatedAt > at)
      throw new HistoryError(
        'conflict',
        `Transaction ${change.id} was updated after ${new Date(at).toISOString()}`,
      )
    const { type: _, id: __, ...fields } = change
    pending.set(change.id, {
      ...current,
      ...(change.type === 'delete' ? { deleted: true } : fields),
      updatedAt: at,
    })
    ids.push(change.id)
  }
  state.put('transaction', userUuid, [...pending.values()])
  return { updatedAt: new Date(at).toISOString(), ids }
}
