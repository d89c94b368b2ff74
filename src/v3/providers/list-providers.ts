import * as v from 'valibot'
import { defineListOperation } from '../../core/pagination.js'
import { TextParam } from '../../core/schema.js'
import { v3 } from '../api.js'
import { Provider } from './models.js'

const Values = v.union([TextParam(100), v.array(TextParam(100))])
const asList = (value: string | readonly string[] | undefined) =>
  value === undefined ? undefined : typeof value === 'string' ? [value] : value

/** Filters of {@link listProviders}. Each takes one value or a list (sent as repeated keys). */
export const ListProvidersParams = v.object({
  /** Country codes (OR), e.g. `FR`. */
  countryCode: v.optional(Values),
  /** Capabilities, all required (AND), e.g. `aggregation`. */
  capabilities: v.optional(Values),
  /** Aggregation release status (OR), e.g. `active`. */
  aggregationReleaseStatus: v.optional(Values),
  /** Payment release status (OR). */
  paymentReleaseStatus: v.optional(Values),
  /** Segment (OR): `b2c`, `b2b`. */
  segment: v.optional(Values),
  /** Aggregation environments (OR): `prod`, `sandbox`. */
  aggregationProviderEnvironments: v.optional(Values),
  /** Payment environments (OR): `prod`, `sandbox`. */
  paymentProviderEnvironments: v.optional(Values),
})
/** Filters of {@link listProviders}. */
export type ListProvidersParams = v.InferInput<typeof ListProvidersParams>

/**
 * Lists providers (banks) (`GET /v3/providers`, client credentials), page after page.
 *
 * @param ctx - the context (client credentials).
 * @param params - filters, plus `limit` and `after`.
 * @returns a lazy async iterable of `Either<BridgeError, Provider>`.
 * @example
 * ```ts
 * import { createContext, listProviders } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret' })
 * for await (const provider of listProviders(ctx, { countryCode: 'FR', capabilities: ['aggregation'] })) {
 *   if (provider._tag === 'Left') break
 *   console.log(provider.right.name)
 * }
 * ```
 */
export const listProviders = defineListOperation({
  name: 'listProviders',
  api: v3,
  auth: 'client',
  params: ListProvidersParams,
  path: () => '/v3/providers',
  query: (p) => ({
    country_code: asList(p.countryCode),
    capabilities: asList(p.capabilities),
    aggregation_release_status: asList(p.aggregationReleaseStatus),
    payment_release_status: asList(p.paymentReleaseStatus),
    segment: asList(p.segment),
    aggregation_provider_environments: asList(p.aggregationProviderEnvironments),
    payment_provider_environments: asList(p.paymentProviderEnvironments),
  }),
  item: Provider,
})
