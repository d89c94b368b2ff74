/** The `listProviders` endpoint (2025-01-15): its parameters and its declaration. */
import * as v from 'valibot'
import { commaList, oneOrMany } from '../../common/params.js'
import { defineListOperation } from '../../core/lists/pagination.js'
import { TextParam } from '../../core/schema.js'
import { v3 } from '../api.js'
import { Provider } from './models.js'

// A comma inside a value would split it in two on Bridge's side: refused rather than sent ambiguous.
const Values = oneOrMany(
  v.pipe(TextParam(100), v.excludes(',', 'must not contain a comma (values are sent comma-separated)')),
)

/**
 * Filters of {@link listProviders}. Each takes one value or a non-empty list, sent as one comma-separated
 * value (`country_code=FR,DE`): Bridge's reference types each filter as a single string, and a comma list is
 * the form its pages use for several values (e.g. `status=ACSC,RJCT`). The stored copy of the reference page
 * (docs.bridgeapi.io/reference/getproviders) could not be read here, so this form is not re-checked there.
 */
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
  /**
   * Provider environments (OR): `prod`, `sandbox`. Sent as `provider_environments`. The sources disagree:
   * the 2026-07 transcription of Bridge's reference (mindcloud-inc/universal-api-reference,
   * `apis/b/bridge/native-api/actions/list-providers.md`, linking https://docs.bridgeapi.io/reference/getproviders)
   * has this single filter ("When multiple values are specified, they are combined using an `OR`
   * operation"); the older Postman collection (yabafre/pekulo, `docs/ressources/Bridge API.postman_collection.json`,
   * 2025) had `aggregation_provider_environments` and `payment_provider_environments`. The newer wins;
   * the old names are not sent.
   */
  providerEnvironments: v.optional(Values),
  /** Removed: refused by name (use `providerEnvironments`) rather than silently ignored. */
  aggregationProviderEnvironments: v.optional(v.never('was removed: use providerEnvironments')),
  /** Removed: refused by name (use `providerEnvironments`) rather than silently ignored. */
  paymentProviderEnvironments: v.optional(v.never('was removed: use providerEnvironments')),
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
    country_code: commaList(p.countryCode),
    capabilities: commaList(p.capabilities),
    aggregation_release_status: commaList(p.aggregationReleaseStatus),
    payment_release_status: commaList(p.paymentReleaseStatus),
    segment: commaList(p.segment),
    provider_environments: commaList(p.providerEnvironments),
  }),
  item: Provider,
})
