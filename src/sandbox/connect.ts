// Completing (or abandoning) a Connect session as a scenario says: the item, accounts and status it leaves.
import * as v from 'valibot'
import { type AccountKind, DEMO_BANK_ACCOUNTS, generateItem } from './generate.js'
import { count, describeIssues, MAX_SEED_TRANSACTIONS } from './input.js'
import type { Rng } from './random.js'
import type { ItemRecord, SessionRecord } from './state.js'
import type { SandboxState } from './store.js'

/**
 * What happens when a user finishes (or abandons) Bridge Connect. In Bridge's sandbox the login
 * typed at Demo Bank picks the outcome; here the scenario does.
 */

/**
 * Outcomes of a connection, named after the Demo Bank logins of Bridge's sandbox:
 * - `success` (also `otp`, `app2app`): item status 0 with accounts and transactions;
 * - `success.1010`: accounts and transactions, then the item needs a new SCA (status 1010);
 * - `402` (wrong credentials), `429` (action needed at the bank), `1003` (technical error),
 *   `1005` (not supported), `1010`, `otp_fail`, `app2app_expiry` (SCA not completed): an item with
 *   that status and no accounts;
 * - `abort`: the user closed Connect; no item.
 */
export type ConnectScenario =
  | 'success'
  | 'otp'
  | 'app2app'
  | 'success.1010'
  | '402'
  | '429'
  | '1003'
  | '1005'
  | '1010'
  | 'otp_fail'
  | 'app2app_expiry'
  | 'abort'

/** Each scenario and the item status it leaves (`undefined`: no item). */
const SCENARIO_STATUS: readonly (readonly [ConnectScenario, number | undefined])[] = [
  ['success', 0],
  ['otp', 0],
  ['app2app', 0],
  ['success.1010', 1010],
  ['402', 402],
  ['429', 429],
  ['1003', 1003],
  ['1005', 1005],
  ['1010', 1010],
  ['otp_fail', 1010],
  ['app2app_expiry', 1010],
  ['abort', undefined],
]

/** Every {@link ConnectScenario}, e.g. to offer them in a test's table. */
export const CONNECT_SCENARIOS: readonly ConnectScenario[] = SCENARIO_STATUS.map(([scenario]) => scenario)

/** Item status codes: the 2025-01-15 `status_code_info` and the description in English and French. */
export const ITEM_STATUSES: Readonly<Record<number, { info?: string; en?: string; fr?: string }>> = {
  0: { info: 'ok' },
  [-2]: { en: 'The item was just added; its first refresh is in progress.' },
  [-3]: { en: 'The credentials were just updated; a refresh is in progress.' },
  402: {
    info: 'invalid_creds',
    en: 'Wrong credentials: ask the user to update them.',
    fr: 'Identifiants incorrects : demandez à l’utilisateur de les mettre à jour.',
  },
  429: {
    info: 'tos_to_validate',
    en: 'An action is required on the bank’s website (accept terms, change password…).',
    fr: 'Une action est requise sur le site de la banque (conditions, mot de passe…).',
  },
  1003: {
    info: 'cnt_crash',
    en: 'Technical error: the item could not be refreshed. It will be retried automatically.',
    fr: 'Erreur technique : l’item n’a pas pu être rafraîchi. Une nouvelle tentative aura lieu.',
  },
  1005: {
    info: 'otp_not_supported',
    en: 'This account or bank is not supported.',
    fr: 'Ce compte ou cette banque n’est pas pris en charge.',
  },
  1010: {
    info: 'otp_required',
    en: 'Please enter the strong authentication (SMS, notifications, etc.) provided by your bank.',
    fr: 'Veuillez saisir l’authentification forte (SMS, notification, etc.) fournie par votre banque.',
  },
}

/** Options of a connection completion. */
export interface CompleteOptions {
  /** Default `success`. */
  readonly scenario?: ConnectScenario
  /** Transactions to create over the item's accounts. Default 150. */
  readonly transactions?: number
  /** Kinds of accounts to create. Default: Demo Bank's checking, joint, card, savings, loan and brokerage accounts. */
  readonly accounts?: readonly AccountKind[]
}

/** What a completed Connect session produced. */
export interface ConnectResult {
  readonly sessionId: string
  readonly userUuid: string
  /** The new (or re-authenticated) item; absent for `abort`. */
  readonly itemId?: number
  readonly status?: number
  readonly accountIds: readonly number[]
  /** Where Connect would send the user's browser: the session's `callback_url` with `user_uuid`, `item_id`, `success`, `step`, `context`. */
  readonly callbackUrl?: string
}

/** A problem with a completion request (unknown or finished session, unknown scenario). */
export class ConnectError extends Error {
  override readonly name = 'ConnectError'
  constructor(
    message: string,
    readonly reason: 'not_found' | 'already_completed' | 'invalid',
  ) {
    super(message)
  }
}

/** Completion options as the admin API accepts them (`accounts` is for the JavaScript API only). */
export const CompleteSchema = v.object({
  scenario: v.optional(v.picklist(CONNECT_SCENARIOS)),
  transactions: v.optional(count(MAX_SEED_TRANSACTIONS)),
})

const callback = (
  session: SessionRecord,
  item: ItemRecord | undefined,
  success: boolean,
): string | undefined => {
  if (!session.callbackUrl) return undefined
  const url = new URL(session.callbackUrl)
  url.searchParams.set('user_uuid', session.userUuid)
  if (item) url.searchParams.set('item_id', String(item.id))
  url.searchParams.set('success', String(success))
  if (!success) url.searchParams.set('step', item ? 'sync_error' : 'bank_selection')
  if (session.context) url.searchParams.set('context', session.context)
  return url.toString()
}

/** Completes a Connect session: creates (or re-authenticates) the item as the scenario says. */
export const completeConnectSession = (
  state: SandboxState,
  rng: Rng,
  sessionId: string,
  options: CompleteOptions = {},
): ConnectResult => {
  const session = state.session(sessionId)
  if (session?.kind !== 'connect') throw new ConnectError(`Unknown connect session ${sessionId}`, 'not_found')
  if (session.completedItemId !== undefined)
    throw new ConnectError(`Connect session ${sessionId} is already completed`, 'already_completed')
  const checked = v.safeParse(CompleteSchema, options)
  if (!checked.success)
    throw new ConnectError(`Invalid completion options: ${describeIssues(checked.issues)}`, 'invalid')
  const scenario = checked.output.scenario ?? 'success'
  const status = SCENARIO_STATUS.find(([name]) => name === scenario)?.[1]
  const base = { sessionId, userUuid: session.userUuid }
  if (status === undefined) {
    const callbackUrl = callback(session, undefined, false)
    return { ...base, accountIds: [], ...(callbackUrl ? { callbackUrl } : {}) }
  }
  const existing =
    session.itemId === undefined
      ? undefined
      : state.refreshItem(session.userUuid, session.itemId, status, 'connect')
  const withData = status === 0 || scenario === 'success.1010'
  // Managing an existing item (SCA renewal): same item and accounts, new status and SCA expiry.
  const { item, accounts } = existing
    ? { item: existing, accounts: state.accounts(session.userUuid, existing.id) }
    : generateItem(state, rng, {
        userUuid: session.userUuid,
        providerId: session.providerId ?? 574,
        accounts: withData ? (options.accounts ?? DEMO_BANK_ACCOUNTS) : [],
        transactions: withData ? (checked.output.transactions ?? 150) : 0,
        status,
        accountTypes: session.accountTypes,
      })
  state.completeSession(sessionId, item.id)
  const callbackUrl = callback(session, item, status === 0)
  const accountIds = accounts.map((a) => a.id)
  return { ...base, itemId: item.id, status, accountIds, ...(callbackUrl ? { callbackUrl } : {}) }
}
