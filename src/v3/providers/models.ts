/** The 2025-01-15 providers models, as valibot schemas and their types. */
import * as v from 'valibot'
import { openEnum } from '../../core/schema.js'

/** Provider capabilities seen in Bridge's data (open: new ones pass). */
export const ProviderCapability = openEnum([
  'aggregation',
  'account_check',
  'single_payment',
  'single_payment_scheduled',
  'instant_single_payment',
  'bulk_payment',
  'bulk_payment_scheduled',
] as const)
/** A provider capability. */
export type ProviderCapability = v.InferOutput<typeof ProviderCapability>

const HealthStatus = v.object({
  /** Seen: `healthy`, `degraded`. */
  status: openEnum(['healthy', 'degraded'] as const),
})

/** A financial institution Bridge connects to (2021-06-01 called them banks; ids are the same). */
export const Provider = v.object({
  /** Provider id (574 is the sandbox Demo Bank). */
  id: v.number(),
  name: v.string(),
  /** ISO 3166-1 alpha-2, upper case. */
  country_code: v.string(),
  capabilities: v.array(ProviderCapability),
  /** Parent group, absent or `""` when none. */
  group_name: v.optional(v.string()),
  images: v.optional(v.object({ logo: v.optional(v.string()) })),
  aggregation_metadata: v.optional(v.object({ release_status: v.optional(openEnum(['active'] as const)) })),
  payment_metadata: v.optional(
    v.object({
      /** Seen: `active`, `retired`. */
      release_status: v.optional(openEnum(['active', 'retired'] as const)),
      /** Most transactions in one bulk payment. */
      nb_max_transactions: v.optional(v.number()),
      /** Longest payment label the bank accepts. */
      max_size_label: v.optional(v.number()),
      sender_iban_available: v.optional(v.boolean()),
      /** Seen: `prod`, `sandbox`. */
      provider_environments: v.optional(v.array(openEnum(['prod', 'sandbox'] as const))),
      execution_status_available: v.optional(v.boolean()),
      multiple_dates_payments: v.optional(v.boolean()),
    }),
  ),
  /**
   * Health per capability, e.g. `{ aggregation: { status: 'healthy' } }`. Exact, like every model: a
   * capability Bridge adds later is stripped here (the raw body of `withResponse` keeps it).
   */
  health_status: v.optional(
    v.object({
      aggregation: v.optional(HealthStatus),
      account_check: v.optional(HealthStatus),
      single_payment: v.optional(HealthStatus),
      single_payment_scheduled: v.optional(HealthStatus),
      instant_single_payment: v.optional(HealthStatus),
      bulk_payment: v.optional(HealthStatus),
      bulk_payment_scheduled: v.optional(HealthStatus),
    }),
  ),
  tags: v.optional(
    v.object({
      /** Seen: `b2c`, `b2b`. */
      segment: v.optional(v.array(v.string())),
      region: v.optional(v.array(v.string())),
      keywords: v.optional(v.array(v.string())),
    }),
  ),
})
/** A provider (bank). */
export type Provider = v.InferOutput<typeof Provider>
