/**
 * Fan-out sync on BullMQ (Redis): many users' transactions kept in SQLite within Bridge's application
 * budget. The pieces, and who decides what:
 *
 * - `nameUser` (call it from your webhook receiver): the user waits in a Redis sorted set, oldest first.
 * - `dispatch` (call it on a timer, from one process or many): asks `planSyncs` (bridgeapi/scheduling)
 *   whom to sync now, webhook-named users first and background refreshes in the budget left, and adds
 *   one BullMQ job per user (job id = user id: one pending job per user, BullMQ ignores a second add).
 * - the worker runs `syncTransactions` under a per-user Redis lock (SET NX PX: one sync per user at a
 *   time, even across workers), writing each batch and its cursor in one SQLite transaction.
 * - failures retry after `afterFailure`'s backoff; after the last attempt the job stays in BullMQ's
 *   failed set, the dead-letter queue (`queue.getFailed()`; `job.retry()` sends it back).
 *
 * Requests go through the SDK's rate limiter over the Redis rate-limit store: exact limits for every
 * worker. Node 20 has no `node:sqlite`: SQLite through sql.js, like examples/node-sqlite.
 */
import { randomUUID } from 'node:crypto'
import { createContext, createRateLimiter, formatError, syncTransactions } from 'bridgeapi'
import {
  afterFailure,
  planSyncs,
  type RetryPolicyOptions,
  type SpentRequests,
  type SyncReason,
} from 'bridgeapi/scheduling'
import { redisRateLimitStore, redisTokenStore } from 'bridgeapi/stores/redis'
import { Queue, UnrecoverableError, Worker } from 'bullmq'
import type { Redis } from 'ioredis'
import type { Database } from 'sql.js'

/** A job's data: why the user is synced and since when (the job id is the user). */
interface JobData {
  readonly reason: SyncReason
  readonly since: number
}

/** What the engine needs: Redis, the app's credentials, the database, and the retry policy. */
export interface SyncEngineOptions {
  /** An ioredis connection (BullMQ's workers open their own from its options). */
  readonly redis: Redis
  readonly clientId: string
  readonly clientSecret: string
  readonly baseUrl?: string
  /** The SQLite database (see `openDatabase`). */
  readonly db: Database
  /** Prefix of every Redis key the engine writes. */
  readonly prefix?: string
  readonly retry?: RetryPolicyOptions
  /** Syncs one worker runs at once (different users). */
  readonly concurrency?: number
  /** Background refresh interval per user: a user synced at t is due again at t + this. */
  readonly refreshEveryMs?: number
}

/** Creates the tables: transactions, and one cursor per user. */
export const createTables = (db: Database) => {
  db.run(`CREATE TABLE IF NOT EXISTS transactions (
    user_id TEXT NOT NULL, id INTEGER NOT NULL, account_id INTEGER NOT NULL, date TEXT NOT NULL,
    amount REAL NOT NULL, currency_code TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (user_id, id))`)
  db.run('CREATE TABLE IF NOT EXISTS sync_state (user_id TEXT PRIMARY KEY, cursor TEXT NOT NULL)')
}

/** How long a user's lock lives if its worker dies mid-sync (renewed by nothing: keep syncs shorter). */
const LOCK_MS = 120_000

/**
 * Creates the queue, the worker and the dispatcher over one Redis.
 * @param options - Redis, credentials, database, retry policy.
 * @returns `nameUser`, `scheduleRefresh`, `dispatch`, `close`, and BullMQ's `queue` and `worker`.
 */
export const createSyncEngine = (options: SyncEngineOptions) => {
  const { redis, db } = options
  const prefix = options.prefix ?? 'bridge-sync'
  const key = (name: string) => `${prefix}:${name}`
  const retry = options.retry ?? {}
  const refreshEveryMs = options.refreshEveryMs ?? 3_600_000
  // BullMQ's blocking commands need connections of their own, retrying forever.
  // BullMQ does not close connections it was given: `close` does.
  const connections: Redis[] = []
  const connection = () => {
    const duplicate = redis.duplicate({ maxRetriesPerRequest: null })
    connections.push(duplicate)
    return duplicate
  }
  const queue = new Queue<JobData, unknown, SyncReason>(`${prefix}-jobs`, { connection: connection() })
  const rateLimiter = createRateLimiter({ store: redisRateLimitStore(redis, { prefix: key('limits:') }) })
  const tokenStore = redisTokenStore(redis, { prefix: key('tokens:') })
  const app = { clientId: options.clientId, clientSecret: options.clientSecret, rateLimiter, tokenStore }

  /** Records requests the policy must count: each as it is sent, in a sorted set by instant. */
  const spend = async (entry: SpentRequests) => {
    await redis.zadd(
      key('spent'),
      entry.at,
      `${entry.user}|${entry.requests}|${entry.tokenRequests}|${randomUUID()}`,
    )
  }
  const spentSince = async (from: number): Promise<SpentRequests[]> => {
    await redis.zremrangebyscore(key('spent'), '-inf', from)
    const members = await redis.zrangebyscore(key('spent'), from, '+inf', 'WITHSCORES')
    const spent: SpentRequests[] = []
    for (let i = 0; i < members.length; i += 2) {
      const [user = '', requests, tokenRequests] = (members[i] as string).split('|')
      spent.push({
        user,
        at: Number(members[i + 1]),
        requests: Number(requests),
        tokenRequests: Number(tokenRequests),
      })
    }
    return spent
  }

  /** One user's sync: every batch with its cursor in one SQLite transaction. */
  const syncUser = async (user: string) => {
    const stored = db.exec('SELECT cursor FROM sync_state WHERE user_id = ?', [user])[0]?.values[0]?.[0]
    const ctx = createContext({
      ...app,
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      user: { uuid: user },
      hooks: {
        // The policy counts what was really sent: token requests apart, as Bridge limits them.
        onRequest: (event) => {
          const token = new URL(event.url).pathname.endsWith('/authorization/token') ? 1 : 0
          spend({ user, at: Date.now(), requests: 1, tokenRequests: token }).catch((error) =>
            console.error(`could not record a request of ${user}: ${error}`),
          )
        },
      },
    })
    for await (const batch of syncTransactions(ctx, typeof stored === 'string' ? { cursor: stored } : {})) {
      if (batch._tag === 'Left') throw new Error(`sync of ${user} stopped: ${formatError(batch.left)}`)
      const { upserted, deleted, cursor } = batch.right
      db.run('BEGIN')
      try {
        for (const tx of upserted)
          db.run(
            `INSERT INTO transactions (user_id, id, account_id, date, amount, currency_code, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, id) DO UPDATE SET account_id = excluded.account_id,
             date = excluded.date, amount = excluded.amount, currency_code = excluded.currency_code,
             updated_at = excluded.updated_at`,
            [user, tx.id, tx.account_id, tx.date, tx.amount, tx.currency_code, tx.updated_at],
          )
        for (const tx of deleted)
          db.run('DELETE FROM transactions WHERE user_id = ? AND id = ?', [user, tx.id])
        db.run(
          'INSERT INTO sync_state (user_id, cursor) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET cursor = excluded.cursor',
          [user, cursor],
        )
        db.run('COMMIT')
      } catch (error) {
        db.run('ROLLBACK')
        throw error
      }
    }
  }

  const worker = new Worker<JobData, unknown, SyncReason>(
    `${prefix}-jobs`,
    async (job) => {
      const user = job.id as string
      const token = randomUUID()
      // One sync per user at a time, across workers and processes.
      if ((await redis.set(key(`lock:${user}`), token, 'PX', LOCK_MS, 'NX')) !== 'OK')
        throw new Error(`sync of ${user} already running`)
      try {
        await syncUser(user)
        await redis.zadd(key('refresh'), Date.now() + refreshEveryMs, user)
      } finally {
        // Delete the lock only if it is still ours (it may have expired and been taken).
        await redis.eval(
          "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0",
          1,
          key(`lock:${user}`),
          token,
        )
      }
    },
    {
      connection: connection(),
      concurrency: options.concurrency ?? 4,
      settings: {
        // The policy decides the delays; BullMQ delivers them.
        backoffStrategy: (attemptsMade) => {
          const next = afterFailure({ attempts: attemptsMade, now: Date.now(), jitter: Math.random() }, retry)
          if (next._tag === 'Left') throw new UnrecoverableError(next.left.message)
          return next.right.retry ? next.right.delayMs : -1
        },
      },
    },
  )

  return {
    queue,
    worker,
    /** A webhook named `user` at `at`: it waits for a sync, before any background refresh. */
    nameUser: async (user: string, at = Date.now()) => {
      // NX keeps the oldest instant: a user named twice keeps its place.
      await redis.zadd(key('webhook'), 'NX', at, user)
    },
    /** Adds users to background refreshes, due at `at`. */
    scheduleRefresh: async (users: readonly string[], at = Date.now()) => {
      for (const user of users) await redis.zadd(key('refresh'), 'NX', at, user)
    },
    /**
     * Plans with the policy and enqueues what it starts; returns the users enqueued and when to
     * dispatch again. Run it on a timer (several dispatchers may run: job ids keep one job per user).
     */
    dispatch: async (now = Date.now()) => {
      const [webhook, refresh, spent] = await Promise.all([
        redis.zrange(key('webhook'), '0', '-1', 'WITHSCORES'),
        redis.zrangebyscore(key('refresh'), '-inf', String(now), 'WITHSCORES'),
        spentSince(now - 300_000),
      ])
      const waiting = [
        ...pairs(webhook).map(([user, since]) => ({ user, reason: 'webhook' as const, since })),
        ...pairs(refresh).map(([user, since]) => ({ user, reason: 'refresh' as const, since })),
      ]
      const active = await queue.getJobs(['active', 'waiting', 'prioritized', 'delayed', 'failed'])
      const running = active.map((job) => job.id).filter((id): id is string => id !== undefined)
      const plan = planSyncs({ now, waiting, running, spent })
      if (plan._tag === 'Left') throw new Error(formatError(plan.left))
      for (const sync of plan.right.start) {
        await queue.add(
          sync.reason,
          { reason: sync.reason, since: sync.since },
          {
            jobId: sync.user,
            priority: sync.reason === 'webhook' ? 1 : 2,
            attempts: retry.maxAttempts ?? 5,
            backoff: { type: 'custom' },
            removeOnComplete: true,
            removeOnFail: false,
          },
        )
        // Reserved until the sync's own requests are counted (hooks above): the next plan sees it.
        await spend({ user: sync.user, at: now, ...sync.cost })
        await redis.zrem(key(sync.reason === 'webhook' ? 'webhook' : 'refresh'), sync.user)
      }
      return { started: plan.right.start.map((sync) => sync.user), wakeAt: plan.right.wakeAt }
    },
    close: async () => {
      await worker.close()
      await queue.close()
      for (const duplicate of connections) duplicate.disconnect()
    },
  }
}

/** `[member, score, member, score, …]` as `[member, score]` pairs. */
const pairs = (flat: readonly string[]): [string, number][] => {
  const out: [string, number][] = []
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i] as string, Number(flat[i + 1])])
  return out
}
