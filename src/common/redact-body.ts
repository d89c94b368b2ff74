import { REDACTED } from '../core/redacted.js'

/**
 * Field names whose values are secrets wherever they appear in a JSON body: passwords (`password`,
 * `current_password`…), client secrets and access tokens.
 */
const SECRET_FIELD = /password|secret|^access_token$/i

/**
 * A copy of a JSON value with every secret field's value replaced by `[redacted]`, at any depth.
 * The SDK uses it for bodies in validation errors, the sandbox for the requests it records.
 */
export const redactBody = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(redactBody)
  if (!value || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, SECRET_FIELD.test(key) ? REDACTED : redactBody(item)]),
  )
}
