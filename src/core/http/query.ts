/** A value allowed in a query string. Arrays become repeated keys (`?k=a&k=b`), the form Bridge accepts. */
export type QueryValue =
  | string
  | number
  | boolean
  | Date
  | undefined
  | null
  | readonly (string | number | boolean)[]

/** Query parameters by their Bridge names. `undefined` and `null` entries are left out. */
export type Query = Readonly<Record<string, QueryValue>>

const encodeScalar = (value: string | number | boolean | Date): string =>
  value instanceof Date ? value.toISOString() : String(value)

/**
 * Encodes query parameters: repeated keys for lists, ISO 8601 for dates, nothing for `undefined`.
 * @returns the query string with its leading `?`, or `''` when there is nothing to send.
 */
export const encodeQuery = (query: Query | undefined): string => {
  if (!query) return ''
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue
    if (Array.isArray(value)) {
      for (const item of value) search.append(key, encodeScalar(item))
    } else {
      search.append(key, encodeScalar(value as string | number | boolean | Date))
    }
  }
  const encoded = search.toString()
  return encoded ? `?${encoded}` : ''
}

/**
 * Builds a path from a template, percent-encoding every interpolated value so that an id can never
 * add a segment, a query or a fragment.
 *
 * @example path`/v3/aggregation/accounts/${accountId}`
 */
export const path = (strings: TemplateStringsArray, ...values: readonly (string | number)[]): string =>
  strings.reduce((out, part, index) => {
    const value = values[index - 1]
    return out + (index > 0 ? encodeURIComponent(String(value)) : '') + part
  })
