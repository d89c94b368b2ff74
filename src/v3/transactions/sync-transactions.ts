/** The `syncTransactions` endpoint (2025-01-15): its parameters and its declaration. */
import { defineSync } from '../../sync/engine.js'
import { v3 } from '../api.js'
import { listTransactions } from './list-transactions.js'

/**
 * Keeps a copy of the user's transactions up to date (`GET /v3/aggregation/transactions`, user token):
 * the first sync lists everything, later ones only what changed since Bridge's time when the previous one
 * began, minus the overlap (de-duplicated), with deletions. Each page is a batch; store its `cursor`
 * after handling it, and start the next sync (e.g. on an `item.account.updated` webhook) from it.
 *
 * @param ctx - a context with a `user`.
 * @param params - `cursor` (none the first time) or `since` (an instant), `accountId` to sync one account, `limit` per batch.
 * @param options - call options, `overlapMs` (default 60 000), and `cursorKeys` to sign cursors.
 * @returns a lazy async iterable of `Either<SyncError, SyncBatch<Transaction>>`; it ends after a `Left`,
 * whose `resumeCursor` says where to start again.
 * @example
 * ```ts
 * import { createContext, syncTransactions } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { externalUserId: 'u-1' } })
 * let stored: string | undefined // load it from your database
 * for await (const batch of syncTransactions(ctx, { cursor: stored })) {
 *   if (batch._tag === 'Left') { console.error(batch.left); break }
 *   // upsert batch.right.upserted, delete batch.right.deleted, then store the cursor with them:
 *   stored = batch.right.cursor
 * }
 * ```
 */
export const syncTransactions = defineSync({
  name: 'syncTransactions',
  api: v3,
  list: (ctx, query, options) => listTransactions(ctx, query, options),
  isDeleted: (tx) => tx.deleted === true,
})
