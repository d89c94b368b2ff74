/** Reading a Connect callback URL, shared by both API versions. */
import * as v from 'valibot'
import * as E from '../core/either.js'
import { type InputValidationError, inputError, toIssues } from '../core/errors.js'

/*
 * The query parameters Bridge Connect appends to your callback (redirect) URL, shared by both API
 * versions (docs.bridgeapi.io/docs/end-of-the-connect-flow; v2021.06.01/docs/out-of-the-bridge-connect).
 * Bridge documents no error parameter: a failure is `success=false` with the `step` the user left at.
 */

/**
 * Where the user left Bridge Connect (`step` of the callback, sent when `success` is `false`). The
 * documented values of both versions show in the type; any other lower-case name passes, since the
 * list changes between the docs' versions.
 *
 * @example
 * ```ts
 * import type { ConnectCallbackStep } from 'bridgeapi'
 * const quitAtCredentials = (step: ConnectCallbackStep | undefined) => step === 'bank_creds_form'
 * ```
 */
export type ConnectCallbackStep =
  | 'highlighted_banks'
  | 'link_iban_error'
  | 'list_banks'
  | 'sub_banks_list'
  | 'bank_creds_form'
  | 'edit_bank_creds_form'
  | 'sync_in_progress'
  | 'otp_form'
  | 'sync_success'
  | 'sync_error'
  | 'sync_pending'
  | 'pro_validation_form'
  | 'email_validation_form'
  | (string & {})

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const NAME = /^[a-z0-9_]{1,64}$/

/** The parameters both versions send, checked strictly (each value from the user's browser). */
export const callbackEntries = {
  success: v.pipe(
    v.picklist(['true', 'false'], 'must be true or false'),
    v.transform((text) => text === 'true'),
  ),
  user_uuid: v.pipe(v.string(), v.regex(UUID, 'must be a UUID')),
  item_id: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^[1-9][0-9]{0,14}$/, 'must be a positive integer'),
      v.transform((text) => Number(text)),
    ),
  ),
  step: v.optional(v.pipe(v.string(), v.regex(NAME, 'must be a lower-case name'))),
  source: v.optional(v.pipe(v.string(), v.regex(NAME, 'must be a lower-case name'))),
}

/** The error of a callback that cannot be read. */
const invalid = (message: string, issues: InputValidationError['issues']): InputValidationError =>
  inputError('parseConnectCallback', message, issues)

/**
 * Reads the callback's known parameters (`names`) from `url` and checks them with `schema`. Other
 * parameters are ignored: your callback URL may carry its own, and Bridge may add some. A known
 * parameter given twice is refused (which one would be Bridge's?), and so is `success=true` without
 * an `item_id`.
 */
export const readCallback = <T extends { readonly success?: boolean; readonly item_id?: number }>(
  url: unknown,
  schema: v.GenericSchema<Record<string, string>, T>,
  names: readonly string[],
): E.Either<InputValidationError, T> => {
  let query: URLSearchParams
  try {
    if (typeof url !== 'string' && !(url instanceof URL)) throw new TypeError()
    // A relative URL (`/callback?…`, as some frameworks give it) is read against a placeholder origin.
    query = new URL(url, 'http://callback.invalid').searchParams
  } catch {
    return E.left(
      invalid('The callback URL must be a URL (string or URL)', [{ path: '', message: 'must be a URL' }]),
    )
  }
  const repeated = names.filter((name) => query.getAll(name).length > 1)
  if (repeated.length > 0)
    return E.left(
      invalid(
        `The callback repeats ${repeated.join(', ')}`,
        repeated.map((path) => ({ path, message: 'must appear at most once' })),
      ),
    )
  const known = Object.fromEntries(
    names.flatMap((name) => (query.has(name) ? [[name, query.get(name)]] : [])),
  )
  const result = v.safeParse(schema, known)
  const issues = result.success ? [] : toIssues(result.issues)
  // A successful connection names its item.
  if (result.success && result.output.success === true && result.output.item_id === undefined)
    issues.push({ path: 'item_id', message: 'is required when success is true' })
  if (result.success && issues.length === 0) return E.right(result.output)
  return E.left(
    invalid(`Invalid callback parameters: ${issues.map((issue) => issue.path).join(', ')}`, issues),
  )
}
