/** The 2021-06-01 items models, as valibot schemas and their types. */
import * as v from 'valibot'
import { openEnum, Timestamp } from '../../core/schema.js'

/**
 * Item (and account) status codes of 2021-06-01. Known: `0` ok, `-2` just added, `-3` just edited,
 * `402` wrong credentials (→ `editItem`), `429` action needed on the bank's website, `1003` could not
 * refresh, `1005` not supported, `1007` refresh disabled for now, `1009` incomplete, `1010` strong
 * authentication needed (→ `manageScaSyncItem`), `1099` migrating, `1100` business accounts to
 * validate (→ `validateProItems`). The list Bridge publishes was cut after 1100: any other number passes.
 */
export const ItemStatusCode = v.number() as unknown as v.GenericSchema<
  0 | -2 | -3 | 402 | 429 | 1003 | 1005 | 1007 | 1009 | 1010 | 1099 | 1100 | (number & {}),
  0 | -2 | -3 | 402 | 429 | 1003 | 1005 | 1007 | 1009 | 1010 | 1099 | 1100 | (number & {})
>
/** An item status code. */
export type ItemStatusCode = v.InferOutput<typeof ItemStatusCode>

/** A connection of the user to one bank, holding accounts. */
export const Item = v.object({
  id: v.number(),
  status: ItemStatusCode,
  /** Short code, e.g. `OK`, `otp_required` (full list unpublished). */
  status_code_info: v.nullish(v.string()),
  /** Human message, localised by `Accept-Language`; `null` when all is well. */
  status_code_description: v.nullish(v.string()),
  bank_id: v.number(),
})
/** An item. */
export type Item = v.InferOutput<typeof Item>

/** What the bank asks for while a refresh waits (`info_required`). */
export const Mfa = v.object({
  /** `SMS`, `APP_TO_APP` or `null` (open). */
  type: v.nullish(openEnum(['SMS', 'APP_TO_APP'] as const)),
  description: v.nullish(v.string()),
  /** Default message when the bank gave no description. */
  label: v.nullish(v.string()),
  is_numeric: v.nullish(v.boolean()),
})
/** A strong-authentication request. */
export type Mfa = v.InferOutput<typeof Mfa>

/**
 * Refresh statuses: `authenticating`, `retrieving_data`, `info_required` (OTP or app validation),
 * `finished`, `invalid_creds`, `finished_error` (open: the docs also spell `retreiving_data`).
 */
export const RefreshStatusValue = openEnum([
  'authenticating',
  'retrieving_data',
  'info_required',
  'finished',
  'invalid_creds',
  'finished_error',
] as const)
/** A refresh status. */
export type RefreshStatusValue = v.InferOutput<typeof RefreshStatusValue>

/** Progress of an item refresh (`GET /v2/items/{id}/refresh/status`). */
export const RefreshStatus = v.object({
  /** Not documented; seen as an epoch-ms string. */
  id: v.nullish(v.string()),
  status: RefreshStatusValue,
  /** Only when `status` is `info_required`. */
  mfa: v.nullish(Mfa),
  refreshed_at: v.nullish(Timestamp),
  /** Only while `retrieving_data`. */
  refreshed_accounts_count: v.nullish(v.number()),
  total_accounts_count: v.nullish(v.number()),
})
/** Progress of an item refresh. */
export type RefreshStatus = v.InferOutput<typeof RefreshStatus>
