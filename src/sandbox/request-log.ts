// The log of requests the sandbox received, with secrets redacted and bodies capped.
import { redactDeep } from '../core/redacted.js'
import { parseJson } from './input.js'

/** A request as the sandbox received it; secrets are replaced by `[redacted]`. */
export interface RecordedRequest {
  readonly method: string
  readonly path: string
  /** The raw query string, with its `?` (or `''`). */
  readonly search: string
  /** Query parameters; repeated keys give arrays. */
  readonly query: Readonly<Record<string, string | readonly string[]>>
  /** Lower-case header names; `client-secret` and `authorization` redacted. */
  readonly headers: Readonly<Record<string, string>>
  /**
   * Parsed JSON body (password fields redacted), the text when not JSON, or `undefined`. Of a body
   * over 4 096 characters only those first characters are kept, as text; see `bodyCut`.
   */
  readonly body?: unknown
  /**
   * Why `body` is partial or absent though the request had one: `unauthenticated` (wrong client
   * credentials: no body kept), `truncated` (only its first characters, as text), `evicted` (dropped,
   * oldest first, to keep the log's bodies under `maxRecordedBodyBytes`).
   */
  readonly bodyCut?: 'unauthenticated' | 'truncated' | 'evicted'
  /** Sandbox clock when received. */
  readonly at: number
  /** Status answered; absent while in flight and for connection resets. */
  status?: number
  /** Type of the fault injected into this exchange, if any. */
  fault?: string
}

/** Characters of each request body the log keeps. */
export const MAX_RECORDED_BODY_CHARS = 4096
/** Default total size (UTF-8 bytes) of the bodies the log keeps. */
export const DEFAULT_MAX_RECORDED_BODY_BYTES = 4 * 1024 * 1024

const SECRET_HEADERS = new Set(['client-secret', 'authorization'])

/** What the log needs to know about a request besides the request itself. */
export interface Received {
  readonly request: Request
  readonly url: URL
  readonly bodyText: string
  /** Whether it carried the right client credentials: only then is its body kept. */
  readonly authenticated: boolean
  readonly at: number
}

/** Limits of a {@link RequestLog}. */
export interface RequestLogLimits {
  /** Most entries kept (oldest dropped first). */
  readonly maxEntries: number
  /** Most UTF-8 bytes of bodies kept over all entries (oldest bodies dropped first). */
  readonly maxBodyBytes: number
  /** The client secret, redacted from every body. */
  readonly clientSecret: string
}

/** The sandbox's record of requests: bounded in entries and in body bytes, so no caller can fill memory. */
export interface RequestLog {
  /** The entries, oldest first (the array the sandbox hands out as `requests`). */
  readonly entries: readonly RecordedRequest[]
  /** Records a request (its body cut to a prefix, or none when unauthenticated) and returns its entry. */
  record(received: Received): RecordedRequest
  clear(): void
}

type Entry = { -readonly [K in keyof RecordedRequest]: RecordedRequest[K] }

const recordedHeaders = (request: Request): Record<string, string> => {
  const headers: Record<string, string> = {}
  request.headers.forEach((value, key) => {
    headers[key] = SECRET_HEADERS.has(key) ? '[redacted]' : value
  })
  return headers
}

const recordedQuery = (url: URL): Record<string, string | string[]> => {
  const query: Record<string, string | string[]> = {}
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key)
    query[key] = values.length === 1 ? (values[0] as string) : values
  }
  return query
}

/**
 * The body as kept: nothing for an unauthenticated request (anyone may send one, a web page too), a
 * whole short body parsed, or a long body's prefix as text (a cut credential field is still redacted).
 */
const keptBody = (
  { bodyText, authenticated }: Received,
  clientSecret: string,
): Pick<Entry, 'body' | 'bodyCut'> => {
  if (bodyText === '') return {}
  if (!authenticated) return { bodyCut: 'unauthenticated' }
  if (bodyText.length > MAX_RECORDED_BODY_CHARS)
    return {
      body: redactDeep(bodyText.slice(0, MAX_RECORDED_BODY_CHARS), [clientSecret]),
      bodyCut: 'truncated',
    }
  const parsed = parseJson(bodyText)
  return { body: redactDeep(parsed.ok ? parsed.value : bodyText, [clientSecret]) }
}

/**
 * Creates an empty request log.
 *
 * @param limits - most entries, most body bytes, and the secret to redact.
 * @returns the log.
 */
export const createRequestLog = ({
  maxEntries,
  maxBodyBytes,
  clientSecret,
}: RequestLogLimits): RequestLog => {
  const entries: Entry[] = []
  /** The entries that hold a body, oldest first, with the body's size: what is dropped to stay under the cap. */
  const withBody: { entry: Entry; bytes: number }[] = []
  let bodyBytes = 0
  const encoder = new TextEncoder()

  const dropOldestBody = (cut: Entry['bodyCut']) => {
    const oldest = withBody.shift()
    if (!oldest) return
    bodyBytes -= oldest.bytes
    if (cut) {
      delete oldest.entry.body
      oldest.entry.bodyCut = cut
    }
  }

  return {
    entries,
    record(received) {
      const { request, url } = received
      const entry: Entry = {
        method: request.method,
        path: url.pathname,
        search: url.search,
        query: recordedQuery(url),
        headers: recordedHeaders(request),
        ...keptBody(received, clientSecret),
        at: received.at,
      }
      entries.push(entry)
      if (entry.body !== undefined) {
        const bytes = encoder.encode(received.bodyText.slice(0, MAX_RECORDED_BODY_CHARS)).length
        withBody.push({ entry, bytes })
        bodyBytes += bytes
      }
      if (entries.length > maxEntries) {
        // Entries and bodies are both oldest first: the bodies of dropped entries are at the front.
        const dropped = new Set(entries.splice(0, entries.length - maxEntries))
        while (withBody[0] && dropped.has(withBody[0].entry)) dropOldestBody(undefined)
      }
      while (bodyBytes > maxBodyBytes) dropOldestBody('evicted')
      return entry
    },
    clear() {
      entries.length = 0
      withBody.length = 0
      bodyBytes = 0
    },
  }
}
