/** The `syncTransactions` endpoint (2021-06-01): its parameters and its declaration. */
import { defineSync } from '../../sync/engine.js'
import { v2 } from '../api.js'
import { listAccountUpdatedTransactions } from './list-account-updated-transactions.js'
import { listUpdatedTransactions } from './list-updated-transactions.js'

/**
 * Keeps a copy of the user's transactions up to date (`GET /v2/transactions/updated`, or
 * `/v2/accounts/{id}/transactions/updated` with `accountId`; user token): the first sync lists
 * everything, later ones only what changed since Bridge's time when the previous one
 * began, minus the overlap (de-duplicated), with deletions (`is_deleted`). Each page is a batch; store its `cursor` after
 * handling it, and start the next sync from it.
 *
 * @param ctx - a context with a `user`.
 * @param params - `cursor` (none the first time) or `since` (an instant), `accountId` to sync one account, `limit` per batch.
 * @param options - call options, `overlapMs` (default 60 000), and `cursorKeys` to sign cursors.
 * @returns a lazy async iterable of `Either<SyncError, SyncBatch<Transaction>>`; it ends after a `Left`,
 * whose `resumeCursor` says where to start again.
 * @example
 * ```ts
 * import { createContext, syncTransactions } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { email: 'john@doe.com', password: 'password123' } })
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
  api: v2,
  list: (ctx, { accountId, ...query }, options) =>
    accountId === undefined
      ? listUpdatedTransactions(ctx, query, options)
      : listAccountUpdatedTransactions(ctx, { accountId, ...query }, options),
  isDeleted: (tx) => tx.is_deleted === true,
})
