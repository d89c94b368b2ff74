// Reference-data helpers (filters, the category tree) shared by both API versions.
import { CATEGORY_TREE } from '../data/categories.js'
import { json, numericId, type RouteContext } from '../http.js'
import type { TransactionRecord } from '../state.js'
import { notFound } from './requests.js'

/** Reference-data helpers both API versions use (filters, the category tree). */

/** Values of a multi-valued filter, lower case: repeated keys, each possibly a comma list. */
export const filterValues = (query: URLSearchParams, name: string): string[] =>
  query
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim().toLowerCase())
    .filter((value) => value !== '')

/** Top-level categories by id, each with its sub-categories. */
export const CATEGORIES = [...CATEGORY_TREE].sort((a, b) => a.id - b.id)

const PARENTS = new Map(
  CATEGORY_TREE.flatMap((parent) => parent.categories.map((child) => [child.id, parent] as const)),
)

/** A category (top-level or sub-category) by id; `parent_id` only for sub-categories. */
export const categoryById = (
  id: number | undefined,
): { id: number; name: string; parent_id?: number } | undefined => {
  const parent = id === undefined ? undefined : PARENTS.get(id)
  const child = parent?.categories.find((c) => c.id === id)
  if (child && parent) return { id: child.id, name: child.name, parent_id: parent.id }
  const top = CATEGORIES.find((c) => c.id === id)
  return top && { id: top.id, name: top.name }
}

/** Amounts of each category's transactions, categories in the order first met (uncategorised ones left out). */
export const categoryTotals = (transactions: readonly TransactionRecord[]) => {
  const totals = new Map<number, { min: number; max: number; sum: number; count: number }>()
  for (const tx of transactions) {
    if (tx.categoryId === undefined) continue
    const entry = totals.get(tx.categoryId) ?? { min: tx.amount, max: tx.amount, sum: 0, count: 0 }
    entry.min = Math.min(entry.min, tx.amount)
    entry.max = Math.max(entry.max, tx.amount)
    entry.sum += tx.amount
    entry.count += 1
    totals.set(tx.categoryId, entry)
  }
  return totals
}

/** A handler answering the entry of `list` whose `id` is the path's `:id`, or Bridge's generic 404. */
export const entryById =
  <T extends { readonly id: number }>(list: readonly T[]) =>
  (ctx: RouteContext): Response => {
    const id = numericId(ctx.params.id)
    const entry = list.find((e) => e.id === id)
    return entry ? json(200, entry) : notFound(ctx)
  }
