/**
 * The `extra` call option: parameters Bridge added before the SDK maps them, sent as given. The one
 * way past strict inputs, explicit at the call site, and never over a parameter the SDK sends itself.
 */
import * as E from '../either.js'
import { type InputValidationError, type Issue, inputError } from '../errors.js'
import { unknownKeys } from '../unknown-keys.js'
import type { ExtraParams, RequestSpec } from './types.js'

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** What is wrong with an `extra` option's shape, if anything. */
export const extraIssue = (extra: unknown): Issue | undefined => {
  if (!isRecord(extra)) return { path: 'extra', message: 'extra must be an object { query?, body? }' }
  const unknown = unknownKeys(extra, ['query', 'body'], 'extra')[0]
  if (unknown) return unknown
  const { query, body } = extra
  if (
    query !== undefined &&
    !(isRecord(query) && Object.values(query).every((value) => typeof value === 'string'))
  )
    return { path: 'extra.query', message: 'extra.query must be an object of strings' }
  if (body !== undefined && !isRecord(body))
    return { path: 'extra.body', message: 'extra.body must be an object' }
  return undefined
}

const refused = (operation: string, path: string, message: string): InputValidationError =>
  inputError(operation, `Invalid call options for ${operation}: ${path} ${message}`, [
    { path, message: `${path} ${message}` },
  ])

/** The key of `added` that `base` already has (the SDK sends it itself), if any. */
const taken = (base: object, added: object): string | undefined =>
  Object.keys(added).find((key) => key in base)

const MAPPED = 'is a parameter the SDK sends itself: use its typed parameter'

/**
 * The request with the `extra` parameters added, or an `InputValidationError` (nothing sent) for a key
 * the request already has (the SDK maps it: use the typed parameter) or a body on a request without one.
 */
export const withExtra = (
  spec: RequestSpec,
  extra: ExtraParams | undefined,
): E.Either<InputValidationError, RequestSpec> => {
  if (!extra) return E.right(spec)
  const { query = {}, body } = extra
  const inQuery = taken({ ...spec.query }, query)
  if (inQuery !== undefined) return E.left(refused(spec.operation, `extra.query.${inQuery}`, MAPPED))
  const merged = { ...spec, query: { ...spec.query, ...query } }
  if (body === undefined) return E.right(merged)
  if (spec.method === 'GET' || spec.method === 'DELETE' || !(spec.body === undefined || isRecord(spec.body)))
    return E.left(
      refused(spec.operation, 'extra.body', `cannot be sent: ${spec.operation} sends no JSON object body`),
    )
  const inBody = taken({ ...(spec.body as object | undefined) }, body)
  if (inBody !== undefined) return E.left(refused(spec.operation, `extra.body.${inBody}`, MAPPED))
  return E.right({ ...merged, body: { ...(spec.body as object | undefined), ...body } })
}
