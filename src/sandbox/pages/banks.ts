// The bank list the pages show (from the sandbox's providers), with search, and Demo Bank's logins.
import type { ConnectScenario } from '../connect.js'
import { PROVIDERS_V3 } from '../data/providers.js'
import { field, type Html, h, postForm } from './html.js'

/** A provider as the pages list it. */
export interface ListedBank {
  readonly id: number
  readonly name: string
  readonly capabilities: readonly string[]
}

const BANKS: readonly ListedBank[] = PROVIDERS_V3.map((p) => ({
  id: p.id as number,
  name: p.name as string,
  capabilities: p.capabilities as string[],
}))

/** The provider with this id, if the sandbox has it. */
export const bankById = (id: number): ListedBank | undefined => BANKS.find((bank) => bank.id === id)

/** The bank a bank-list form chose (`provider_id`), if it has `capability`. */
export const chosenBank = (fields: URLSearchParams, capability: string): ListedBank | undefined => {
  const bank = bankById(Number(fields.get('provider_id')))
  return bank?.capabilities.includes(capability) ? bank : undefined
}

/** The login and password fields of a bank's login form. */
export const loginFields = (): Html =>
  h`${field('Login', 'login', { autocomplete: 'username' })}${field('Password', 'password', { type: 'password', autocomplete: 'current-password' })}`

/** Lower case without accents, for search. */
const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()

/** Providers with `capability` whose name contains `query` (case and accents ignored), Demo Bank first. */
export const searchBanks = (capability: string, query: string): ListedBank[] =>
  BANKS.filter(
    (bank) => bank.capabilities.includes(capability) && fold(bank.name).includes(fold(query.trim())),
  )

/**
 * The bank list: a search form (GET, `q`) and one button per matching bank, posting `provider_id`.
 *
 * @param nonce - the flow's nonce.
 * @param capability - the capability the banks must have (`aggregation`, `single_payment`).
 * @param query - the search text.
 * @returns the fragment.
 */
export const bankList = (nonce: string, capability: string, query: string): Html => {
  const banks = searchBanks(capability, query)
  const buttons = banks.map(
    (bank) => h`<li><button type="submit" name="provider_id" value="${bank.id}">${bank.name}</button></li>`,
  )
  return h`<form method="get" role="search">${field('Search for your bank', 'q', { type: 'search', value: query })}<button type="submit" class="secondary">Search</button></form>
${postForm(nonce, 'provider', banks.length === 0 ? h`<p>No bank matches “${query}”.</p>` : h`<ul class="list" aria-label="Banks">${buttons}</ul>`)}`
}

/** Demo Bank's Connect logins (any password), Bridge's sandbox table (docs.bridgeapi.io/docs/test-the-bridge-connect). */
export const CONNECT_LOGINS: readonly (readonly [login: string, outcome: string])[] = [
  ['success (or any other login)', 'Successful synchronization'],
  ['otp', 'One-time password step (any code)'],
  ['otp_fail', 'One-time password step; every code is wrong (retry or quit)'],
  ['app2app', 'Validation in the bank’s app'],
  ['app2app_expiry', 'Validation in the bank’s app, which expires'],
  ['402', 'Wrong credentials (retry or quit): item status 402'],
  ['429', 'Action needed on the bank’s website: item status 429'],
  ['1003', 'Technical error: item status 1003'],
  ['1005', 'Not supported: item status 1005'],
  ['1010', 'Strong authentication not completed: item status 1010'],
  ['success.1010', 'Successful synchronization, then a new SCA is needed (1010)'],
]

/** Status scenarios a login may name with a `_<INFO>` suffix (`1005_CLOSED_ACCOUNT`), as Bridge's table allows. */
const STATUS_SCENARIOS: readonly ConnectScenario[] = ['402', '429', '1003', '1005', '1010']
const NAMED: readonly ConnectScenario[] = [
  'success',
  'otp',
  'app2app',
  'success.1010',
  'otp_fail',
  'app2app_expiry',
  ...STATUS_SCENARIOS,
]

/**
 * The scenario a Demo Bank login chooses: a scenario's name (case ignored), a status with a
 * `_<INFO>` suffix (the sandbox keeps its own `status_code_info`), anything else `success` as in
 * Bridge's sandbox. `abort` is not a login: it is the quit button.
 *
 * @param login - what the user typed.
 * @returns the scenario.
 */
export const connectScenarioOf = (login: string): ConnectScenario => {
  const typed = login.trim().toLowerCase()
  const named = NAMED.find((scenario) => scenario === typed)
  if (named) return named
  return STATUS_SCENARIOS.find((scenario) => typed.startsWith(`${scenario}_`)) ?? 'success'
}

/** Demo Bank's payment logins (any password longer than 6 characters), Bridge's sandbox table. */
export const PAYMENT_LOGINS: readonly (readonly [login: string, outcome: string])[] = [
  ['id-acsc (or any other login)', 'Executed at once (ACSC), unless a line’s label names an outcome'],
  ['id-pdng-acsc', 'Pending (PDNG), executed (ACSC) one hour later on the sandbox clock'],
  ['id-pdng-rjct', 'Pending (PDNG), rejected (RJCT, MS03) one hour later'],
  ['id-rjct', 'Rejected at once (RJCT); the link stays valid'],
  ['id-rjct-am18', 'Rejected at once with reason AM18 (any reason Bridge lists)'],
]

/** A table of logins and what they do. */
export const loginTable = (rows: readonly (readonly [string, string])[]): Html =>
  h`<details><summary class="hint">Sandbox logins</summary><table><thead><tr><th scope="col">Login</th><th scope="col">Outcome</th></tr></thead><tbody>${rows.map(([login, outcome]) => h`<tr><td><code>${login}</code></td><td>${outcome}</td></tr>`)}</tbody></table></details>`
