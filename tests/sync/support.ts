/**
 * Sync test tools: both API versions side by side, a replica that applies batches like a user's
 * database would, and the sandbox's truth to compare it with.
 */
import type { Either } from 'fp-ts/Either'
import * as v3 from '../../src/index.js'
import type { RunningSandbox } from '../../src/sandbox/index.js'
import { sandboxContext } from '../../src/sandbox/index.js'
import * as v2 from '../../src/v2/index.js'

type Row = { readonly id: number; readonly updated_at: string }
type Batch = {
  readonly upserted: readonly Row[]
  readonly deleted: readonly Row[]
  readonly cursor: string
  readonly caughtUp: boolean
}
/** What a sync yields. */
export type SyncResult = Either<v3.SyncError, Batch>
type Sync = (
  ctx: any,
  params?: { cursor?: string; accountId?: number; limit?: number },
  options?: { overlapMs?: number },
) => AsyncIterable<SyncResult>

/** One API version: how to make a user context and sync. */
export interface Version {
  readonly name: 'v3' | 'v2'
  readonly path: string
  readonly context: (server: RunningSandbox, uuid: string) => v3.Context
  readonly sync: Sync
}

export const VERSIONS: readonly Version[] = [
  {
    name: 'v3',
    path: '/v3/aggregation/transactions',
    context: (server, uuid) => v3.createContext(sandboxContext(server, { user: { uuid }, retry: 0 })),
    sync: v3.syncTransactions as Sync,
  },
  {
    name: 'v2',
    path: '/v2/transactions/updated',
    context: (server, uuid) => v2.createContext(sandboxContext(server, { user: { uuid }, retry: 0 })),
    sync: v2.syncTransactions as Sync,
  },
]

/** A user's copy: id → updated_at, plus every (id, updated_at) applied after the last stored cursor. */
export class Replica {
  readonly rows = new Map<number, string>()
  /** The cursor stored after the last handled batch. */
  cursor: string | undefined
  /** Versions (`id@updated_at`, plus ` deleted`) handled and acknowledged by storing a cursor. */
  readonly acknowledged = new Set<string>()
  /** Versions delivered again after they were acknowledged (must stay empty). */
  readonly repeated: string[] = []

  apply(batch: Batch, store = true): void {
    // A version is a row's updated_at, and whether it is a deletion (one may follow an update at the same instant).
    const versions = [
      ...batch.upserted.map((row) => `${row.id}@${row.updated_at}`),
      ...batch.deleted.map((row) => `${row.id}@${row.updated_at} deleted`),
    ]
    for (const key of versions) if (this.acknowledged.has(key)) this.repeated.push(key)
    for (const row of batch.upserted) this.rows.set(row.id, row.updated_at)
    for (const row of batch.deleted) this.rows.delete(row.id)
    if (!store) return
    for (const key of versions) this.acknowledged.add(key)
    this.cursor = batch.cursor
  }

  snapshot(): Record<number, string> {
    return Object.fromEntries([...this.rows].sort((a, b) => a[0] - b[0]))
  }
}

/** The sandbox's live (non-deleted) transactions of a user, as id → updated_at. */
export const truth = (server: RunningSandbox, uuid: string, accountId?: number): Record<number, string> =>
  Object.fromEntries(
    server.sandbox.state
      .transactions(uuid, 'updated', accountId)
      .filter((tx) => !tx.deleted)
      .map((tx) => [tx.id, new Date(tx.updatedAt).toISOString()] as const)
      .sort((a, b) => a[0] - b[0]),
  )

/** Runs a sync to its end (or first error), applying and storing every batch. */
export const syncAll = async (
  version: Version,
  ctx: v3.Context,
  replica: Replica,
  params: { accountId?: number; limit?: number } = {},
) => {
  const batches: Batch[] = []
  for await (const batch of version.sync(ctx, {
    ...params,
    ...(replica.cursor ? { cursor: replica.cursor } : {}),
  })) {
    if (batch._tag === 'Left') return { batches, error: batch.left }
    replica.apply(batch.right)
    batches.push(batch.right)
  }
  return { batches, error: undefined }
}

/** The `since` query of each sync request the sandbox received for `path`. */
export const sinceQueries = (server: RunningSandbox, path: string) =>
  server.sandbox.requests.filter((r) => r.path === path).map((r) => r.query.since)
