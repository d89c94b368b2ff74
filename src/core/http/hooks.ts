/** The observability hooks of a context and the events they receive (secrets redacted). */

/** What an `onRequest` hook sees. Secret headers are replaced by `[redacted]`. */
export interface RequestEvent {
  readonly operation: string
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  /** 1 for the first attempt, 2 for the first retry, … */
  readonly attempt: number
  /** The call's id: the same on every attempt of one call and on the token requests it made. */
  readonly correlationId: string
}

/** What an `onResponse` hook sees; `status` is absent when the request failed at the network level. */
export interface ResponseEvent {
  readonly operation: string
  readonly method: string
  readonly url: string
  readonly attempt: number
  /** The call's id, as in its {@link RequestEvent}s. */
  readonly correlationId: string
  readonly status?: number
  readonly durationMs: number
  readonly requestId?: string
  /** Tag of the network-level failure, when there was no response. */
  readonly failure?: 'NetworkError' | 'TimeoutError' | 'AbortError'
}

/**
 * Observability hooks, called for every attempt of every request (token requests included). They must
 * not throw; if they do, the error is ignored. Each call of an endpoint function gets one
 * `correlationId` (a random UUID), carried by the events of all its attempts and of the token requests
 * it made, so a log can group them; a list gives each page its own.
 */
export interface Hooks {
  readonly onRequest?: (event: RequestEvent) => void
  readonly onResponse?: (event: ResponseEvent) => void
}
