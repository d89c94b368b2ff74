import { createHmac } from 'node:crypto'
import { readFileSync } from 'node:fs'

/**
 * Signing with node:crypto, an implementation independent of the SDK's Web Crypto code, in the format
 * Bridge's own plugin checks: upper-case hex HMAC-SHA256 of the raw body.
 */
export const sign = (body: string | Uint8Array, secret: string): string =>
  createHmac('sha256', secret).update(body).digest('hex').toUpperCase()

export const SECRET = 'whsec-current-5f2d9c1e8a7b6d4c3e2f1a0b'
export const PREVIOUS_SECRET = 'whsec-previous-0a1b2c3d4e5f60718293a4b5'

const REFERENCE = new URL('../fixtures/examples', import.meta.url).pathname

/** A documented example: its name, API version, and the body as Bridge would send it. */
export interface Example {
  readonly name: string
  readonly version: '2025-01-15' | '2021-06-01'
  readonly body: string
  readonly payload: Record<string, unknown>
}

const readJson = (file: string): Record<string, any> =>
  JSON.parse(readFileSync(`${REFERENCE}/${file}`, 'utf8'))

/**
 * Every webhook example of both versions. The 2025-01-15 payment-account variant has only `content`
 * and `type` (its timestamp was lost in the crawl), so a timestamp is added to make it a delivery.
 * `item.account.deleted` has no example (`payload: null`) and is left out.
 */
export const loadExamples = (): Example[] => {
  const v3 = readJson('v2025-01-15/webhooks.json')
  const v2 = readJson('v2021-06-01/webhooks.json')
  const examples: Example[] = []
  for (const [name, entry] of Object.entries(v3)) {
    if (name.startsWith('_')) continue
    const payload =
      entry.payload ??
      (entry.payload_content
        ? { type: entry.type, timestamp: 1612783550980, content: entry.payload_content }
        : null)
    if (payload)
      examples.push({ name, version: '2025-01-15', payload, body: JSON.stringify(payload, null, 2) })
  }
  for (const [name, entry] of Object.entries(v2)) {
    examples.push({ name, version: '2021-06-01', payload: entry.body, body: JSON.stringify(entry.body) })
  }
  return examples
}
