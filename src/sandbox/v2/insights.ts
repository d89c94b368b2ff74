// The 2021-06-01 category insights route (`GET /v2/insights/category`).
import { categoryTotals } from '../common/catalog.js'
import { iso, json, type Route, type UserRouteContext, userRoute } from '../http.js'
import type { TransactionRecord } from '../state.js'

/**
 * `GET /v2/insights/category` (2021-06-01, user level): per-category indicators over the user's
 * transactions of the last `fully_analyzed_month` complete months (1–3, default 3). The reference
 * gives the top-level keys and what the indicators are (global min, max, mean per category;
 * monthly frequency and sum per category) but not their JSON; the nesting below is the sandbox's.
 */

const round = (n: number) => Math.round(n * 100) / 100

/** Each category's totals, category ids ascending (uncategorised transactions are left out). */
const byCategory = (transactions: readonly TransactionRecord[]) =>
  [...categoryTotals(transactions)].sort((a, b) => a[0] - b[0])

const insights = (ctx: UserRouteContext): Response => {
  const raw = ctx.query.get('fully_analyzed_month')
  const months = raw === null ? 3 : Number(raw)
  if (!/^[1-3]$/.test(raw ?? '3'))
    return ctx.error(400, 'invalid_request', 'fully_analyzed_month must be an integer between 1 and 3')
  // The analysed window: the `months` complete calendar months before the current one (UTC).
  const now = new Date(ctx.clock.now())
  const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1)
  const [from, to] = [iso(start).slice(0, 10), iso(end).slice(0, 10)]
  const all = ctx.state.transactions(ctx.user.uuid, 'date').filter((tx) => !tx.deleted && !tx.future)
  const analysed = all.filter((tx) => tx.date >= from && tx.date < to)
  const monthKeys = Array.from({ length: months }, (_, i) =>
    iso(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months + i, 1)).slice(0, 7),
  )
  return json(200, {
    global_kpis: byCategory(analysed).map(([categoryId, t]) => ({
      category_id: categoryId,
      min: t.min,
      max: t.max,
      mean: round(t.sum / t.count),
    })),
    monthly_kpis: monthKeys.map((month) => ({
      month,
      categories: byCategory(analysed.filter((tx) => tx.date.startsWith(month))).map(([categoryId, t]) => ({
        category_id: categoryId,
        frequency: t.count,
        sum: round(t.sum),
      })),
    })),
    // Sorted newest first by date, so the oldest is last.
    oldest_existing_transaction: all[all.length - 1]?.date ?? null,
    fully_analyzed_month: months,
    fully_analyzed_day: Math.round((end - start) / 86_400_000),
    updated_at: iso(ctx.clock.now()),
  })
}

/** The 2021-06-01 insights route. */
export const insightRoutes: readonly Route[] = [userRoute('GET', '/v2/insights/category', insights)]
