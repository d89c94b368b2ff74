/** The sync cursor: what a sync pass hands back to resume from, encoded and checked. */
import * as v from 'valibot'

/*
 * The cursor of `syncTransactions`: `bsync2.<c|k>.<payload>.<tag>`, all base64url. `c` cursors carry a
 * SHA-256 checksum of the payload (against damage), `k` cursors an HMAC-SHA-256 under one of the
 * caller's `cursorKeys` (against hand-editing). The payload is strict JSON, checked by a valibot
 * schema; nothing is decoded before the length is checked.
 */

/** Longest cursor accepted, in characters; a longer one is refused unread. */
export const MAX_CURSOR_LENGTH = 16_384
/** Most rows a cursor remembers to skip what the next listing repeats; past it, it remembers none (they come again). */
export const MAX_REMEMBERED = 200
/** Most page-cursor fingerprints a cursor keeps to detect a list that loops across runs. */
export const MAX_PAGES_REMEMBERED = 64
const PREFIX = 'bsync2.'
const MAX_AFTER_LENGTH = 1_024
const TAG_BYTES = 16

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/
/** An ISO 8601 UTC instant that `Date` understands, between 1970 and 9999. */
export const Instant = v.pipe(
  v.string(),
  v.maxLength(24),
  v.regex(ISO_INSTANT, 'must be an ISO 8601 UTC instant'),
  v.check((text) => !Number.isNaN(Date.parse(text)), 'must be a real instant'),
)
const SafeNat = v.pipe(v.number(), v.safeInteger(), v.minValue(0))

/**
 * What a cursor holds. `since`: the lower bound of the listing (absent: everything). Mid-pass, also
 * `at` (T, the server's time when the pass began), `after` (Bridge's page cursor) and `pages`
 * (fingerprints of the page cursors of this pass). `seen`: `[id, rank]` of rows already delivered
 * that the listing may serve again (`rank` = 2 × updated_at ms, + 1 for a deletion).
 */
export const CursorState = v.strictObject({
  api: v.picklist(['2025-01-15', '2021-06-01']),
  bind: v.pipe(v.string(), v.regex(/^[\w-]{22}$/)),
  account: v.optional(SafeNat),
  since: v.optional(Instant),
  at: v.optional(Instant),
  after: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_AFTER_LENGTH))),
  pages: v.optional(v.pipe(v.array(SafeNat), v.maxLength(MAX_PAGES_REMEMBERED))),
  seen: v.pipe(v.array(v.strictTuple([SafeNat, SafeNat])), v.maxLength(MAX_REMEMBERED)),
})
export type CursorState = v.InferOutput<typeof CursorState>

const encoder = new TextEncoder()

const toBase64url = (bytes: Uint8Array): string => {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

const fromBase64url = (text: string): Uint8Array =>
  Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))

const digest = async (data: string): Promise<Uint8Array> =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(data)))

const hmac = async (key: string, data: string): Promise<Uint8Array> => {
  const imported = await crypto.subtle.importKey(
    'raw',
    encoder.encode(key),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  return new Uint8Array(await crypto.subtle.sign('HMAC', imported, encoder.encode(data)))
}

const tagOf = async (payload: string, key: string | undefined): Promise<string> =>
  toBase64url((key === undefined ? await digest(payload) : await hmac(key, payload)).slice(0, TAG_BYTES))

/** What a cursor is bound to: a 128-bit SHA-256 fingerprint, never the raw values. */
export const bindingOf = async (parts: readonly string[]): Promise<string> =>
  toBase64url((await digest(JSON.stringify(parts))).slice(0, TAG_BYTES))

/** A 52-bit fingerprint of a Bridge page cursor (FNV-1a), to remember many in little space. */
export const fingerprint = (text: string): number => {
  let hash = 0xcbf29ce484222325n
  for (const byte of encoder.encode(text))
    hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn
  return Number(hash & 0xfffffffffffffn)
}

/** Encodes and seals a cursor: checksummed, or signed with the first key. */
export const encodeCursor = async (state: CursorState, keys: readonly string[]): Promise<string> => {
  const payload = toBase64url(encoder.encode(JSON.stringify(state)))
  const kind = keys.length === 0 ? 'c' : 'k'
  return `${PREFIX}${kind}.${payload}.${await tagOf(payload, keys[0])}`
}

/** Why a cursor was refused, or its state. Never throws. */
export const decodeCursor = async (
  cursor: string,
  keys: readonly string[],
): Promise<{ ok: true; state: CursorState } | { ok: false; why: string }> => {
  if (cursor.length > MAX_CURSOR_LENGTH)
    return { ok: false, why: `is longer than ${MAX_CURSOR_LENGTH} characters` }
  const parts = cursor.split('.')
  if (parts.length !== 4 || `${parts[0]}.` !== PREFIX)
    return { ok: false, why: 'is not a cursor of syncTransactions' }
  const [, kind, payload = '', tag = ''] = parts
  if (kind === 'c' && keys.length > 0) return { ok: false, why: 'is not signed, and cursorKeys are set' }
  if (kind !== 'c' && kind !== 'k') return { ok: false, why: 'is not a cursor of syncTransactions' }
  if (kind === 'k' && keys.length === 0) return { ok: false, why: 'is signed, and no cursorKeys are set' }
  const candidates = kind === 'c' ? [undefined] : keys
  let sealed = false
  for (const key of candidates) if ((await tagOf(payload, key)) === tag) sealed = true
  if (!sealed)
    return {
      ok: false,
      why: kind === 'c' ? 'is damaged (checksum mismatch)' : 'is not signed by any of cursorKeys',
    }
  try {
    const json: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64url(payload)))
    const parsed = v.safeParse(CursorState, json)
    return parsed.success ? { ok: true, state: parsed.output } : { ok: false, why: 'holds an invalid state' }
  } catch {
    return { ok: false, why: 'holds an invalid state' }
  }
}
