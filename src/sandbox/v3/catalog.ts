// 2025-01-15 reference-data routes (providers, categories) and category insights.
import { CATEGORIES, categoryById, categoryTotals, entryById, filterValues } from '../common/catalog.js'
import { listResponse, notFound } from '../common/requests.js'
import { PROVIDERS_V3 } from '../data/providers.js'
import { clientRoute, json, numericId, type Route, userRoute } from '../http.js'
import { byId } from '../pagination.js'
import type { TransactionRecord } from '../state.js'

/** Reference data (providers, categories) and category insights. */

type Provider = Readonly<Record<string, unknown>> & { readonly id: number }
const PROVIDERS = [...(PROVIDERS_V3 as readonly Provider[])].sort((a, b) => a.id - b.id)

const field = (provider: Provider, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], provider)

/** Whether a provider passes one filter: `all` values (AND) or any of them (OR). */
const passes = (provider: Provider, path: string, wanted: string[], all = false): boolean => {
  if (wanted.length === 0) return true
  const raw = field(provider, path)
  const have = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((x) => String(x).toLowerCase())
  return all ? wanted.every((w) => have.includes(w)) : wanted.some((w) => have.includes(w))
}

/**
 * `provider_environments` (the 2026 reference's single filter, OR): a provider passes when its aggregation
 * or payment metadata lists one of the wanted environments.
 */
const inEnvironments = (provider: Provider, wanted: string[]): boolean =>
  wanted.length === 0 ||
  passes(provider, 'aggregation_metadata.provider_environments', wanted) ||
  passes(provider, 'payment_metadata.provider_environments', wanted)

const DAY = 86_400_000
const round = (n: number) => Math.round(n * 100) / 100

/** Per category: min, max, mean of debits; per rolling month: sum and count. */
const insights = (transactions: readonly TransactionRecord[], now: number) => {
  const booked = transactions.filter((tx) => !tx.deleted && !tx.future && tx.categoryId !== undefined)
  const oldest = booked.reduce<string | undefined>(
    (min, tx) => (min === undefined || tx.date < min ? tx.date : min),
    undefined,
  )
  const monthly = [0, 1, 2].map((back) => {
    const to = now - back * 30 * DAY
    const from = to - 30 * DAY
    const fromDay = new Date(from).toISOString().slice(0, 10)
    const toDay = new Date(to).toISOString().slice(0, 10)
    const sums = categoryTotals(booked.filter((tx) => tx.date >= fromDay && tx.date < toDay))
    return {
      from: fromDay,
      to: toDay,
      categories: [...sums].map(([id, s]) => ({
        id,
        aggregates: { monetary_sum: round(s.sum), frequency: s.count },
      })),
    }
  })
  const days = oldest === undefined ? 0 : Math.floor((now - Date.parse(oldest)) / DAY)
  return {
    oldest_existing_transaction: oldest,
    fully_analyzed_month: Math.min(12, Math.floor(days / 30)),
    fully_analyzed_day: days,
    risky_transactions: 0,
    kpis: {
      global: {
        categories: [...categoryTotals(booked)].map(([id, g]) => ({
          id,
          aggregates: {
            monetary_max: round(g.max),
            monetary_mean: round(g.sum / g.count),
            monetary_min: round(g.min),
          },
        })),
      },
      monthly,
    },
  }
}

export const catalogRoutes: readonly Route[] = [
  clientRoute('GET', '/v3/providers', (ctx) => {
    const q = ctx.query
    const filtered = PROVIDERS.filter(
      (p) =>
        passes(p, 'country_code', filterValues(q, 'country_code')) &&
        passes(p, 'capabilities', filterValues(q, 'capabilities'), true) &&
        passes(p, 'aggregation_metadata.release_status', filterValues(q, 'aggregation_release_status')) &&
        passes(p, 'payment_metadata.release_status', filterValues(q, 'payment_release_status')) &&
        passes(p, 'tags.segment', filterValues(q, 'segment')) &&
        inEnvironments(p, filterValues(q, 'provider_environments')),
    )
    return listResponse(ctx, filtered, byId, (p) => p)
  }),

  clientRoute('GET', '/v3/providers/:id', entryById(PROVIDERS)),

  clientRoute('GET', '/v3/aggregation/categories', (ctx) => listResponse(ctx, CATEGORIES, byId, (c) => c)),

  clientRoute('GET', '/v3/aggregation/categories/:id', (ctx) => {
    const category = categoryById(numericId(ctx.params.id))
    return category ? json(200, category) : notFound(ctx)
  }),

  userRoute('GET', '/v3/aggregation/insights/category', (ctx) =>
    json(200, insights(ctx.state.transactions(ctx.user.uuid, 'updated'), ctx.clock.now())),
  ),
]
