/** Redacted and the redaction of secrets from anything the SDK returns. */
const inspectSymbol = Symbol.for('nodejs.util.inspect.custom')
const denoInspectSymbol = Symbol.for('Deno.customInspect')

/** What every serialization of a {@link Redacted} value prints. */
export const REDACTED = '[redacted]'

/**
 * A secret (client secret, password, access token) that hides itself from `String()`,
 * `JSON.stringify`, `util.inspect` and Deno's inspector. Read it with {@link Redacted.reveal}.
 *
 * @example
 * ```ts
 * import { Redacted } from 'bridgeapi'
 * const secret = new Redacted('s3cr3t')
 * JSON.stringify({ secret }) // '{"secret":"[redacted]"}'
 * secret.reveal() // 's3cr3t'
 * ```
 */
export class Redacted {
  readonly #value: string

  /** @param value - the secret to hide. */
  constructor(value: string) {
    this.#value = value
  }

  /** @returns the secret itself; call it only where the secret is really needed. */
  reveal(): string {
    return this.#value
  }

  /** @returns `[redacted]`. */
  toString(): string {
    return REDACTED
  }

  /** @returns `[redacted]`, so `JSON.stringify` never shows the secret. */
  toJSON(): string {
    return REDACTED
  }

  /** Node's `util.inspect` hook. */
  [inspectSymbol](): string {
    return REDACTED
  }

  /** Deno's inspect hook. */
  [denoInspectSymbol](): string {
    return REDACTED
  }
}

/** @returns the value wrapped in {@link Redacted}, unless it already is. */
export const redact = (value: string | Redacted): Redacted =>
  value instanceof Redacted ? value : new Redacted(value)

const escaped = (text: string): string => JSON.stringify(text).slice(1, -1)

/** `text` form-encoded (`application/x-www-form-urlencoded`: `+` for spaces, `!'()*` escaped too). */
const formEncoded = (text: string): string => new URLSearchParams([['', text]]).toString().slice(1)

const HTML_SPECIAL = /[&<>"']/g
const HTML_NAMES: Readonly<Record<string, string>> = { '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }
/** `text` as HTML templates escape it: named entities (`'` as `&#39;` or `&apos;`), decimal or hex. */
const htmlEscapes = (text: string): string[] => [
  text.replace(HTML_SPECIAL, (c) => `&${HTML_NAMES[c] ?? '#39'};`),
  text.replace(HTML_SPECIAL, (c) => `&${HTML_NAMES[c] ?? 'apos'};`),
  text.replace(HTML_SPECIAL, (c) => `&#${c.charCodeAt(0)};`),
  text.replace(HTML_SPECIAL, (c) => `&#x${c.charCodeAt(0).toString(16)};`),
]

/** `text` URL-encoded as a path or query component, and form-encoded, each with upper- and lower-case hex. */
const urlEncodings = (text: string): string[] =>
  [encodeURIComponent(text), formEncoded(text)].flatMap((form) => [
    form,
    form.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
  ])

/**
 * Each secret as given and trimmed (runtimes trim header values, so an echo shows the trimmed form),
 * each JSON-escaped once and twice (an echo of a JSON body inside a JSON body), URL-encoded (a
 * server quoting a query or form body) and HTML-escaped (an error page), longest first.
 */
const secretForms = (secrets: readonly (string | undefined)[]): string[] =>
  [
    ...new Set(
      secrets.flatMap((secret) =>
        (secret ? [secret, secret.trim()] : []).flatMap((form) =>
          form
            ? [form, escaped(form), escaped(escaped(form)), ...urlEncodings(form), ...htmlEscapes(form)]
            : [],
        ),
      ),
    ),
  ].sort((a, b) => b.length - a.length)

/**
 * `text` with every occurrence of each secret (in each of its forms) replaced by `[redacted]`: for
 * text written by others (runtimes, servers, proxies, token stores) that may quote a secret.
 */
export const redactIn = (text: string, secrets: readonly (string | undefined)[]): string =>
  redactForms(text, secretForms(secrets))

const redactForms = (text: string, forms: readonly string[]): string =>
  forms.reduce<string>((out, secret) => out.split(secret).join(REDACTED), text)

/**
 * JSON fields that hold a credential, whoever sent them (a token response, an echoed request body, a
 * token store quoting an entry): snake_case as Bridge writes them, camelCase as stores do.
 */
const SECRET_FIELD =
  /^(access_?token|refresh_?token|password|current_?password|new_?password|client_?secret)$/i
/** The same fields inside JSON text, value possibly cut short (a truncated body). */
const SECRET_FIELD_IN_TEXT =
  /("(?:access_?token|refresh_?token|password|current_?password|new_?password|client_?secret)"\s*:\s*")(?:[^"\\]|\\.)*/gi

/**
 * The one redaction the SDK applies to what it returns (errors, raw responses): every string, at any
 * depth, loses the known secrets and the values of credential fields; credential fields of objects
 * become `[redacted]`.
 */
export const redactDeep = <T>(value: T, secrets: readonly (string | undefined)[]): T => {
  const forms = secretForms(secrets)
  const walk = (item: unknown): unknown => {
    if (typeof item === 'string')
      return redactForms(item.replace(SECRET_FIELD_IN_TEXT, `$1${REDACTED}`), forms)
    if (Array.isArray(item)) return item.map(walk)
    if (!item || typeof item !== 'object' || Object.getPrototypeOf(item) !== Object.prototype) return item
    return Object.fromEntries(
      Object.entries(item).map(([key, inner]) => [key, SECRET_FIELD.test(key) ? REDACTED : walk(inner)]),
    )
  }
  return walk(value) as T
}

/** The string values of credential fields in a request body (e.g. a password sent to authenticate). */
export const secretFieldsOf = (body: unknown): string[] =>
  body && typeof body === 'object'
    ? Object.entries(body).flatMap(([key, value]) =>
        SECRET_FIELD.test(key) && typeof value === 'string' ? [value] : secretFieldsOf(value),
      )
    : []
