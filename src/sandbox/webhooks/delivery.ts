// Delivers signed webhook POSTs to the configured URLs, with retries on the sandbox clock and a log.
import { signTestWebhook } from '../../webhooks/sign-test-webhook.js'
import { WEBHOOK_SIGNATURE_HEADER } from '../../webhooks/verify-webhook-signature.js'
import type { Schedule } from '../schedule.js'

/**
 * Waits between attempts, after the first one fails: 1 min, 5 min, 30 min, 2 h, 6 h (six attempts
 * over about 8.6 hours). Bridge documents that it retries but not when, so this is the sandbox's
 * choice; it runs on the sandbox clock, so a test moves the clock instead of waiting.
 */
export const RETRY_DELAYS_MS: readonly number[] = [60_000, 300_000, 1_800_000, 7_200_000, 21_600_000]

/** Each attempt's limit (real time): a receiver slower than this counts as failed. */
export const ATTEMPT_TIMEOUT_MS = 10_000

/** One POST of a delivery. */
export interface WebhookAttempt {
  /** 1 for the first attempt. */
  readonly number: number
  /** Sandbox-clock instant the attempt started (ms). */
  readonly at: number
  /** The receiver's status; absent when there was no response (network error, timeout). */
  readonly status?: number
  /** Why the attempt failed (`HTTP 500`, `redirect not followed`, `timeout after 10000 ms`…). */
  readonly error?: string
  /** Real time the attempt took. */
  readonly durationMs: number
}

/** One event sent to one URL, with its attempts. */
export interface WebhookDelivery {
  /** The delivery's id (also sent as `X-Sandbox-Delivery-Id`, a sandbox-only header). */
  readonly id: string
  readonly url: string
  readonly type: string
  /** The exact body signed and sent; every attempt sends the same bytes. */
  readonly body: string
  /** `pending` (an attempt in flight or waiting), `delivered` (a 2xx), `failed` (every attempt failed). */
  readonly state: 'pending' | 'delivered' | 'failed'
  readonly attempts: readonly WebhookAttempt[]
  /** Sandbox-clock instant of the next retry, while one waits. */
  readonly nextAttemptAt?: number
  /** The delivery this one redelivers. */
  readonly redeliveryOf?: string
}

/** What the delivery engine needs from the sandbox. */
export interface DeliveryOptions {
  readonly urls: readonly string[]
  readonly secret: string
  readonly schedule: Schedule
  readonly userAgent: string
  /** The `fetch` that sends the POSTs. Default: the global one. */
  readonly fetch?: typeof fetch
  /** Told of every attempt once it ends (the CLI prints one line each). */
  readonly onAttempt?: (delivery: WebhookDelivery, attempt: WebhookAttempt) => void
  /** The most deliveries kept in the log (oldest dropped first). */
  readonly maxDeliveries?: number
}

/** The delivery engine of one sandbox. */
export interface DeliveryEngine {
  /** Signs and sends `body` to every URL; the new deliveries. */
  send(type: string, body: string): readonly WebhookDelivery[]
  /** Sends a past delivery's body again, as a new delivery to the same URL. */
  redeliver(id: string): WebhookDelivery | undefined
  /** Every delivery, oldest first (copies). */
  deliveries(): readonly WebhookDelivery[]
  /** Resolves once no attempt is in flight; retries waiting for the sandbox clock do not count. */
  idle(): Promise<void>
  /** Cancels waiting retries; no attempt starts afterwards. */
  close(): void
}

interface Entry {
  delivery: WebhookDelivery
  readonly cancel: { retry?: () => void }
}

const describeFailure = (error: unknown, timedOut: boolean): string =>
  timedOut ? `timeout after ${ATTEMPT_TIMEOUT_MS} ms` : error instanceof Error ? error.message : String(error)

/** A delivery engine; nothing is sent before `send`. */
export const createDeliveryEngine = (options: DeliveryOptions): DeliveryEngine => {
  const send = options.fetch ?? ((input, init) => fetch(input, init))
  const max = options.maxDeliveries ?? 1_000
  const entries = new Map<string, Entry>()
  const inFlight = new Set<Promise<void>>()
  /** Per URL, the end of the last first attempt: first attempts go out in emission order. */
  const lanes = new Map<string, Promise<void>>()
  let sequence = 0
  let closed = false

  /** The `BridgeApi-Signature` value, computed by the SDK's own signer (the same bytes as Bridge signs). */
  const signature = async (body: string): Promise<string> => {
    const signed = await signTestWebhook({ payload: body, secrets: options.secret })()
    if (signed._tag === 'Left') throw new Error(`cannot sign: ${signed.left.message}`)
    return signed.right.headers[WEBHOOK_SIGNATURE_HEADER]
  }

  const attempt = async (entry: Entry, signed: Promise<string>): Promise<void> => {
    if (closed) return
    const { delivery } = entry
    const number = delivery.attempts.length + 1
    const at = options.schedule.clock.now()
    const started = Date.now()
    const controller = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, ATTEMPT_TIMEOUT_MS)
    let result: { status?: number; error?: string }
    try {
      const response = await send(delivery.url, {
        method: 'POST',
        body: delivery.body,
        headers: {
          'content-type': 'application/json',
          'user-agent': options.userAgent,
          [WEBHOOK_SIGNATURE_HEADER]: await signed,
          'x-sandbox-delivery-id': delivery.id,
          'x-sandbox-attempt': String(number),
        },
        // A 3xx is a failure: following it would let a receiver send the sandbox anywhere.
        redirect: 'manual',
        signal: controller.signal,
      })
      await response.body?.cancel().catch(() => {})
      const ok = response.status >= 200 && response.status < 300
      const error =
        response.status >= 300 && response.status < 400 ? 'redirect not followed' : `HTTP ${response.status}`
      result = ok ? { status: response.status } : { status: response.status, error }
    } catch (error) {
      result = { error: describeFailure(error, timedOut) }
    } finally {
      clearTimeout(timer)
    }
    const record: WebhookAttempt = { number, at, ...result, durationMs: Date.now() - started }
    const delay = result.error === undefined ? undefined : RETRY_DELAYS_MS[number - 1]
    const { nextAttemptAt: _, ...rest } = delivery
    entry.delivery = {
      ...rest,
      attempts: [...delivery.attempts, record],
      state: result.error === undefined ? 'delivered' : delay === undefined || closed ? 'failed' : 'pending',
      ...(result.error !== undefined && delay !== undefined && !closed ? { nextAttemptAt: at + delay } : {}),
    }
    options.onAttempt?.(entry.delivery, record)
    const next = entry.delivery.nextAttemptAt
    if (next !== undefined)
      entry.cancel.retry = options.schedule.at(next, () => {
        entry.cancel.retry = undefined
        track(attempt(entry, signed))
      })
  }

  const track = (work: Promise<void>): void => {
    const settled = work.finally(() => inFlight.delete(settled))
    inFlight.add(settled)
  }

  const start = (url: string, type: string, body: string, redeliveryOf?: string): WebhookDelivery => {
    sequence += 1
    const delivery: WebhookDelivery = {
      id: `whd_${sequence}`,
      url,
      type,
      body,
      state: 'pending',
      attempts: [],
      ...(redeliveryOf === undefined ? {} : { redeliveryOf }),
    }
    const entry: Entry = { delivery, cancel: {} }
    entries.set(delivery.id, entry)
    for (const old of entries.keys()) {
      if (entries.size <= max) break
      entries.delete(old)
    }
    const signed = signature(body)
    // A failed signature fails each attempt (awaited there); this keeps it from being unhandled meanwhile.
    signed.catch(() => {})
    const lane = (lanes.get(url) ?? Promise.resolve()).then(() => attempt(entry, signed))
    lanes.set(url, lane)
    track(lane)
    return delivery
  }

  return {
    send: (type, body) => (closed ? [] : options.urls.map((url) => start(url, type, body))),
    redeliver: (id) => {
      const past = entries.get(id)?.delivery
      return past === undefined || closed ? undefined : start(past.url, past.type, past.body, past.id)
    },
    deliveries: () => [...entries.values()].map((entry) => entry.delivery),
    idle: async () => {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight])
    },
    close: () => {
      closed = true
      for (const entry of entries.values()) {
        entry.cancel.retry?.()
        if (entry.delivery.state === 'pending' && entry.delivery.nextAttemptAt !== undefined) {
          const { nextAttemptAt: _, ...rest } = entry.delivery
          entry.delivery = { ...rest, state: 'failed' }
        }
      }
    },
  }
}
