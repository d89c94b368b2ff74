import { CATEGORY_TREE } from '../data/categories.js'
import { BANKS_V2 } from '../data/providers.js'
import { clientRoute, iso, json, numericId, type Route, type RouteContext } from '../http.js'
import { byNumber } from '../pagination.js'
import { listResponse } from '../v3/common.js'

/** Banks, connectors status and categories (client credentials). */

type Bank = Readonly<Record<string, unknown>> & { readonly id: number; readonly name: string }
/** Newest id first, as Bridge lists banks. */
const BANKS = [...(BANKS_V2 as readonly Bank[])].sort((a, b) => b.id - a.id)
const PARENTS = [...CATEGORY_TREE].sort((a, b) => a.id - b.id)

/** Values of a multi-valued filter, lower case: repeated keys, each possibly a comma list. */
const values = (query: URLSearchParams, name: string): string[] =>
  query
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim().toLowerCase())
    .filter((value) => value !== '')

const notFound = (ctx: RouteContext) => ctx.error(404, 'not_found', "The requested resource doesn't exist")

/** Banks, connectors status and categories. */
export const catalogRoutes: readonly Route[] = [
  clientRoute('GET', '/v2/banks', (ctx) => {
    const countries = values(ctx.query, 'countries')
    const capabilities = values(ctx.query, 'capabilities')
    const banks = BANKS.filter(
      (bank) =>
        (countries.length === 0 || countries.includes(String(bank.country_code).toLowerCase())) &&
        capabilities.every((c) => (bank.capabilities as readonly string[] | undefined)?.includes(c)),
    )
    return listResponse(
      ctx,
      banks,
      byNumber((bank: Bank) => bank.id, 'desc'),
      (bank) => bank,
    )
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

  clientRoute('GET', '/v2/banks/:id', (ctx) => {
    const id = numericId(ctx.params.id)
    const bank = BANKS.find((b) => b.id === id)
    return bank ? json(200, bank) : notFound(ctx)
  }),

  clientRoute('GET', '/v2/categories', (ctx) =>
    listResponse(
      ctx,
      PARENTS,
      byNumber((c) => c.id),
      (c) => c,
      { generatedAt: true },
    ),
  ),

  clientRoute('GET', '/v2/categories/:id', (ctx) => {
    const id = numericId(ctx.params.id)
    const parent = PARENTS.find((p) => p.id === id || p.categories.some((c) => c.id === id))
    if (!parent) return notFound(ctx)
    const child = parent.categories.find((c) => c.id === id)
    return json(
      200,
      child
        ? { id: child.id, name: child.name, parent_id: parent.id }
        : { id: parent.id, name: parent.name, parent_id: null },
    )
  }),
]
