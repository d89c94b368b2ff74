/** The `listBanks` endpoint (2021-06-01): its parameters and its declaration. */
import * as v from 'valibot'
import { oneOrMany } from '../../common/params.js'
import { defineListOperation } from '../../core/lists/pagination.js'
import { TextParam } from '../../core/schema.js'
import { v2 } from '../api.js'
import { asList, openParam } from '../params.js'
import { Bank, BankCapability } from './models.js'

/**
 * Filters of {@link listBanks}. Each takes one value or a list, sent as repeated keys
 * (`?countries=fr&countries=de`).
 */
export const ListBanksParams = v.object({
  /** Lower-case ISO country codes (OR), e.g. `fr`, `de`. */
  countries: v.optional(oneOrMany(TextParam(10))),
  /** Capabilities the bank must have, e.g. `ais`, `single_transfer`. */
  capabilities: v.optional(oneOrMany(openParam(BankCapability))),
})
/** Filters of {@link listBanks}. */
export type ListBanksParams = v.InferInput<typeof ListBanksParams>

/**
 * Lists banks (`GET /v2/banks`, client credentials), newest id first, page after page: the Python
 * client's `list_banks`. Capabilities are sent as their values, lists as repeated keys.
 *
 * @param ctx - the context (client credentials).
 * @param params - `countries`, `capabilities`, plus `limit` and `after`.
 * @returns a lazy async iterable of `Either<BridgeError, Bank>`.
 * @example
 * ```ts
 * import { createContext, listBanks } from 'bridgeapi/v2'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * for await (const bank of listBanks(ctx, { countries: ['fr', 'de'], capabilities: 'ais' })) {
 *   if (bank._tag === 'Left') break
 *   console.log(bank.right.id, bank.right.name)
 * }
 * ```
 */
export const listBanks = defineListOperation({
  name: 'listBanks',
  api: v2,
  auth: 'client',
  params: ListBanksParams,
  path: () => '/v2/banks',
  query: (p) => ({ countries: asList(p.countries), capabilities: asList(p.capabilities) }),
  item: Bank,
})
