/** verifyWebhookSignature: checks the BridgeApi-Signature header against the raw body. */
import type { TaskEither } from 'fp-ts/TaskEither'
import * as E from '../core/either.js'
import { Redacted } from '../core/redacted.js'
import { asTask } from '../core/task.js'
import { bodyBytes, type WebhookBody } from './body.js'
import type { WebhookSignatureError } from './errors.js'

/**
 * Name of the header that carries Bridge's webhook signature (header names are case-insensitive).
 *
 * @example
 * ```ts
 * import { WEBHOOK_SIGNATURE_HEADER } from 'bridgeapi/webhooks'
 * const signature = new Headers({ 'bridgeapi-signature': 'v1=AB…' }).get(WEBHOOK_SIGNATURE_HEADER)
 * ```
 */
export const WEBHOOK_SIGNATURE_HEADER = 'BridgeApi-Signature'

/**
 * The webhook secret(s) shown in Bridge's dashboard: one, or the current and the previous one during a
 * rotation (Bridge keeps the old secret valid for 24 h). Empty and `undefined` entries are skipped, so
 * `[env.CURRENT, env.PREVIOUS]` works whether or not a rotation is under way.
 *
 * @example
 * ```ts
 * import { Redacted } from 'bridgeapi'
 * import type { WebhookSecrets } from 'bridgeapi/webhooks'
 * const secrets: WebhookSecrets = [new Redacted('current-secret'), process.env.BRIDGE_WEBHOOK_SECRET_PREVIOUS]
 * ```
 */
export type WebhookSecrets = string | Redacted | readonly (string | Redacted | undefined)[]

/**
 * What {@link verifyWebhookSignature} and `verifyAndParseWebhook` check.
 *
 * @example
 * ```ts
 * import { verifyWebhookSignature, type VerifyWebhookSignatureParams } from 'bridgeapi/webhooks'
 * const params: VerifyWebhookSignatureParams = { body: '{"type":"TEST_EVENT"}', signature: 'v1=9F…', secrets: 'whsec' }
 * const verified = await verifyWebhookSignature(params)()
 * ```
 */
export interface VerifyWebhookSignatureParams {
  /** The raw request body, as received. */
  readonly body: WebhookBody
  /** Value of the `BridgeApi-Signature` header (`null`/`undefined` when absent, as `Headers.get` gives it). */
  readonly signature: string | null | undefined
  readonly secrets: WebhookSecrets
}

const MAC_BYTES = 32
const V1_ENTRY = /^v1=([0-9a-f]{64})$/i
const V1_PREFIX = /^v1=/i
/** Other schemes (`v2=`…) Bridge might add later are skipped, as Bridge's own plugins do. */
const OTHER_SCHEME = /^v\d+=/i

/** A {@link WebhookSignatureError}. */
export const signatureError = (
  reason: WebhookSignatureError['reason'],
  message: string,
): WebhookSignatureError => ({
  _tag: 'WebhookSignatureError',
  reason,
  message,
})

const hexToBytes = (hex: string): Uint8Array => {
  const bytes = new Uint8Array(hex.length / 2)
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16)
  return bytes
}

/** @returns the MACs of every `v1=` entry of the header (hex case does not matter). */
export const parseSignatureHeader = (
  header: string | null | undefined,
): E.Either<WebhookSignatureError, Uint8Array[]> => {
  if (header === null || header === undefined)
    return E.left(signatureError('missing_header', `No ${WEBHOOK_SIGNATURE_HEADER} header`))
  // JavaScript callers may pass Node's `string[]` for repeated headers.
  if (typeof header !== 'string')
    return E.left(signatureError('malformed_header', `${WEBHOOK_SIGNATURE_HEADER} must be a string`))
  const macs: Uint8Array[] = []
  const entries = header.split(',').map((entry) => entry.trim())
  for (const [index, entry] of entries.entries()) {
    const v1 = V1_ENTRY.exec(entry)
    if (v1?.[1]) macs.push(hexToBytes(v1[1]))
    else if (V1_PREFIX.test(entry) || !OTHER_SCHEME.test(entry))
      return E.left(
        signatureError(
          'malformed_header',
          `${WEBHOOK_SIGNATURE_HEADER} entry ${index + 1} is not v1=<64 hexadecimal digits>`,
        ),
      )
  }
  return macs.length > 0
    ? E.right(macs)
    : E.left(signatureError('malformed_header', `${WEBHOOK_SIGNATURE_HEADER} has no v1= entry`))
}

/** The non-empty secrets of a {@link WebhookSecrets} (or of anything a JavaScript caller passed), revealed. */
export const secretList = (secrets: unknown): string[] => {
  const list: unknown[] = Array.isArray(secrets) ? secrets : [secrets]
  return list
    .map((secret) => (secret instanceof Redacted ? secret.reveal() : secret))
    .filter((secret): secret is string => typeof secret === 'string' && secret.length > 0)
}

/** 1 when equal, else 0; always looks at every byte, so the time taken says nothing about the expected MAC. */
const equalBytes = (a: Uint8Array, b: Uint8Array): number => {
  let difference = a.length ^ b.length
  for (let i = 0; i < MAC_BYTES; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0)
  return difference === 0 ? 1 : 0
}

const encoder = new TextEncoder()

/** The HMAC-SHA256 of `data` keyed with `secret`. Rejects when Web Crypto fails. */
export const hmacSha256 = async (subtle: SubtleCrypto, secret: string, data: Uint8Array<ArrayBuffer>) => {
  const key = await subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  return new Uint8Array(await subtle.sign('HMAC', key, data))
}

/**
 * Checks that a webhook delivery comes from Bridge: its `BridgeApi-Signature` header must hold a
 * `v1=` value equal to the upper-case hex HMAC-SHA256 of the raw body keyed with one of your webhook
 * secrets. Several `v1=` values and several secrets (rotation) are accepted; hex case is ignored; the
 * comparison takes the same time whatever the bytes. Uses Web Crypto only, so it runs in Node 20+, Deno,
 * Bun and Cloudflare Workers. Never throws. Bridge signs no timestamp: de-duplicate events yourself.
 *
 * @param params - `body` (raw, as received), `signature` (the header value), `secrets`.
 * @returns a task (run it: `verifyWebhookSignature(params)()`) of `Right(true)` when the signature
 *   matches, else of a {@link WebhookSignatureError}.
 * @example
 * ```ts
 * import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from 'bridgeapi/webhooks'
 * export default {
 *   async fetch(request: Request, env: { BRIDGE_WEBHOOK_SECRET: string }) {
 *     const body = await request.arrayBuffer()
 *     const signature = request.headers.get(WEBHOOK_SIGNATURE_HEADER)
 *     const verified = await verifyWebhookSignature({ body, signature, secrets: env.BRIDGE_WEBHOOK_SECRET })()
 *     return new Response(null, { status: verified._tag === 'Right' ? 200 : 401 })
 *   },
 * }
 * ```
 */
export const verifyWebhookSignature = (
  params: VerifyWebhookSignatureParams,
): TaskEither<WebhookSignatureError, true> => {
  // The body is copied now: a caller reusing its buffer before the task runs cannot change what is checked.
  const bytes = bodyBytes(params.body)
  return asTask(() => verifySignedBytes(bytes, params))
}

/**
 * Checks the signature of `bytes`, the caller's own copy of the body (`undefined` when the body was
 * not raw bytes or text).
 */
export const verifySignedBytes = async (
  bytes: Uint8Array<ArrayBuffer> | undefined,
  params: Omit<VerifyWebhookSignatureParams, 'body'>,
): Promise<E.Either<WebhookSignatureError, true>> => {
  if (!bytes)
    return E.left(
      signatureError(
        'invalid_body',
        'The body must be the raw request body (string, Uint8Array or ArrayBuffer), not parsed JSON',
      ),
    )
  const secrets = secretList(params.secrets)
  if (secrets.length === 0) return E.left(signatureError('no_secret', 'No webhook secret was given'))
  const provided = parseSignatureHeader(params.signature)
  if (E.isLeft(provided)) return provided
  const subtle = globalThis.crypto?.subtle
  if (!subtle)
    return E.left(signatureError('crypto_unavailable', 'Web Crypto (crypto.subtle) is not available'))
  let expected: Uint8Array[]
  try {
    expected = await Promise.all(secrets.map((secret) => hmacSha256(subtle, secret, bytes)))
  } catch {
    return E.left(signatureError('crypto_unavailable', 'Web Crypto could not compute HMAC-SHA256'))
  }
  // Every pair is compared (no early exit), so timing does not tell which secret or entry matched.
  let matched = 0
  for (const mac of expected) for (const candidate of provided.right) matched |= equalBytes(mac, candidate)
  return matched === 1
    ? E.right(true)
    : E.left(signatureError('mismatch', `No ${WEBHOOK_SIGNATURE_HEADER} value matches the webhook secret(s)`))
}
