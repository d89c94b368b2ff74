import * as v from 'valibot'
import { EmailParam, HttpUrlParam } from '../../common/params.js'
import { defineOperation } from '../../core/operation.js'
import { IdParam, TextParam } from '../../core/schema.js'
import { v3 } from '../api.js'
import { AccountTypesParam, ConnectSession } from './models.js'

/** Countries Connect can preselect. */
const CONNECT_COUNTRIES = [
  'FR',
  'ES',
  'IT',
  'PT',
  'DE',
  'BE',
  'NL',
  'LU',
  'PL',
  'HU',
  'IE',
  'MT',
  'CZ',
  'NO',
  'BG',
  'SE',
  'DK',
  'AT',
  'SK',
  'FI',
  'GB',
  'GR',
  'EE',
  'IS',
  'CY',
  'HR',
  'LV',
  'RO',
] as const

/** Parameters of {@link createConnectSession}. All optional; Bridge asks for `userEmail` except for temporary bank synchronisation. */
export const CreateConnectSessionParams = v.object({
  /** The end user's e-mail. */
  userEmail: v.optional(EmailParam),
  /** Preselected country (upper case). */
  countryCode: v.optional(v.picklist(CONNECT_COUNTRIES, 'must be a country Connect supports, e.g. FR')),
  /** Only providers with all these capabilities, e.g. `['aggregation']`. */
  capabilities: v.optional(v.array(TextParam(100))),
  /** `false` skips the account-selection screen (Bridge's default is `true`). */
  allowAccountSelection: v.optional(v.boolean('must be a boolean')),
  /** Most accounts the user may select. */
  maxSelectableAccounts: v.optional(
    v.pipe(v.number('must be a number'), v.integer('must be an integer'), v.minValue(1, 'must be ≥ 1')),
  ),
  /** Where Connect redirects at the end (with `user_uuid`, `item_id`, `success`, `step`, `context`). */
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
  /** Skip the bank list: this provider (e.g. 574, Demo Bank). */
  providerId: v.optional(IdParam),
  /** Manage or re-authenticate (renew SCA for) this existing item. */
  itemId: v.optional(IdParam),
  /** Force a new strong customer authentication on `itemId`. */
  forceReauthentication: v.optional(v.boolean('must be a boolean')),
})
/** Parameters of {@link createConnectSession}. */
export type CreateConnectSessionParams = v.InferInput<typeof CreateConnectSessionParams>

/**
 * Creates a Connect session, where the user connects a bank or renews an item's authentication
 * (`POST /v3/aggregation/connect-sessions`, user token; 201).
 *
 * @param ctx - a context with a `user`.
 * @param params - Connect options (see {@link CreateConnectSessionParams}).
 * @returns a task of the {@link ConnectSession}: send the user to its `url`.
 * @example
 * ```ts
 * import { createConnectSession, createContext } from 'bridgeapi'
 * const ctx = createContext({ clientId: 'id', clientSecret: 'secret', user: { externalUserId: 'u-1' } })
 * const session = await createConnectSession(ctx, { userEmail: 'j.doe@mail.com', callbackUrl: 'https://app.example/done' })()
 * ```
 */
export const createConnectSession = defineOperation({
  name: 'createConnectSession',
  api: v3,
  method: 'POST',
  auth: 'user',
  params: CreateConnectSessionParams,
  path: () => '/v3/aggregation/connect-sessions',
  body: (p) => ({
    user_email: p.userEmail,
    country_code: p.countryCode,
    capabilities: p.capabilities,
    allow_account_selection: p.allowAccountSelection,
    max_selectable_accounts: p.maxSelectableAccounts,
    callback_url: p.callbackUrl,
    context: p.context,
    account_types: p.accountTypes,
    provider_id: p.providerId,
    item_id: p.itemId,
    force_reauthentication: p.forceReauthentication,
  }),
  response: ConnectSession,
})
