import * as v from 'valibot'

/** Parameter schemas used by several 2025-01-15 resources. */

/** An e-mail address. */
export const EmailParam = v.pipe(v.string('must be a string'), v.email('must be an e-mail address'))

/** An absolute http(s) URL. */
export const UrlParam = v.pipe(
  v.string('must be a string'),
  v.url('must be a URL'),
  v.regex(/^https?:\/\//i, 'must be an http(s) URL'),
)
