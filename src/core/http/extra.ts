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
  inputError(operation, `Invalid call options for ${operation}: ${message}`, [{ path, message }])

/**
 * The request with the `extra` parameters added, or an `InputValidationError` (nothing sent) for a key
 * the request already has (the SDK maps it: use the typed parameter) or a body on a request without one.
 */
export const withExtra = (
  spec: RequestSpec,
  extra: ExtraParams | undefined,
): E.Either<InputValidationError, RequestSpec> => {
  if (!extra) return E.right(spec)
  const query = { ...spec.query }
  for (const [key, value] of Object.entries(extra.query ?? {})) {
    if (key in query)
      return E.left(
        refused(
          spec.operation,
          `extra.query.${key}`,
          `extra.query.${key} is a parameter the SDK sends itself: use its typed parameter`,
        ),
      )
    query[key] = value
  }
  if (extra.body === undefined) return E.right({ ...spec, query })
  if (spec.method === 'GET' || spec.method === 'DELETE' || !(spec.body === undefined || isRecord(spec.body)))
    return E.left(
      refused(
        spec.operation,
        'extra.body',
        `extra.body cannot be sent: ${spec.operation} sends no JSON object body`,
      ),
    )
  const body: Record<string, unknown> = { ...(spec.body as Record<string, unknown> | undefined) }
  for (const [key, value] of Object.entries(extra.body)) {
    if (key in body)
      return E.left(
        refused(
          spec.operation,
          `extra.body.${key}`,
          `extra.body.${key} is a parameter the SDK sends itself: use its typed parameter`,
        ),
      )
    body[key] = value
  }
  return E.right({ ...spec, query, body })
}
