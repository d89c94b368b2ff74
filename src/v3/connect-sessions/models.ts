/** The 2025-01-15 connect sessions models, as valibot schemas and their types. */
import * as v from 'valibot'
import { CONNECT_COUNTRIES } from '../../common/connect-countries.js'
import { EmailParam, HttpUrlParam } from '../../common/params.js'
import { TextParam } from '../../core/schema.js'

/** A front-end session in Bridge's hosted Connect UI: redirect the user's browser to `url`. */
export const ConnectSession = v.object({
  /** Session id (UUID). */
  id: v.string(),
  /** The page to send the user to (`https://connect.bridgeapi.io/...`). */
  url: v.string(),
})
/** A Connect or user-management session. */
export type ConnectSession = v.InferOutput<typeof ConnectSession>

/** Which accounts Connect offers: `payment` (payment accounts only, Bridge's default) or `all`. */
export const AccountTypesParam = v.picklist(['payment', 'all'], 'must be payment or all')

/**
 * Options shared by Connect and user-management sessions (Bridge documents the same fields for both).
 * `userEmail` is optional: Bridge asks for it except for temporary bank synchronisation.
 */
export const sessionOptionEntries = {
  /** The end user's e-mail. */
  userEmail: v.optional(EmailParam),
  /** Preselected country (upper case). */
  countryCode: v.optional(v.picklist(CONNECT_COUNTRIES, 'must be a country Connect supports, e.g. FR')),
  /** Only providers with all these capabilities, e.g. `['aggregation']`. */
  capabilities: v.optional(v.array(TextParam(100))),
  /** `false` skips the account-selection screen (Bridge's default is `true`). */
  allowAccountSelection: v.optional(v.boolean('must be a boolean')),
  /**
   * Where Bridge redirects at the end (with `user_uuid`, `item_id`, `success`, `step`, `context`).
   * Those are redirect parameters, not an endpoint; `parseConnectCallback` (local-loop issue) reads them.
   */
  callbackUrl: v.optional(HttpUrlParam),
  /** Your state, echoed on the callback: ≤ 100 letters, digits or `-`. */
  context: v.optional(
    v.pipe(
      v.string('must be a string'),
      v.regex(/^[A-Za-z0-9-]{1,100}$/, 'must be 1–100 letters, digits or -'),
    ),
  ),
  /** `payment` (default) or `all`. */
  accountTypes: v.optional(AccountTypesParam),
}

/** Maps {@link sessionOptionEntries} to Bridge's snake_case body (absent fields are left out when serialised). */
export const toSessionOptionsBody = (p: {
  readonly userEmail?: string | undefined
  readonly countryCode?: string | undefined
  readonly capabilities?: readonly string[] | undefined
  readonly allowAccountSelection?: boolean | undefined
  readonly callbackUrl?: string | undefined
  readonly context?: string | undefined
  readonly accountTypes?: string | undefined
}) => ({
  user_email: p.userEmail,
  country_code: p.countryCode,
  capabilities: p.capabilities,
  allow_account_selection: p.allowAccountSelection,
  callback_url: p.callbackUrl,
  context: p.context,
  account_types: p.accountTypes,
})
