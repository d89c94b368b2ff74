// Limits and valibot schemas of what the sandbox accepts from its callers (admin API and controls).
import * as v from 'valibot'
import { DEMO_BANK_ACCOUNTS } from './generate.js'

/**
 * Limits and schemas of what the sandbox accepts from its callers (the `/_sandbox/...` admin API
 * and the matching JavaScript methods). The sandbox runs on developers' machines: every number is
 * bounded so one bad call cannot exhaust memory or leave state that breaks later requests.
 */

/** Largest request body any route reads (1 MiB); larger ones get 413. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024
/** Most transactions one seed or one completed Connect session creates. */
export const MAX_SEED_TRANSACTIONS = 1_000_000
/** Most accounts one seed creates. */
export const MAX_SEED_ACCOUNTS = 50
/** Longest history one seed spreads transactions over (about 30 years). */
export const MAX_HISTORY_DAYS = 11_000
/** Longest single clock advance (10 years). */
export const MAX_CLOCK_ADVANCE_MS = 10 * 366 * 86_400_000

/** An integer from 0 to `max`. */
export const count = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(max))

/** `seedUser` options. */
export const SeedUserSchema = v.object({
  externalUserId: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(256))),
  transactions: v.optional(count(MAX_SEED_TRANSACTIONS)),
  accounts: v.optional(
    v.union([
      v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_SEED_ACCOUNTS)),
      v.pipe(v.array(v.picklist(DEMO_BANK_ACCOUNTS)), v.minLength(1), v.maxLength(MAX_SEED_ACCOUNTS)),
    ]),
  ),
  providerId: v.optional(count(2 ** 31)),
  historyDays: v.optional(v.pipe(count(MAX_HISTORY_DAYS), v.minValue(1))),
})

/** `POST /_sandbox/clock/advance`. */
export const ClockAdvanceSchema = v.object({
  ms: v.pipe(v.number(), v.minValue(0), v.maxValue(MAX_CLOCK_ADVANCE_MS)),
})

/** `POST /_sandbox/clock/set` (the range is checked by the clock). */
export const ClockSetSchema = v.object({
  now: v.union([v.pipe(v.number(), v.finite()), v.pipe(v.string(), v.maxLength(64))]),
})

/** Each issue as its dot path (`''` for the root) and message. */
export const issueList = (issues: readonly v.BaseIssue<unknown>[]): { path: string; message: string }[] =>
  issues.map((issue) => ({ path: v.getDotPath(issue) ?? '', message: issue.message }))

/** One line naming each issue's path, for thrown errors. */
export const describeIssues = (issues: readonly v.BaseIssue<unknown>[]): string =>
  issueList(issues)
    .map(({ path, message }) => (path ? `${path}: ${message}` : message))
    .join('; ')

/** Parses input or throws a `TypeError` naming the issues (for the JavaScript controls). */
export const parseOrThrow = <T>(schema: v.GenericSchema<unknown, T>, input: unknown, what: string): T => {
  const result = v.safeParse(schema, input)
  if (!result.success) throw new TypeError(`Invalid ${what}: ${describeIssues(result.issues)}`)
  return result.output
}

/** Parses JSON text, telling a failure apart from any value (`null` included). */
export const parseJson = (text: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

/**
 * Reads a request body as text, stopping at `maxBytes`: `undefined` when the body (or its declared
 * `Content-Length`) is larger, so a huge upload is never held in memory.
 */
export const readBodyText = async (request: Request, maxBytes: number): Promise<string | undefined> => {
  if (Number(request.headers.get('content-length')) > maxBytes) return undefined
  if (!request.body) return ''
  const reader = request.body.getReader()
  const decoder = new TextDecoder()
  let size = 0
  let text = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return text + decoder.decode()
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel()
      return undefined
    }
    text += decoder.decode(value, { stream: true })
  }
}

/** `POST /_sandbox/webhooks/trigger`: an event type and fields to put over its sample content. */
export const WebhookTriggerSchema = v.strictObject({
  type: v.pipe(v.string(), v.maxLength(100)),
  content: v.optional(v.record(v.pipe(v.string(), v.maxLength(100)), v.unknown())),
})
