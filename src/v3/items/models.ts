/** The 2025-01-15 items models, as valibot schemas and their types. */
import * as v from 'valibot'
import { openEnum, Timestamp } from '../../core/schema.js'

/**
 * Machine code of an item's status, lower case: `ok`, `otp_required`, `invalid_creds`, `tos_to_validate`,
 * `cnt_crash`, `otp_not_supported` are documented; others exist (open).
 */
export const ItemStatusCodeInfo = openEnum([
  'ok',
  'otp_required',
  'invalid_creds',
  'tos_to_validate',
  'cnt_crash',
  'otp_not_supported',
] as const)
/** An item's status code info. */
export type ItemStatusCodeInfo = v.InferOutput<typeof ItemStatusCodeInfo>

/** A connection to a bank with one set of user credentials; it holds accounts, which hold transactions. */
export const Item = v.object({
  id: v.number(),
  /**
   * Status code: `0` up to date; `-2` first refresh running; `-3` refresh after a credentials update;
   * `402` wrong credentials; `429` action needed on the bank's site; `1003` technical error (retried);
   * `1005` not supported; `1007` refresh disabled for this bank; `1009` balance changed without transactions;
   * `1010` strong authentication needed (renew with a Connect session and `itemId`); `1099` migrating;
   * `1100` professional accounts to validate.
   */
  status: v.number(),
  status_code_info: v.optional(ItemStatusCodeInfo),
  /** Human explanation, in the `Accept-Language` language; absent when there is nothing to say. */
  status_code_description: v.optional(v.string()),
  provider_id: v.number(),
  /** `payment` or `all`, from the Connect session. Open. */
  account_types: openEnum(['payment', 'all'] as const),
  last_successful_refresh: v.optional(Timestamp),
  /** Last refresh attempt (one documented example has no `Z`). */
  last_try_refresh: v.optional(Timestamp),
  created_at: Timestamp,
  /** End of the 180-day PSD2 authentication; renew before with a Connect session and `itemId`. */
  authentication_expires_at: v.optional(Timestamp),
})
/** An item (bank connection). */
export type Item = v.InferOutput<typeof Item>
