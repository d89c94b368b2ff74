// 2021-06-01 reference-data routes: banks, connector status, categories.
import { CATEGORIES, categoryById, entryById, filterValues } from '../common/catalog.js'
import { listResponse, notFound } from '../common/requests.js'
import { BANKS_V2 } from '../data/banks.js'
import { clientRoute, iso, json, numericId, type Route } from '../http.js'
import { byId, byNumber } from '../pagination.js'

/** Banks, connectors status and categories (client credentials). */

type Bank = Readonly<Record<string, unknown>> & { readonly id: number; readonly name: string }
/** Newest id first, as Bridge lists banks. */
const BANKS = [...(BANKS_V2 as readonly Bank[])].sort((a, b) => b.id - a.id)
const newestIdFirst = byNumber((bank: Bank) => bank.id, 'desc')

/** Banks, connectors status and categories. */
export const catalogRoutes: readonly Route[] = [
  clientRoute('GET', '/v2/banks', (ctx) => {
    const countries = filterValues(ctx.query, 'countries')
    const capabilities = filterValues(ctx.query, 'capabilities')
    const banks = BANKS.filter(
      (bank) =>
        (countries.length === 0 || countries.includes(String(bank.country_code).toLowerCase())) &&
        capabilities.every((c) => (bank.capabilities as readonly string[] | undefined)?.includes(c)),
    )
    return listResponse(ctx, banks, newestIdFirst, (bank) => bank)
  }),

  // Registered before /v2/banks/:id, which would otherwise take "insights" as an id.
  clientRoute('GET', '/v2/banks/insights', (ctx) => {
    const now = iso(ctx.clock.now())
    return json(
      200,
      BANKS.map((bank) => ({
        id: bank.id,
        bank_name: bank.name,
        percentage_success: 100.0,
        percentage_error: 0.0,
        refresh_at: now,
        country: bank.country_code,
        children: [],
        active: true,
      })),
    )
  }),

  clientRoute('GET', '/v2/banks/:id', entryById(BANKS)),

  clientRoute('GET', '/v2/categories', (ctx) =>
    listResponse(ctx, CATEGORIES, byId, (c) => c, { generatedAt: true }),
  ),

  clientRoute('GET', '/v2/categories/:id', (ctx) => {
    const category = categoryById(numericId(ctx.params.id))
    // 2021-06-01 sends `parent_id: null` for a top-level category.
    return category ? json(200, { ...category, parent_id: category.parent_id ?? null }) : notFound(ctx)
  }),
]
