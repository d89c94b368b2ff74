/**
 * A webhook request body exactly as received: the text, or its bytes. Signatures are computed over
 * these bytes, so pass the raw body, not JSON that was parsed and re-serialized.
 *
 * @example
 * ```ts
 * import type { WebhookBody } from 'bridgeapi/webhooks'
 * const fromWorker: WebhookBody = await new Request('https://example.test', { method: 'POST', body: '{}' }).arrayBuffer()
 * ```
 */
export type WebhookBody = string | Uint8Array | ArrayBuffer

const encoder = new TextEncoder()

/**
 * @returns a copy of the body's bytes (text as UTF-8), or `undefined` when it is not a {@link WebhookBody}.
 * Always a copy: what is verified, then parsed, cannot change if the caller reuses its buffer meanwhile,
 * and Web Crypto gets a plain ArrayBuffer even for Buffer pool slices or SharedArrayBuffer views.
 */
export const bodyBytes = (body: unknown): Uint8Array<ArrayBuffer> | undefined => {
  if (typeof body === 'string') return encoder.encode(body)
  if (body instanceof Uint8Array) return new Uint8Array(body)
  // `instanceof ArrayBuffer` fails across realms (vm contexts, some test environments).
  if (Object.prototype.toString.call(body) === '[object ArrayBuffer]')
    return new Uint8Array((body as ArrayBuffer).slice(0))
  return undefined
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true })

/** @returns the body as text, `undefined` when it is not a {@link WebhookBody}, or `null` for invalid UTF-8. */
export const bodyText = (body: unknown): string | undefined | null => {
  if (typeof body === 'string') return body
  const bytes = bodyBytes(body)
  if (!bytes) return undefined
  try {
    return strictDecoder.decode(bytes)
  } catch {
    return null
  }
}

/** @returns the bytes as lower-case hexadecimal. */
export const toHex = (bytes: Uint8Array): string =>
  Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
