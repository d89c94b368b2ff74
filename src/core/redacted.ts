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

/**
 * `text` with every occurrence of each secret replaced by `[redacted]`: for messages written by
 * others (runtimes, token stores) that may quote a value the SDK handed them.
 */
export const redactIn = (text: string, secrets: readonly (string | undefined)[]): string =>
  secrets.reduce<string>((out, secret) => (secret ? out.split(secret).join(REDACTED) : out), text)
